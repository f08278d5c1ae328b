using Microsoft.Extensions.Time.Testing;
using Polo.Data.Changes;

namespace Polo.Collection.Tests.Infrastructure;

/// <summary>A notifier on a fake clock with a subscriber to each kind: tells how often each kind was published (its
/// data version) and how many rows landed per kind.</summary>
public sealed class NotifierProbe
{
    private static readonly TimeSpan Throttle = TimeSpan.FromSeconds(1);
    private readonly FakeTimeProvider _time = new();
    private readonly List<DataChange> _changes = [];

    public NotifierProbe()
    {
        Notifier = new DataChangeNotifier(_time);
        // One subscription per kind, so rows of different kinds are never summed together.
        foreach (var kind in Enum.GetValues<DataKinds>().Where(k => k != DataKinds.None && (k & (k - 1)) == 0))
            Notifier.Subscribe(kind, c =>
            {
                lock (_changes) _changes.Add(c);
                return Task.CompletedTask;
            }, Throttle);
    }

    public DataChangeNotifier Notifier { get; }

    /// <summary>How many publishes named <paramref name="kind"/>.</summary>
    public long Publishes(DataKinds kind) => Notifier.Version(kind);

    /// <summary>Rows published under <paramref name="kind"/> so far (delivers what is pending first).</summary>
    public long Rows(DataKinds kind)
    {
        _time.Advance(Throttle);
        lock (_changes) return _changes.Where(c => c.Kinds == kind).Sum(c => c.Rows);
    }
}
