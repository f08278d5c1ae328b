namespace Polo.Data.Tests.Analysis.Fixtures;

/// <summary>Where a fixture resource's cost is stamped.</summary>
public sealed record Place(string AccountId, string Customer = "", string Cluster = "", string IndexName = "", string Region = "us-east-1");
