namespace Polo.Data.Analysis;

/// <summary>Readable one-line descriptions of resource events from their type and properties.</summary>
public static class EventSummary
{
    public static string Describe(string eventType, IReadOnlyDictionary<string, string> p)
    {
        string Get(string k) => p.TryGetValue(k, out var v) ? v : "?";
        return eventType switch
        {
            "created" => p.ContainsKey("instance_type") ? $"launched {Get("instance_type")}"
                : p.ContainsKey("size_gb") ? $"created {Get("size_gb")} GiB" : "created",
            "deleted" => "deleted",
            "resized" => $"resized {Get("old")} → {Get("new")}",
            "state_changed" => $"state {Get("old_state")} → {Get("new_state")}",
            "tag_changed" => $"tag {Get("key")}: '{Get("old")}' → '{Get("new")}'",
            "attached" => $"attached to {Get("target")}",
            "detached" => $"detached from {Get("target")}",
            "usage_changed" => $"usage {Get("metric")} {Get("old")} → {Get("new")}",
            _ => eventType.Replace('_', ' '),
        };
    }
}
