using Bunit;
using MudBlazor.Services;
using Polo.Data.Rules;
using Polo.Web.Components.Pages.Rules;

namespace Polo.Web.Tests.Rules;

/// <summary>The violations table names a violation's resources; the bill's lines without a resource id (tax, fees) are
/// named as such in text, never as a link without text (an accessibility failure: axe's link-name).</summary>
public sealed class RuleViolationsTests
{
    private static readonly Rule Rule = new("daily", "Daily cost", RuleMeasure.Cost, new Dictionary<string, string>(),
        RuleGrain.Account, "<=", 100m);

    private static readonly RuleViolation Violation = new(Rule, "111", new DateOnly(2026, 10, 30), 150m,
        [new RuleResource("i-0aaa", 120m), new RuleResource("", 30m)]);

    private static IRenderedComponent<RuleViolations> Render(string? selected)
    {
        var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        return ctx.Render<RuleViolations>(p => p
            .Add(c => c.Violations, [Violation])
            .Add(c => c.SelectedId, selected)
            .Add(c => c.RuleHref, id => $"/rules?rule={id}")
            .Add(c => c.ViolationHref, v => $"/rules?violation={v.Id}")
            .Add(c => c.ExplainHref, _ => "/explain")
            .Add(c => c.ResourceHref, id => $"/resources/{id}"));
    }

    [Theory]
    [InlineData(null, "violation-resource")]
    [InlineData("daily|111|2026-10-30", "violation-selected-resource")]
    public void A_line_without_a_resource_id_is_named_in_text_not_as_an_empty_link(string? selected, string testId)
    {
        var cut = Render(selected);

        var shown = cut.FindAll($"[data-testid={testId}]");
        Assert.Equal(["i-0aaa", "(lines without a resource id)"], shown.Select(e => e.TextContent.Trim()));
        Assert.Equal(["a", "span"], shown.Select(e => e.TagName.ToLowerInvariant()));
        Assert.Equal("/resources/i-0aaa", shown[0].GetAttribute("href"));
        Assert.All(cut.FindAll("a"), a => Assert.False(string.IsNullOrWhiteSpace(a.TextContent), $"empty link to {a.GetAttribute("href")}"));
    }
}
