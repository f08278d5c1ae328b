using System.Diagnostics;

namespace Polo.Web.Tests.Cli;

/// <summary>The app's command-line verbs, each run as a separate process on one data path.</summary>
public sealed class CliProcessTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("polo-cli-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    internal static string WebDll()
    {
        // tests/Polo.Web.Tests/bin/<Configuration>/net10.0/ → Polo.Web/bin/<Configuration>/net10.0/Polo.Web.dll
        var bin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = bin.Parent!.Name;
        var root = bin.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
        var dll = Path.Combine(root, "Polo.Web", "bin", configuration, bin.Name, "Polo.Web.dll");
        Assert.True(File.Exists(dll), $"Polo.Web is not built at {dll}");
        return dll;
    }

    private async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args) =>
        await RunWithAsync(new Dictionary<string, string>(), args);

    private async Task<(int Exit, string Out, string Err)> RunWithAsync(Dictionary<string, string> env, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(WebDll());
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["ClickHouse__DataPath"] = _data;
        foreach (var (k, v) in env) psi.Environment[k] = v;
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await p.WaitForExitAsync(cts.Token);
        return (p.ExitCode, await stdout, await stderr);
    }

    [Fact]
    public async Task Migrations_persist_across_process_restarts()
    {
        var first = await RunAsync("migrate");
        Assert.True(first.Exit == 0, first.Err);
        Assert.Contains("001_resource_events.sql", first.Out);

        var second = await RunAsync("migrate");
        Assert.True(second.Exit == 0, second.Err);
        Assert.Contains("none pending", second.Out);
    }

    [Fact]
    public async Task Generate_demo_writes_an_estate_a_later_process_sees_and_refuses_to_overwrite()
    {
        var run = await RunAsync("generate-demo", "--days", "14");
        Assert.True(run.Exit == 0, run.Err);
        Assert.Contains("16 accounts", run.Out);
        Assert.Contains("injected ran_longer on cluster:internal/loadtest", run.Out);

        var again = await RunAsync("generate-demo", "--days", "14");
        Assert.Equal(1, again.Exit);
        Assert.Contains("already holds", again.Err);
        Assert.Contains("--reset", again.Err);
        Assert.DoesNotContain("   at ", again.Err);
    }

    [Fact]
    public async Task Bad_input_gives_a_one_line_error_not_a_stack_trace()
    {
        var tooShort = await RunAsync("generate-demo", "--days", "5");
        Assert.Equal(1, tooShort.Exit);
        Assert.Contains("at least 14 days", tooShort.Err);
        Assert.DoesNotContain("   at ", tooShort.Err);

        var transport = await RunWithAsync(new() { ["ClickHouse__Transport"] = "carrier-pigeon" }, "migrate");
        Assert.Equal(1, transport.Exit);
        Assert.Contains("Unknown ClickHouse:Transport 'carrier-pigeon'", transport.Err);
    }
}
