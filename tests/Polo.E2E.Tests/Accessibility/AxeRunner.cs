using System.Text.Json;
using Polo.E2E.Tests.Infrastructure;

namespace Polo.E2E.Tests.Accessibility;

/// <summary>One node axe flagged: its rule, impact, CSS target and axe's summary of what to fix.</summary>
public sealed record AxeNode(string Rule, string Impact, string Target, string Help, string Summary)
{
    public bool Blocking => Impact is "serious" or "critical";

    public override string ToString() => $"[{Impact}] {Rule} at {Target}: {Help}. {Summary}";
}

/// <summary>Runs axe-core (installed by <c>scripts/setup.sh</c> into <c>.axe/axe.min.js</c>) inside the page.</summary>
public static class AxeRunner
{
    /// <summary>The axe script; missing → a failure with the setup command, never a skip.</summary>
    public static string ScriptPath()
    {
        var path = Path.Combine(TestPaths.RepoRoot(), ".axe", "axe.min.js");
        if (!File.Exists(path))
            throw new FileNotFoundException($"axe-core was not found at {path}: run ./scripts/setup.sh (it fetches axe-core from npm).");
        return path;
    }

    /// <summary>Every violation node on the page, WCAG 2.1 A/AA rules and axe's best practices.</summary>
    public static async Task<IReadOnlyList<AxeNode>> RunAsync(IPage page)
    {
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = ScriptPath() });
        var json = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const r = await axe.run(document, {
                resultTypes: ['violations'],
                runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
              });
              return r.violations.flatMap(v => v.nodes.map(n => ({
                rule: v.id, impact: n.impact || v.impact || 'minor', target: n.target.join(' '), help: v.help,
                summary: (n.failureSummary || '').replace(/\s+/g, ' ').slice(0, 300),
              })));
            }
            """);
        return json.EnumerateArray().Select(n => new AxeNode(
            n.GetProperty("rule").GetString()!, n.GetProperty("impact").GetString()!, n.GetProperty("target").GetString()!,
            n.GetProperty("help").GetString()!, n.GetProperty("summary").GetString()!)).ToList();
    }
}
