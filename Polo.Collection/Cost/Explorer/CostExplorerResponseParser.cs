using System.Globalization;
using System.Text.Json;

namespace Polo.Collection.Cost.Explorer;

/// <summary>Reads a GetCostAndUsage JSON answer grouped by LINKED_ACCOUNT and SERVICE; anything unexpected throws.</summary>
public static class CostExplorerResponseParser
{
    public static CostExplorerPage Parse(string json, int page)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(json); }
        catch (JsonException e)
        {
            throw new CostExplorerException($"Cost Explorer page {page} is not valid JSON ({e.Message.Split('.')[0]}).", e);
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("ResultsByTime", out var results)
                || results.ValueKind != JsonValueKind.Array)
                throw Malformed(page, "no ResultsByTime array");
            var groups = new List<CostExplorerGroup>();
            foreach (var result in results.EnumerateArray())
            {
                var start = ParseStart(Str(Prop(Prop(result, "TimePeriod", page), "Start", page), page), page);
                if (!result.TryGetProperty("Groups", out var items) || items.ValueKind == JsonValueKind.Null) continue;
                if (items.ValueKind != JsonValueKind.Array) throw Malformed(page, "Groups is not an array");
                foreach (var g in items.EnumerateArray())
                {
                    var keys = Prop(g, "Keys", page);
                    if (keys.ValueKind != JsonValueKind.Array || keys.GetArrayLength() < 2)
                        throw Malformed(page, "a group has fewer than two Keys (expected LINKED_ACCOUNT, SERVICE)");
                    var metrics = Prop(g, "Metrics", page);
                    groups.Add(new CostExplorerGroup(start, Str(keys[0], page), Str(keys[1], page),
                        Amount(metrics, "UnblendedCost", page), (double)Amount(metrics, "UsageQuantity", page)));
                }
            }
            string? next = root.TryGetProperty("NextPageToken", out var t) && t.ValueKind == JsonValueKind.String
                && t.GetString() is { Length: > 0 } s ? s : null;
            return new CostExplorerPage(groups, next);
        }
    }

    private static decimal Amount(JsonElement metrics, string name, int page)
    {
        if (!metrics.TryGetProperty(name, out var metric)) return 0m;
        var text = Str(Prop(metric, "Amount", page), page);
        return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
            ? v : throw Malformed(page, $"{name} amount '{text}' is not a number");
    }

    private static DateTime ParseStart(string text, int page) =>
        DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var d)
            ? d : throw Malformed(page, $"TimePeriod.Start '{text}' is not a date");

    private static JsonElement Prop(JsonElement e, string name, int page) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) ? v : throw Malformed(page, $"missing {name}");

    private static string Str(JsonElement e, int page) =>
        e.ValueKind == JsonValueKind.String ? e.GetString()! : throw Malformed(page, $"expected a string, got {e.ValueKind}");

    private static CostExplorerException Malformed(int page, string reason) =>
        new($"Cost Explorer page {page} is malformed: {reason}.");
}
