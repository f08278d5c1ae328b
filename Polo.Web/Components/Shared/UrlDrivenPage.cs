using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using Polo.Data;
using Polo.Web.Services;

namespace Polo.Web.Components.Shared;

/// <summary>
/// Base for pages whose whole state lives in the URL. Loads on first render and whenever the URL of this page changes
/// (query or route), cancelling the query in flight; reloads when new data lands (coalesced via <see cref="LiveRefresh"/>);
/// turns query failures into a message for <see cref="ErrorNotice"/> (the exception is logged, never shown).
/// </summary>
public abstract class UrlDrivenPage : ComponentBase, IDisposable
{
    [Inject] protected NavigationManager Nav { get; set; } = default!;
    [Inject] private DataChangeNotifier Notifier { get; set; } = default!;
    [Inject] private ILoggerFactory LoggerFactory { get; set; } = default!;

    private CancellationTokenSource? _cts;
    private LiveRefresh? _live;
    private string? _loadedUri;
    private bool _disposed;

    /// <summary>True while a load is in flight (the page shows its loading state).</summary>
    protected bool Loading { get; private set; } = true;

    /// <summary>The last load's failure, in words for a person; null when it worked.</summary>
    protected string? Error { get; private set; }

    /// <summary>Whether a URL belongs to this page (navigations elsewhere are ignored while the page is torn down).</summary>
    protected abstract bool OwnsUri(string uri);

    /// <summary>The base-relative path of <paramref name="uri"/> without query or fragment ("costs", "resources/i-1").</summary>
    protected string RelativePath(string uri) => Nav.ToBaseRelativePath(uri).Split('?', '#')[0].TrimEnd('/');

    /// <summary>Reads the page state from <paramref name="uri"/> and runs the queries.</summary>
    protected abstract Task LoadAsync(string uri, CancellationToken ct);

    protected override void OnInitialized()
    {
        Nav.LocationChanged += OnLocationChanged;
        _live = new LiveRefresh(Notifier, () => InvokeAsync(() => ReloadAsync(force: true)));
    }

    protected override Task OnParametersSetAsync() => ReloadAsync(force: false);

    private void OnLocationChanged(object? sender, LocationChangedEventArgs e)
    {
        if (!_disposed && OwnsUri(e.Location)) _ = InvokeAsync(() => ReloadAsync(force: false));
    }

    /// <summary>Loads the current URL's state unless it is already shown (or <paramref name="force"/>).</summary>
    protected async Task ReloadAsync(bool force = true)
    {
        var uri = Nav.Uri;
        if (_disposed || (!force && uri == _loadedUri)) return;
        _loadedUri = uri;
        _cts?.Cancel();
        var cts = _cts = new CancellationTokenSource();
        Loading = true;
        Error = null;
        StateHasChanged();
        try
        {
            await LoadAsync(uri, cts.Token);
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e)
        {
            LoggerFactory.CreateLogger(GetType()).LogError(e, "Loading {Uri} failed", uri);
            Error = e is ClickHouseException or ArgumentException or InvalidOperationException
                ? e.Message
                : $"The data could not be loaded ({e.GetType().Name}: {e.Message}).";
        }
        if (cts != _cts) return;
        Loading = false;
        StateHasChanged();
    }

    public void Dispose()
    {
        _disposed = true;
        Nav.LocationChanged -= OnLocationChanged;
        _live?.Dispose();
        _cts?.Cancel();
        GC.SuppressFinalize(this);
    }
}
