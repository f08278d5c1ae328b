using Bunit;
using Polo.Data.Access;
using Polo.Data.Rules;
using Polo.Web.Components.Pages.Rules;
using Polo.Web.Tests.Infrastructure;

namespace Polo.Web.Tests.Rules;

/// <summary>/rules: a user creates a rule in the editor and sees it fire, with its groups, days and resources.</summary>
[Collection(RepricedDemoEstate.Collection)]
public sealed class RulesPageTests : WebTestContext
{
    public RulesPageTests(RepricedDemoEstate estate) : base(estate.Ch) => SignInAs("ops", Roles.Operator);

    private const string Range = "from=2026-10-25&to=2026-10-31";

    [Fact]
    public async Task A_rule_created_on_the_page_is_stored_and_fires_with_its_days_and_resources()
    {
        var cut = RenderAt<RulesPage>("/rules?" + Range);
        cut.WaitFor("rule-table");
        Assert.Contains(cut.All("rule-row"), r => r.GetAttribute("data-rule") == "nat-data-daily"); // the shipped defaults
        NavigateAndWait(cut, cut.Find("[data-testid='rule-new']").GetAttribute("href")!); // the New rule link
        cut.WaitFor("rule-editor");
        Assert.Equal("new", Query("edit"));

        cut.Find("[data-testid='rule-name']").Change("Search account 1 at most $100 a day");
        cut.Find("[data-testid='rule-measure']").Change("cost");
        cut.Find("[data-testid='rule-scope']").Change("account=100000000001; service=AmazonEC2");
        cut.Find("[data-testid='rule-grain']").Change("account");
        cut.Find("[data-testid='rule-comparison']").Change("<=");
        cut.Find("[data-testid='rule-threshold']").Change("100");
        cut.Find("[data-testid='rule-severity']").Change("critical");
        cut.Find("[data-testid='rule-save']").Click();

        cut.WaitForAssertion(() => Assert.NotNull(Query("rule")), Timeout);
        var id = Query("rule")!;
        Assert.Null(Query("edit"));
        Assert.Equal("2026-10-25", Query("from")); // the range stays in the URL
        var stored = await Get<RuleStore>().GetAsync(id);
        Assert.NotNull(stored);
        Assert.Equal(("account=100000000001; service=AmazonEC2", RuleGrain.Account, 100m, "critical"),
            (RuleText.Scope(stored.Scope), stored.Grain, stored.Threshold, stored.Severity));

        var expected = await Get<RuleEngine>().EvaluateAsync(stored, new DateOnly(2026, 10, 25), new DateOnly(2026, 10, 31));
        Assert.Equal(7, expected.Count); // every day of the week breaks it
        cut.WaitForAssertion(() => Assert.Equal(7, cut.All("violation").Count(v => v.GetAttribute("data-rule") == id)), Timeout);
        var row = Assert.Single(cut.All("violation-group-row"), r => r.GetAttribute("data-rule") == id);
        Assert.Equal("100000000001", row.QuerySelector("[data-testid='violation-group']")!.TextContent.Trim());
        Assert.Equal(RuleAlerts.Format(stored, expected.Max(v => v.Value)), row.QuerySelector("[data-testid='violation-value']")!.TextContent.Trim());
        Assert.Equal(expected.Select(v => v.Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).Order(),
            cut.All("violation").Select(v => v.GetAttribute("data-day")!).Order());
        Assert.Contains("bdays=", row.QuerySelector("[data-testid='violation-explain']")!.GetAttribute("href"), StringComparison.Ordinal);

        // A day opens that violation with every resource behind it (what an alert's link opens).
        NavigateAndWait(cut, cut.All("violation")[0].GetAttribute("href")!);
        var first = expected.OrderBy(v => v.Day).First();
        Assert.Equal(first.Id, Query("violation"));
        cut.WaitFor("violation-selected");
        Assert.Equal(first.Resources.Select(r => r.ResourceId), cut.All("violation-selected-resource").Select(a => a.TextContent.Trim()));
        Assert.All(cut.All("violation-selected-resource"), a => Assert.StartsWith("/resources/", a.GetAttribute("href"), StringComparison.Ordinal));

        await Get<RuleStore>().DeleteAsync(id, new Actor("ops", Roles.Operator));
    }

    [Fact]
    public void A_bad_scope_shows_a_message_and_stores_nothing()
    {
        var cut = RenderAt<RulesPage>("/rules?edit=new&" + Range);
        cut.WaitFor("rule-editor");
        cut.Find("[data-testid='rule-name']").Change("broken");
        cut.Find("[data-testid='rule-scope']").Change("colour=blue");
        cut.Find("[data-testid='rule-save']").Click();
        cut.WaitForAssertion(() => Assert.Contains("Unknown scope key 'colour'", cut.Text("rule-error"), StringComparison.Ordinal), Timeout);
        Assert.Equal("new", Query("edit"));
    }

    [Fact]
    public void An_unknown_rule_in_the_url_is_a_warning_not_an_error()
    {
        var cut = RenderAt<RulesPage>("/rules?rule=nope&" + Range);
        cut.WaitFor("rule-table");
        Assert.Contains("There is no rule 'nope'", cut.Text("url-problem"), StringComparison.Ordinal);
    }
}
