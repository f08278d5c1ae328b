namespace Polo.Collection.Cost.Explorer;

/// <summary>Cost Explorer answered with an error or something unreadable; nothing from the run was written.</summary>
public sealed class CostExplorerException(string message, Exception? inner = null) : Exception(message, inner);
