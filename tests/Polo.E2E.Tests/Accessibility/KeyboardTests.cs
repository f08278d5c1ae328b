using Polo.E2E.Tests.Infrastructure;

namespace Polo.E2E.Tests.Accessibility;

/// <summary>Every page is usable with the keyboard: Tab moves through its controls and each one shows a focus ring.</summary>
[Collection(PoloAppCollection.Name)]
[Trait("Category", "Accessibility")]
public sealed class KeyboardTests(PoloAppFixture app)
{
    private const int TabStops = 20;

    /// <summary>What has focus, and whether it is visibly marked (an outline of at least 2 px, or a box shadow).</summary>
    private const string FocusState = """
        () => {
          const e = document.activeElement;
          if (!e || e === document.body) return null;
          const s = getComputedStyle(e);
          const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || (s.boxShadow && s.boxShadow !== 'none');
          return (ring ? 'ring ' : 'none ') + e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + ' ' + (e.getAttribute('aria-label') || e.textContent || '').trim().slice(0, 40);
        }
        """;

    public static TheoryData<string> Pages() =>
        new(AppRoutes.Templates().Where(t => AppRoutes.NeedsParameter(t) is null && t != "/Error"));

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Tab_reaches_the_controls_and_each_shows_a_focus_ring(string page)
    {
        await using var s = await app.OpenAsync(page);
        await s.WaitForLoadedAsync();
        var seen = new List<string>();
        for (var i = 0; i < TabStops; i++)
        {
            await s.Page.Keyboard.PressAsync("Tab");
            if (await s.Page.EvaluateAsync<string?>(FocusState) is { } state) seen.Add(state);
        }
        Assert.True(seen.Count >= 5, $"{page}: Tab reached only {seen.Count} elements: {string.Join(" | ", seen)}");
        var unmarked = seen.Where(f => f.StartsWith("none", StringComparison.Ordinal)).ToList();
        Assert.True(unmarked.Count == 0, $"{page}: focused without a visible ring: {string.Join(" | ", unmarked)}");
    }
}
