using System.Globalization;
using System.Text.Json;

namespace Polo.Collection.Cost.Explorer;

/// <summary>
/// Reads a GetCostAndUsage JSON answer against the query it answers. Keys are mapped by the answer's
/// <c>GroupDefinitions</c> (which must be the groupings asked for), never by position; a TAG key reads "Key$Value",
/// and "Key$" is the untagged bucket (value ""). Every period must lie inside the requested window and be exactly one
/// step (a day, or an hour) long; both requested metrics must be present on every group, and a cost must fit the
/// ledger's Decimal(18, 6). Anything else throws, so nothing of the answer is written.
/// </summary>
public static class CostExplorerResponseParser
{
    public static CostExplorerPage Parse(string json, int page, CostExplorerQuery query)
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
            var definitions = Definitions(root, page, query);
            var groups = new List<CostExplorerGroup>();
            foreach (var result in results.EnumerateArray())
            {
                var period = Prop(result, "TimePeriod", page);
                var start = ParseTime(Str(Prop(period, "Start", page), page), "Start", page);
                var end = ParseTime(Str(Prop(period, "End", page), page), "End", page);
                CheckPeriod(start, end, page, query);
                if (!result.TryGetProperty("Groups", out var items) || items.ValueKind == JsonValueKind.Null) continue;
                if (items.ValueKind != JsonValueKind.Array) throw Malformed(page, "Groups is not an array");
                foreach (var g in items.EnumerateArray())
                    groups.Add(Group(g, start, definitions, page));
            }
            string? next = root.TryGetProperty("NextPageToken", out var t) && t.ValueKind == JsonValueKind.String
                && t.GetString() is { Length: > 0 } s ? s : null;
            return new CostExplorerPage(groups, next);
        }
    }

    /// <summary>The answer's GroupDefinitions, which must be exactly the groupings asked for (in any order).</summary>
    private static List<CostExplorerGroupBy> Definitions(JsonElement root, int page, CostExplorerQuery query)
    {
        if (!root.TryGetProperty("GroupDefinitions", out var defs) || defs.ValueKind != JsonValueKind.Array)
            throw Malformed(page, "no GroupDefinitions, so its group keys cannot be read");
        var list = defs.EnumerateArray()
            .Select(d => new CostExplorerGroupBy(Str(Prop(d, "Type", page), page), Str(Prop(d, "Key", page), page))).ToList();
        if (list.Count != query.GroupBy.Count || !query.GroupBy.All(list.Contains))
            throw Malformed(page, $"GroupDefinitions [{Describe(list)}] are not the groupings asked for [{Describe(query.GroupBy)}]");
        return list;
    }

    private static string Describe(IEnumerable<CostExplorerGroupBy> defs) => string.Join(", ", defs.Select(d => $"{d.Type}:{d.Key}"));

    private static void CheckPeriod(DateTime start, DateTime end, int page, CostExplorerQuery query)
    {
        if (start < query.Start || end > query.End)
            throw Malformed(page, $"period {start:yyyy-MM-dd HH:mm}–{end:yyyy-MM-dd HH:mm} lies outside the requested window " +
                                  $"{query.Start:yyyy-MM-dd HH:mm}–{query.End:yyyy-MM-dd HH:mm}");
        if (end - start != query.Step)
            throw Malformed(page, $"period {start:yyyy-MM-dd HH:mm}–{end:yyyy-MM-dd HH:mm} is not one {(query.Hourly ? "hour" : "day")} " +
                                  $"long (the granularity asked for is {(query.Hourly ? "HOURLY" : "DAILY")})");
    }

    private static CostExplorerGroup Group(JsonElement g, DateTime start, List<CostExplorerGroupBy> definitions, int page)
    {
        var keys = Prop(g, "Keys", page);
        if (keys.ValueKind != JsonValueKind.Array || keys.GetArrayLength() != definitions.Count)
            throw Malformed(page, $"a group has {(keys.ValueKind == JsonValueKind.Array ? keys.GetArrayLength() : 0)} Keys for {definitions.Count} GroupDefinitions");
        string account = "", service = "", region = "", usageType = "";
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < definitions.Count; i++)
        {
            var value = Str(keys[i], page);
            var def = definitions[i];
            if (def.Type == CostExplorerGroupBy.Tag)
            {
                var prefix = def.Key + "$";
                if (!value.StartsWith(prefix, StringComparison.Ordinal))
                    throw Malformed(page, $"tag group key '{Clip(value)}' does not start with '{Clip(prefix)}'");
                tags[def.Key] = value[prefix.Length..]; // "Key$" is the untagged bucket
                continue;
            }
            switch (def.Key)
            {
                case "LINKED_ACCOUNT": account = value; break;
                case "SERVICE": service = value; break;
                case "REGION": region = value; break;
                case "USAGE_TYPE": usageType = value; break;
            }
        }
        var metrics = Prop(g, "Metrics", page);
        return new CostExplorerGroup(start, account, service, Cost(metrics, page),
            (double)Amount(metrics, "UsageQuantity", page), region, usageType, tags);
    }

    private static decimal Amount(JsonElement metrics, string name, int page)
    {
        if (metrics.ValueKind != JsonValueKind.Object || !metrics.TryGetProperty(name, out var metric))
            throw Malformed(page, $"a group has no {name} metric (it was asked for; reading it as 0 would reverse what is held)");
        var text = Str(Prop(metric, "Amount", page), page);
        if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
            throw Malformed(page, $"{name} amount '{Clip(text)}' is not a number");
        return v;
    }

    private static decimal Cost(JsonElement metrics, int page)
    {
        var cost = Amount(metrics, "UnblendedCost", page);
        return Math.Abs(cost) <= MaxAmount ? cost
            : throw Malformed(page, $"UnblendedCost amount {Clip(cost.ToString(CultureInfo.InvariantCulture))} is beyond what the ledger " +
                                    "can hold (twelve digits before the point)");
    }

    /// <summary>The ledger's cost column is Decimal(18, 6): twelve digits before the point.</summary>
    private const decimal MaxAmount = 999_999_999_999.999999m;

    private static DateTime ParseTime(string text, string what, int page) =>
        DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var d)
            ? d : throw Malformed(page, $"TimePeriod.{what} '{Clip(text)}' is not a date");

    private static JsonElement Prop(JsonElement e, string name, int page) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) ? v : throw Malformed(page, $"missing {name}");

    private static string Str(JsonElement e, int page) =>
        e.ValueKind == JsonValueKind.String ? e.GetString()! : throw Malformed(page, $"expected a string, got {e.ValueKind}");

    private static string Clip(string s) => s.Length <= 60 ? s : s[..60] + "…";

    private static CostExplorerException Malformed(int page, string reason) =>
        new($"Cost Explorer page {page} is malformed: {reason}. Nothing from this run was written.");
}
