using System.Globalization;

namespace Polo.Data.Analysis;

/// <summary>A half-open UTC interval [Start, End).</summary>
public sealed record TimeRange(DateTime Start, DateTime End)
{
    public TimeSpan Length => End - Start;

    public static TimeRange Create(DateTime start, DateTime end)
    {
        if (end <= start) throw new ArgumentException($"Range end {end:yyyy-MM-dd HH:mm} must be after its start {start:yyyy-MM-dd HH:mm}.");
        return new TimeRange(DateTime.SpecifyKind(start, DateTimeKind.Utc), DateTime.SpecifyKind(end, DateTimeKind.Utc));
    }

    /// <summary>The range of the same length immediately before this one.</summary>
    public TimeRange Previous() => new(Start - Length, Start);

    public override string ToString() =>
        $"{Start.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} – {End.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}";
}
