using System.Text.Json;
using System.Text.Json.Serialization;

namespace Polo.E2E.Tests.Accessibility;

/// <summary>
/// The accepted axe violations, all in <c>axe-exceptions.json</c> beside this file: each names the rule, the page
/// (a route template, or <c>*</c>), a CSS target fragment and why it is accepted. None may cover colour contrast.
/// </summary>
public sealed record AxeException(
    [property: JsonPropertyName("rule")] string Rule,
    [property: JsonPropertyName("route")] string Route,
    [property: JsonPropertyName("target")] string Target,
    [property: JsonPropertyName("reason")] string Reason)
{
    public const string FileName = "axe-exceptions.json";

    public static IReadOnlyList<AxeException> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Accessibility", FileName);
        var list = JsonSerializer.Deserialize<List<AxeException>>(File.ReadAllText(path)) ?? [];
        foreach (var e in list)
        {
            if (string.IsNullOrWhiteSpace(e.Reason) || string.IsNullOrWhiteSpace(e.Rule) || string.IsNullOrWhiteSpace(e.Route))
                throw new InvalidOperationException($"{FileName}: every exception needs a rule, a route and a reason ({e}).");
            if (e.Rule.StartsWith("color-contrast", StringComparison.OrdinalIgnoreCase))
                throw new InvalidOperationException($"{FileName}: colour contrast is never an exception ({e}).");
        }
        return list;
    }

    public bool Covers(string route, AxeNode node) =>
        (Route == "*" || Route == route) && node.Rule == Rule && node.Target.Contains(Target, StringComparison.Ordinal);
}
