using Polo.Collection.Cost.Cur.Reading;

namespace Polo.Collection.Cost.Cur.Commit;

/// <summary>
/// One (export, billing period) as a complete file set: the unit that replaces its ledger holdings as a whole.
/// <see cref="Fingerprint"/> identifies the file set, so an unchanged period is not re-read.
/// </summary>
public sealed record CurPeriod(string Export, DateOnly BillingPeriod, IReadOnlyList<CurFileFacts> Files, string Fingerprint)
{
    public long Lines => Files.Sum(f => f.Lines);

    public DateTime? MinHour => Files.Select(f => f.MinHour).Min();

    public DateTime? MaxHour => Files.Select(f => f.MaxHour).Max();

    public override string ToString() => $"{Export} {BillingPeriod:yyyy-MM}";
}
