using System.Text.RegularExpressions;
using Polo.E2E.Tests.Infrastructure;

namespace Polo.E2E.Tests.Hierarchy;

[Collection(PoloAppCollection.Name)]
public sealed class HierarchyTests(PoloAppFixture app)
{
    [Fact]
    public async Task A_node_in_the_url_is_selected_with_its_ancestors_expanded_after_a_reload()
    {
        // The demo always gives customer acme a cluster prod-1 with a search index.
        var url = "/hierarchy?node=" + Uri.EscapeDataString("cluster:acme/prod-1");
        await using var s = await app.OpenAsync(url);
        await s.WaitForLoadedAsync();
        await s.ReloadAsync();
        await s.WaitForLoadedAsync();

        await Expect(s.Page).ToHaveURLAsync(UrlPatterns.PathWithKeys("/hierarchy", "node"));
        var rows = s.Page.GetByTestId("hierarchy-node");
        await Expect(rows.Filter(new() { HasTextRegex = new Regex(@"\bacme\b|Acme", RegexOptions.IgnoreCase) }).First).ToBeVisibleAsync();
        await Expect(rows.Filter(new() { HasTextRegex = new Regex(@"\bprod-1\b") }).First).ToBeVisibleAsync();
        // Selected means expanded: the cluster's search index is listed under it.
        await Expect(rows.Filter(new() { HasTextRegex = new Regex(@"\bsearch\b", RegexOptions.IgnoreCase) }).First).ToBeVisibleAsync();
        await Expect(rows.First).ToHaveTextAsync(new Regex(@"\$"));
        await s.AssertNoErrorUiAsync();
    }
}
