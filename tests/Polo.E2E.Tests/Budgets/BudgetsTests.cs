using System.Text.RegularExpressions;
using Polo.E2E.Tests.Infrastructure;

namespace Polo.E2E.Tests.Budgets;

/// <summary>A budget is created on /budgets the way a user does it (New budget, fill the form, Save); the page then shows
/// its row with progress and the burn chart, in light and dark (screenshots saved like the other pages').</summary>
[Collection(PoloAppCollection.Name)]
public sealed class BudgetsTests(PoloAppFixture app)
{
    [Fact]
    public async Task A_budget_created_on_the_page_shows_progress_forecast_and_burn()
    {
        await using var s = await app.OpenAsync("/budgets");
        await s.WaitForLoadedAsync();
        await s.ClickUntilUrlAsync(s.Page.GetByTestId("budget-new"), new Regex(@"edit=new"));
        var editor = s.Page.GetByTestId("budget-editor");
        await Expect(editor).ToBeVisibleAsync();
        await editor.GetByLabel("Name").FillAsync("E2E organisation");
        await editor.GetByLabel("Amount per period").FillAsync("50000");
        await editor.GetByLabel("Amount per period").BlurAsync();
        await s.Page.GetByTestId("budget-save").ClickAsync();
        await Expect(s.Page).ToHaveURLAsync(new Regex(@"budget=[0-9a-f]{12}"));
        await Expect(s.Page).Not.ToHaveURLAsync(new Regex(@"edit="));
        var row = s.Page.Locator("tr").Filter(new() { HasText = "E2E organisation" });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.GetByTestId("budget-target")).ToContainTextAsync("$50,000.00");
        await Expect(row.GetByTestId("budget-progress")).ToContainTextAsync("forecast $");
        await Expect(s.Page.GetByTestId("budget-burn")).ToBeVisibleAsync();
        await s.Page.WaitForFunctionAsync("() => document.querySelector('#budget-burn .main-svg')");
        await s.AssertNoErrorUiAsync();
        s.AssertNoScriptErrors();
        await Shots.SaveAsync(s, "budgets-light");

        await s.GotoAsync(new Uri(s.Page.Url).PathAndQuery + "&theme=dark");
        await s.WaitForLoadedAsync();
        await s.Page.WaitForFunctionAsync("() => document.querySelector('#budget-burn .main-svg')");
        await Shots.SaveAsync(s, "budgets-dark");
    }

    [Fact]
    public async Task A_bad_golden_date_is_refused_with_a_message()
    {
        await using var s = await app.OpenAsync("/budgets?edit=new");
        await s.WaitForLoadedAsync();
        var editor = s.Page.GetByTestId("budget-editor");
        await editor.GetByLabel("Name").FillAsync("bad");
        await editor.GetByLabel("Golden date (yyyy-MM-dd, optional)").FillAsync("21/06/2025");
        await editor.GetByLabel("Golden date (yyyy-MM-dd, optional)").BlurAsync();
        await s.Page.GetByTestId("budget-save").ClickAsync();
        await Expect(s.Page.GetByTestId("budget-error")).ToContainTextAsync("golden date must be a day");
        await Expect(s.Page).ToHaveURLAsync(new Regex(@"edit=new"));
    }
}
