using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using Polo.Collection.Status;
using Polo.Web.Components.Pages.Collectors;

namespace Polo.Web.Tests.Collectors;

/// <summary>The collectors page's live progress line for a running collector.</summary>
public sealed class RunProgressTests
{
    private static IRenderedComponent<RunProgress> Render(CollectorProgress? progress)
    {
        var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        return ctx.Render<RunProgress>(p => p.Add(c => c.Progress, progress));
    }

    [Fact]
    public void Shows_lines_read_the_share_done_and_the_time_left()
    {
        var cut = Render(new CollectorProgress("cur", "writing the ledger", 1_500_000, 3_000_000, 0.75, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(10)));

        var text = cut.Find("[data-testid=collector-progress]").TextContent;
        Assert.Matches(@"1,500,000 of ~3,000,000 lines read\s*·\s*75%\s*·\s*about 10\.0 s left", text.Replace('\u00a0', ' '));
    }

    [Fact]
    public void Without_progress_nothing_is_shown()
    {
        var cut = Render(null);

        Assert.Empty(cut.FindAll("[data-testid=collector-progress]"));
    }
}
