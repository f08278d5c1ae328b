using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Polo.Collection.Inventory.Safety;
using Polo.Collection.Runs;
using Polo.Collection.Status;
using Polo.Web.Components.Pages.Collectors;
using Polo.Web.Tests.Infrastructure;

namespace Polo.Web.Tests.Collectors;

/// <summary>
/// The /collectors panels rendered from real stored rows: the ec2-config collector polls a loopback EC2 fake through the
/// real SDK, the runner stores its warnings and held deletions on the embedded engine, and the panels render what the
/// status service reads back.
/// </summary>
public sealed class CollectorPanelsTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>, IAsyncLifetime
{
    private readonly FakeAws _aws = new();

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _aws.DisposeAsync();

    private static async Task PollAsync(CollectorStatusService status) =>
        Assert.True((await status.Runner.RunAsync("ec2-config", RunTrigger.Manual)).Ok);

    [Fact]
    public async Task The_warnings_list_shows_what_the_last_run_cut_by_account_region_kind_and_resource()
    {
        const string account = "510000000001";
        _aws.Estate(account).Instances.Add(new FakeInstance("i-510001", "m5.large", Tags: new() { ["Name"] = new string('n', 300) }));
        _aws.Estate(account).Instances.Add(new FakeInstance("i-510002", "m5.large"));
        await using var ctx = CollectorsContext.Create(db.Ch, CollectorsContext.OneAccount(_aws.Url, account));
        var status = ctx.Services.GetRequiredService<CollectorStatusService>();
        await PollAsync(status);

        var warnings = await status.WarningsAsync("ec2-config");
        var cut = ctx.Render<RunWarningsList>(p => p.Add(c => c.Warnings, warnings));

        Assert.Equal("Warnings of the last run (1)", cut.Find("[data-testid='warnings-title']").TextContent.Trim());
        var cells = cut.FindAll("[data-testid='warnings-table'] tbody tr td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal([account, "us-east-1", "tag truncated", "i-510001"], cells.Take(4));
        Assert.Contains("256", cut.Find("[data-testid='warning-message']").TextContent);

        var none = ctx.Render<RunWarningsList>(p => p.Add(c => c.Warnings, []));
        Assert.Empty(none.FindAll("[data-testid='warnings-title']"));
        Assert.Empty(none.FindAll("[data-testid='warnings-table']"));
    }

    [Fact]
    public async Task The_held_deletions_panel_shows_the_held_poll_and_confirming_it_reaches_the_store()
    {
        const string account = "510000000002";
        var estate = _aws.Estate(account);
        estate.Instances.AddRange(Enumerable.Range(1, 8).Select(i => new FakeInstance($"i-5100{i:D2}", "m5.large")));
        await using var ctx = CollectorsContext.Create(db.Ch, CollectorsContext.OneAccount(_aws.Url, account));
        ctx.Render<MudPopoverProvider>();
        var status = ctx.Services.GetRequiredService<CollectorStatusService>();
        await PollAsync(status);
        estate.Instances.RemoveRange(0, 6); // 6 of 8 (75%) would be deleted: held
        await PollAsync(status);

        var holds = (await status.Holds!.OpenAsync()).Where(h => h.AccountId == account).ToList();
        var changed = 0;
        var cut = ctx.Render<HeldDeletionsPanel>(p => p
            .Add(c => c.Service, status.Holds).Add(c => c.Holds, holds).Add(c => c.Changed, () => changed++).Add(c => c.User, new ConfirmingUser("ops", ["operator"])));

        Assert.Contains("1 deletion(s) held back", cut.Find("[data-testid='held-deletions']").TextContent);
        var row = cut.Find("[data-testid='held-table'] tbody tr");
        Assert.Contains("ec2_instance", row.TextContent);
        Assert.Contains("6 of 8 (75", row.TextContent);
        Assert.Contains("waiting for an operator", row.TextContent);
        Assert.Equal(string.Join(", ", Enumerable.Range(1, 6).Select(i => $"i-5100{i:D2}")),
            row.QuerySelector("td[title]")!.GetAttribute("title"));

        await cut.InvokeAsync(() => cut.Find("[data-testid='confirm-deletion']").Click());

        cut.WaitForAssertion(() => Assert.Equal(1, changed), CollectorsContext.Timeout);
        var after = Assert.Single(await status.Holds.OpenAsync(), h => h.AccountId == account);
        Assert.Equal(HoldStatus.Confirmed, after.Status);
        var confirmed = ctx.Render<HeldDeletionsPanel>(p => p.Add(c => c.Service, status.Holds).Add(c => c.Holds, [after]));
        Assert.Contains("confirmed by ops", confirmed.Find("[data-testid='held-table'] tbody tr").TextContent);
        Assert.Empty(confirmed.FindAll("[data-testid='confirm-deletion']"));

        // Once sign-in exists only an operator may confirm: for anyone else the button is disabled.
        var operatorOnly = new HeldDeletionService(ctx.Services.GetRequiredService<HeldDeletionStore>(), new OperatorRolePolicy());
        var viewer = ctx.Render<HeldDeletionsPanel>(p => p.Add(c => c.Service, operatorOnly).Add(c => c.Holds, holds)
            .Add(c => c.User, new ConfirmingUser("viewer", ["viewer"])));
        Assert.True(viewer.Find("[data-testid='confirm-deletion']").HasAttribute("disabled"));

        var none = ctx.Render<HeldDeletionsPanel>(p => p.Add(c => c.Service, status.Holds).Add(c => c.Holds, []));
        Assert.Empty(none.FindAll("[data-testid='held-deletions']"));
    }
}
