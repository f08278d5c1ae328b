using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Polo.Collection.Scheduling;
using Polo.Web.Components.Pages.Collectors;
using Polo.Web.Tests.Infrastructure;

namespace Polo.Web.Tests.Collectors;

/// <summary>The status page rendered with bunit over the real collection stack, engine and loopback AWS fake.</summary>
public sealed class CollectorsPageTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>, IAsyncLifetime
{
    private static readonly TimeSpan Timeout = CollectorsContext.Timeout;
    private readonly FakeAws _aws = new();

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _aws.DisposeAsync();

    private BunitContext Context(Dictionary<string, string?> settings, bool asTheAppDoes = false) =>
        CollectorsContext.Create(db.Ch, settings, asTheAppDoes);

    [Fact]
    public async Task Without_accounts_the_page_explains_how_to_configure_them_and_run_now_is_disabled()
    {
        await using var ctx = Context(new(), asTheAppDoes: true);
        ctx.Render<MudPopoverProvider>();

        var cut = ctx.Render<CollectorsPage>();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid='collector-name']")), Timeout);
        // Every collector the app registers is discovered by name.
        Assert.Equal(new[] { "cost-explorer", "cur", "ec2-config", "lifecycle" },
            cut.FindAll("[data-testid='collector-name'] b").Select(e => e.TextContent.Trim()));
        Assert.Contains("No AWS accounts are configured", cut.Find("[data-testid='no-accounts']").TextContent);
        Assert.Contains("Polo.Collection/README.md", cut.Find("[data-testid='no-accounts']").TextContent);
        var ec2 = cut.FindAll("[data-testid='collector-name']").Select(e => e.ParentElement!)
            .Single(row => row.TextContent.Contains("ec2-config"));
        Assert.Contains("disabled", ec2.QuerySelector("[data-testid='collector-status']")!.TextContent);
        Assert.True(ec2.QuerySelector("[data-testid='run-now']")!.HasAttribute("disabled"));
        Assert.DoesNotContain(" at Polo.", cut.Markup);
    }

    [Fact]
    public async Task Run_now_runs_the_collector_and_the_page_shows_each_account_live_including_the_failure()
    {
        const string good = "500000000001", denied = "500000000002";
        _aws.Estate(good).Instances.Add(new FakeInstance("i-page-1", "m5.large"));
        _aws.DeniedRoles[$"arn:aws:iam::{denied}:role/polo"] = true;
        await using var ctx = Context(new()
        {
            ["Collection:Accounts:0:AccountId"] = good,
            ["Collection:Accounts:0:Name"] = "prod-one",
            ["Collection:Accounts:0:RoleArn"] = $"arn:aws:iam::{good}:role/polo",
            ["Collection:Accounts:1:AccountId"] = denied,
            ["Collection:Accounts:1:Name"] = "locked",
            ["Collection:Accounts:1:RoleArn"] = $"arn:aws:iam::{denied}:role/polo",
            ["Collection:ServiceUrls:EC2"] = _aws.Url,
            ["Collection:ServiceUrls:STS"] = _aws.Url,
            ["Collection:MaxErrorRetry"] = "0",
        });
        var scheduler = ctx.Services.GetRequiredService<CollectorScheduler>();
        await scheduler.StartAsync(CancellationToken.None);
        try
        {
            ctx.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo("/collectors?collector=ec2-config");
            ctx.Render<MudPopoverProvider>();
            var cut = ctx.Render<CollectorsPage>();
            cut.WaitForAssertion(() => Assert.Contains("not run yet", cut.Find("[data-testid='collector-status']").TextContent), Timeout);
            Assert.Equal("ec2-config by account and region", cut.Find("[data-testid='accounts-title']").TextContent.Trim());
            Assert.Empty(cut.FindAll("[data-testid='no-accounts']"));

            await cut.InvokeAsync(() => cut.Find("[data-testid='run-now']").Click());

            // The runner's events refresh the page without any further interaction.
            cut.WaitForAssertion(() =>
            {
                Assert.Contains("failed (1 of 2)", cut.Find("[data-testid='collector-status']").TextContent);
                var statuses = cut.FindAll("[data-testid='account-status']").Select(e => e.TextContent.Trim()).ToList();
                Assert.Equal(new[] { "ok", "failed" }, statuses);
            }, Timeout);
            var errors = cut.FindAll("[data-testid='account-error']").Select(e => e.TextContent.Trim()).ToList();
            Assert.Equal("", errors[0]);
            Assert.StartsWith("AWS AccessDenied (403)", errors[1]);
            Assert.Contains("prod-one (500000000001)", cut.Markup);
            Assert.False(cut.Find("[data-testid='run-now']").HasAttribute("disabled"));
        }
        finally
        {
            await scheduler.StopAsync(CancellationToken.None);
        }
    }
}
