using Polo.E2E.Tests.Infrastructure;

namespace Polo.E2E.Tests.Delta;

/// <summary>Dashboard spike → cost delta → node → resource → evidence, all kept in the URL (reload and share).</summary>
[Collection(PoloAppCollection.Name)]
public sealed class DeltaDrillTests(PoloAppFixture app)
{
    private const int MaxNodesTried = 6;
    private const int MaxResourcesTried = 6;

    [Fact]
    public async Task Drills_from_a_spike_to_evidence_and_the_url_restores_the_same_view()
    {
        await using var s = await app.OpenAsync("/");
        var page = s.Page;

        var spike = page.GetByTestId("spike-link").First;
        await Expect(spike).ToBeVisibleAsync();
        await PageSession.LinkIn(spike, "delta").ClickAsync();
        await Expect(page).ToHaveURLAsync(UrlPatterns.PathWithKeys("/delta", "from", "to"));
        await s.WaitForLoadedAsync();

        var evidence = page.GetByTestId("delta-evidence");
        await Expect(page.GetByTestId("delta-node").First).ToBeVisibleAsync();
        Assert.True(await SelectNodeAndResourceWithEvidenceAsync(s),
            $"None of the first {MaxNodesTried} delta nodes × {MaxResourcesTried} resources on {page.Url} showed a delta-evidence row.");

        await Expect(evidence.First).ToBeVisibleAsync();
        await Expect(evidence.First).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"\w{3,}"));
        await Expect(PageSession.LinkIn(evidence.First, "resources/")).ToHaveCountAsync(1);
        var url = page.Url;
        var evidenceTexts = await evidence.AllInnerTextsAsync();
        var resourceTexts = await page.GetByTestId("delta-resource").AllInnerTextsAsync();
        await s.AssertNoErrorUiAsync();

        // The URL is the state: a reload shows the same selection and evidence...
        await s.ReloadAsync();
        await Expect(page).ToHaveURLAsync(url);
        await s.WaitForLoadedAsync();
        await Expect(evidence).ToHaveTextAsync(evidenceTexts.ToArray());
        await Expect(page.GetByTestId("delta-resource")).ToHaveTextAsync(resourceTexts.ToArray());
        await s.AssertNoErrorUiAsync();

        // ...and so does the same URL opened by someone else (fresh context, fresh circuit).
        await using var shared = await app.OpenAsync(url);
        await shared.WaitForLoadedAsync();
        await Expect(shared.Page.GetByTestId("delta-evidence")).ToHaveTextAsync(evidenceTexts.ToArray());
        await Expect(shared.Page.GetByTestId("delta-resource")).ToHaveTextAsync(resourceTexts.ToArray());
        await shared.AssertNoErrorUiAsync();
    }

    /// <summary>
    /// Clicks the first node and, within it, a resource until one shows evidence; resources with an attributed cause
    /// (no "unexplained" flag) are tried first. When the first node has no resource with evidence in this range, the
    /// next nodes of the same delta are tried. Every click must put its key in the URL.
    /// </summary>
    private static async Task<bool> SelectNodeAndResourceWithEvidenceAsync(PageSession s)
    {
        var page = s.Page;
        var deltaUrl = page.Url;
        var nodes = await page.GetByTestId("delta-node").CountAsync();
        for (var n = 0; n < Math.Min(nodes, MaxNodesTried); n++)
        {
            if (n > 0) await s.GotoAsync(deltaUrl);
            var nodeLink = PageSession.LinkIn(page.GetByTestId("delta-node").Nth(n), "node=");
            var nodeHref = await nodeLink.GetAttributeAsync("href");
            await nodeLink.ClickAsync();
            await Expect(page).ToHaveURLAsync(UrlPatterns.PathWithKeys("/delta", "from", "to", "node"));
            Assert.Contains(NodeParam(nodeHref), page.Url);
            await s.WaitForLoadedAsync();

            var resources = page.GetByTestId("delta-resource");
            try { await Expect(resources.First).ToBeVisibleAsync(new() { Timeout = 10_000 }); }
            catch (PlaywrightException) { continue; } // a node without resources

            var attributed = resources.Filter(new() { HasNotTextRegex = new System.Text.RegularExpressions.Regex("unexplained", System.Text.RegularExpressions.RegexOptions.IgnoreCase) });
            foreach (var candidates in new[] { attributed, resources })
            {
                var count = await candidates.CountAsync();
                for (var r = 0; r < Math.Min(count, MaxResourcesTried); r++)
                {
                    // A row of the selected node links with its node= key; waiting for that link (not any resource=
                    // link) skips rows still shown from the unfiltered view while the node's resources load.
                    await PageSession.LinkIn(candidates.Nth(r), NodeParam(nodeHref)).ClickAsync();
                    await Expect(page).ToHaveURLAsync(UrlPatterns.PathWithKeys("/delta", "node", "resource"));
                    await s.WaitForLoadedAsync();
                    try
                    {
                        await Expect(page.GetByTestId("delta-evidence").First).ToBeVisibleAsync(new() { Timeout = 5_000 });
                        return true;
                    }
                    catch (PlaywrightException) { /* this resource changed without events; try the next */ }
                }
            }
        }
        return false;
    }

    private static string NodeParam(string? href)
    {
        var query = href?.Split('?', 2) is [_, var q] ? q : "";
        return query.Split('&').FirstOrDefault(p => p.StartsWith("node=", StringComparison.Ordinal)) ?? "node=";
    }
}
