using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Polo.Data.Telemetry;

/// <summary>
/// Polo's own metrics and traces (System.Diagnostics; the web host exports them with OpenTelemetry): collector runs and
/// rows written, query latency, open circuits. Instrument names follow OpenTelemetry conventions (<c>polo.*</c>).
/// </summary>
public static class PoloTelemetry
{
    public const string Name = "Polo";

    public static readonly Meter Meter = new(Name);
    public static readonly ActivitySource Source = new(Name);

    private static readonly Counter<long> CollectorRuns = Meter.CreateCounter<long>("polo.collector.runs", "{run}", "Collector runs finished, by collector and status.");
    private static readonly Counter<long> RowsWritten = Meter.CreateCounter<long>("polo.collector.rows_written", "{row}", "Rows the collectors wrote.");
    private static readonly Histogram<double> QueryDuration = Meter.CreateHistogram<double>("polo.query.duration", "s", "ClickHouse statement latency, by transport and kind.");
    private static readonly UpDownCounter<long> Circuits = Meter.CreateUpDownCounter<long>("polo.circuits.open", "{circuit}", "Open Blazor circuits.");

    public static void CollectorRunFinished(string collector, string status, ulong rows)
    {
        var tags = new TagList { { "collector", collector }, { "status", status } };
        CollectorRuns.Add(1, tags);
        RowsWritten.Add((long)rows, new TagList { { "collector", collector } });
    }

    public static void Query(string transport, string kind, TimeSpan elapsed, bool failed) =>
        QueryDuration.Record(elapsed.TotalSeconds, new TagList { { "transport", transport }, { "kind", kind }, { "failed", failed } });

    public static void CircuitOpened() => Circuits.Add(1);
    public static void CircuitClosed() => Circuits.Add(-1);
}
