using Polo.Data;

namespace Polo.Web.Services;

/// <summary>
/// Coalesces "new data landed" signals for one page: a burst of writes (a collector run, demo seeding) triggers one
/// reload at most every <see cref="MinInterval"/>, so open pages update live without hammering the engine.
/// </summary>
public sealed class LiveRefresh : IDisposable
{
    public static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(2);

    private readonly DataChangeNotifier _notifier;
    private readonly Func<Task> _reload;
    private int _pending;

    public LiveRefresh(DataChangeNotifier notifier, Func<Task> reload)
    {
        _notifier = notifier;
        _reload = reload;
        _notifier.Landed += OnLanded;
    }

    private void OnLanded(DataLanded landed)
    {
        if (Interlocked.Exchange(ref _pending, 1) == 1) return;
        _ = Task.Run(async () =>
        {
            await Task.Delay(MinInterval);
            Interlocked.Exchange(ref _pending, 0);
            await _reload();
        });
    }

    public void Dispose() => _notifier.Landed -= OnLanded;
}
