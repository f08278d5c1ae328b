using System.Diagnostics;

namespace Polo.Collection.Tests.Infrastructure;

/// <summary>Runs the app's command line (Polo.Web.dll) as a child process on a given embedded data directory.</summary>
internal static class Cli
{
    private static string WebDll()
    {
        // tests/Polo.Collection.Tests/bin/<Configuration>/net10.0/ → Polo.Web/bin/<Configuration>/net10.0/Polo.Web.dll
        var bin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var root = bin.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
        var dll = Path.Combine(root, "Polo.Web", "bin", bin.Parent!.Name, bin.Name, "Polo.Web.dll");
        return File.Exists(dll) ? dll : Path.Combine(bin.FullName, "Polo.Web.dll");
    }

    private static ProcessStartInfo Start(string dataPath, string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(WebDll());
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["ClickHouse__DataPath"] = dataPath;
        return psi;
    }

    public static async Task<(int Exit, string Out, string Err)> RunAsync(string dataPath, params string[] args)
    {
        using var p = Process.Start(Start(dataPath, args))!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await p.WaitForExitAsync(cts.Token);
        return (p.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts the verb and kills the process (SIGKILL, no clean-up) <paramref name="delay"/> after the
    /// first output line matching <paramref name="trigger"/> (or at exit, whichever comes first).</summary>
    public static async Task RunAndKillAsync(string dataPath, Func<string, bool> trigger, TimeSpan delay, params string[] args)
    {
        using var p = Process.Start(Start(dataPath, args))!;
        var seen = new TaskCompletionSource();
        p.OutputDataReceived += (_, e) => { if (e.Data is { } line && trigger(line)) seen.TrySetResult(); };
        p.ErrorDataReceived += (_, _) => { };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        await Task.WhenAny(seen.Task, p.WaitForExitAsync());
        await Task.Delay(delay);
        if (!p.HasExited) p.Kill(entireProcessTree: true);
        await p.WaitForExitAsync();
    }
}
