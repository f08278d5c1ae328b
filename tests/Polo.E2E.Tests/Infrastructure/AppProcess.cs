using System.Collections.Concurrent;
using System.Diagnostics;

namespace Polo.E2E.Tests.Infrastructure;

/// <summary>
/// The real Polo.Web app as a child process (<c>dotnet Polo.Web.dll</c>), with its console output kept for failure
/// messages and a signal for when the first-run demo seeding has finished (or failed).
/// </summary>
internal sealed class AppProcess : IDisposable
{
    private const int TailLines = 80;
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _tail = new();
    private readonly TaskCompletionSource<string?> _seeded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private AppProcess(Process process) => _process = process;

    /// <summary>Completes with null once the demo estate is ready, or with the reason it never will be.</summary>
    public Task<string?> Seeded => _seeded.Task;

    public int Id => _process.Id;

    public static AppProcess Start(string appDll, IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(appDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(appDll);
        foreach (var (key, value) in environment) info.Environment[key] = value;

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var app = new AppProcess(process);
        process.OutputDataReceived += (_, e) => app.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => app.OnLine(e.Data);
        process.Exited += (_, _) => app._seeded.TrySetResult($"the app exited with code {SafeExitCode(process)} before the demo estate was ready");
        if (!process.Start()) throw new InvalidOperationException($"Could not start 'dotnet {appDll}'.");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return app;
    }

    /// <summary>The last lines the app wrote to stdout/stderr, for failure messages.</summary>
    public string Tail() => string.Join(Environment.NewLine, _tail);

    public bool HasExited => _process.HasExited;

    /// <summary>Waits for the process to exit on its own; its exit code, or null when it still runs after <paramref name="timeout"/>.</summary>
    public async Task<int?> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try { await _process.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException) { return null; }
        _process.WaitForExit(); // drains the redirected output
        return _process.ExitCode;
    }

    private void OnLine(string? line)
    {
        if (line is null) return;
        _tail.Enqueue(line);
        while (_tail.Count > TailLines) _tail.TryDequeue(out _);
        // DemoSeeder logs these two messages when seeding ends.
        if (line.Contains("Demo estate ready", StringComparison.Ordinal)) _seeded.TrySetResult(null);
        else if (line.Contains("Demo seeding failed", StringComparison.Ordinal)) _seeded.TrySetResult("demo seeding failed (see the log below)");
    }

    private static string SafeExitCode(Process p)
    {
        try { return p.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture); }
        catch (InvalidOperationException) { return "?"; }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException) { /* already gone */ }
        _process.Dispose();
    }
}
