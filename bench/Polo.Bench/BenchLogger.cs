using Microsoft.Extensions.Logging;

namespace Polo.Bench;

/// <summary>Prints a collector's information-level log lines (phase timings) under the figure they belong to.</summary>
internal sealed class BenchLogger<T> : ILogger<T>
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel)) Console.WriteLine($"               · {formatter(state, exception)}");
    }
}
