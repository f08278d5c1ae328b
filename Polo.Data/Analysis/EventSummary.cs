using Polo.Data.Vocabulary;
namespace Polo.Data.Analysis;

/// <summary>Readable one-line descriptions of resource events from their type and properties.</summary>
public static class EventSummary
{
    public static string Describe(string eventType, IReadOnlyDictionary<string, string> p)
    {
        string Get(string k) => p.TryGetValue(k, out var v) ? v : "?";
        return eventType switch
        {
            EventTypes.Created => p.ContainsKey(EventProperties.InstanceType) ? $"launched {Get(EventProperties.InstanceType)}"
                : p.ContainsKey(EventProperties.SizeGb) ? $"created {Get(EventProperties.SizeGb)} GiB" : "created",
            EventTypes.Deleted => "deleted",
            EventTypes.Resized => $"resized {Get(EventProperties.Old)} → {Get(EventProperties.New)}",
            EventTypes.StateChanged => $"state {Get(EventProperties.OldState)} → {Get(EventProperties.NewState)}",
            EventTypes.TagChanged => $"tag {Get(EventProperties.Key)}: '{Get(EventProperties.Old)}' → '{Get(EventProperties.New)}'",
            EventTypes.Attached => $"attached to {Get(EventProperties.Target)}",
            EventTypes.Detached => $"detached from {Get(EventProperties.Target)}",
            EventTypes.UsageChanged => $"usage {Get(EventProperties.Metric)} {Get(EventProperties.Old)} → {Get(EventProperties.New)}",
            _ => eventType.Replace('_', ' '),
        };
    }
}
