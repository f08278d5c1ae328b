using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Polo.Data;
using Polo.Data.Access;
using Polo.Web.Tests.Auth;

namespace Polo.Web.Tests.Cli;

/// <summary>
/// `collect cur` while the app runs on the embedded engine: the app (here on loopback Kestrel in this test process,
/// which holds the data directory) announces its address, and the verb — a separate process — finds the data
/// directory locked, asks the app to run the collector over /api/v1 with an operator's token and prints the summary.
/// </summary>
public sealed class CollectThroughTheAppTests : IAsyncLifetime
{
    private readonly LoopbackOidcProvider _keys = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("polo-cli-cur-").FullName;
    private PoloWebFactory _app = null!;
    private string _operatorToken = "";
    private string _viewerToken = "";

    public async Task InitializeAsync()
    {
        // Three lines of a CUR 2.0 CSV: $1.25 + $2.50 on i-1, $0.40 on a bucket.
        await File.WriteAllTextAsync(Path.Combine(_folder, "bill-00001.csv"), """
            bill_billing_period_start_date,line_item_usage_start_date,line_item_usage_account_id,line_item_product_code,line_item_usage_type,line_item_resource_id,line_item_unblended_cost,line_item_usage_amount,line_item_line_item_type
            2026-10-01T00:00:00Z,2026-10-03T10:00:00Z,111111111111,AmazonEC2,USW2-BoxUsage:m5.large,i-1,1.25,1,Usage
            2026-10-01T00:00:00Z,2026-10-03T11:00:00Z,111111111111,AmazonEC2,USW2-BoxUsage:m5.large,i-1,2.50,2,Usage
            2026-10-01T00:00:00Z,2026-10-04T00:00:00Z,111111111111,AmazonS3,USW2-TimedStorage-ByteHrs,bucket-1,0.40,10,Usage
            """);
        var settings = PoloWebFactory.Cloudflare(_keys);
        settings["Collection:Cur:Folder"] = _folder;
        settings["Collection:Scheduler"] = "false";
        _app = new PoloWebFactory(settings);
        _app.UseKestrel(0);
        _app.StartServer();
        var tokens = _app.Services.GetRequiredService<ApiTokenStore>();
        var root = new Actor("root", Roles.Admin);
        _operatorToken = (await tokens.CreateAsync("cli operator", Roles.Operator, root)).Token;
        _viewerToken = (await tokens.CreateAsync("cli viewer", Roles.Viewer, root)).Token;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _keys.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task<(int Exit, string Out, string Err)> CollectAsync(string? token, params string[] extra)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(CliProcessTests.WebDll());
        psi.ArgumentList.Add("collect");
        psi.ArgumentList.Add("cur");
        foreach (var a in extra) psi.ArgumentList.Add(a);
        psi.Environment["ClickHouse__DataPath"] = TestEngine.DataPath;
        psi.Environment["ClickHouse__Database"] = _app.Database;
        psi.Environment["POLO_API_TOKEN"] = token ?? "";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await p.WaitForExitAsync(cts.Token);
        return (p.ExitCode, await stdout, await stderr);
    }

    private Task<long> CurLinesAsync() => _app.Services.GetRequiredService<IClickHouse>()
        .ScalarAsync<long>("SELECT count() FROM cost_hourly WHERE source = 'cur'");

    [Fact]
    public async Task The_running_app_performs_the_run_for_an_operator_and_the_verb_prints_its_summary()
    {
        var listening = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        var port = new Uri(listening).Port;
        Assert.Equal($"http://127.0.0.1:{port}/",
            (await File.ReadAllTextAsync(Path.Combine(TestEngine.DataPath, $"polo-app-{_app.Database}.url"))).Trim() + "/");

        var viewer = await CollectAsync(_viewerToken);
        Assert.Equal(1, viewer.Exit);
        Assert.Contains("needs the operator role", viewer.Err, StringComparison.Ordinal);
        var anonymous = await CollectAsync(null);
        Assert.Equal(1, anonymous.Exit);
        Assert.Contains("needs an operator's API token", anonymous.Err, StringComparison.Ordinal);
        var elsewhere = await CollectAsync(_operatorToken, "--folder", _folder);
        Assert.Equal(2, elsewhere.Exit);
        Assert.Contains("reads its own Collection:Cur:Folder", elsewhere.Err, StringComparison.Ordinal);
        Assert.Equal(0, await CurLinesAsync());

        var run = await CollectAsync(_operatorToken);
        Assert.True(run.Exit == 0, run.Out + run.Err);
        Assert.Contains($"the app at http://127.0.0.1:{port}/ holds", run.Out, StringComparison.Ordinal);
        Assert.Contains("cur organisation-wide: ok, ", run.Out, StringComparison.Ordinal);
        Assert.Contains("1 period(s) replaced (3 lines)", run.Out, StringComparison.Ordinal);
        Assert.Contains("cur finished in", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Err, StringComparison.Ordinal);
        Assert.Equal(3, await CurLinesAsync());
        Assert.Equal(4.15m, await _app.Services.GetRequiredService<IClickHouse>()
            .ScalarAsync<decimal>("SELECT sum(cost) FROM cost_hourly WHERE source = 'cur'"));
    }

    [Fact]
    public async Task The_api_refuses_a_run_to_a_viewer_and_a_form_post()
    {
        using var http = new HttpClient { BaseAddress = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()) };
        using var asViewer = new HttpRequestMessage(HttpMethod.Post, "/api/v1/collectors/cur/runs") { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };
        asViewer.Headers.Authorization = new("Bearer", _viewerToken);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(asViewer)).StatusCode);

        using var form = new HttpRequestMessage(HttpMethod.Post, "/api/v1/collectors/cur/runs") { Content = new FormUrlEncodedContent([]) };
        form.Headers.Authorization = new("Bearer", _operatorToken);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await http.SendAsync(form)).StatusCode);

        using var unknown = new HttpRequestMessage(HttpMethod.Post, "/api/v1/collectors/nope/runs") { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };
        unknown.Headers.Authorization = new("Bearer", _operatorToken);
        Assert.Equal(HttpStatusCode.NotFound, (await http.SendAsync(unknown)).StatusCode);
        Assert.Equal(0, await CurLinesAsync());
    }
}
