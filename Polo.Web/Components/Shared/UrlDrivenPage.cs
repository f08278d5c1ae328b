using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using Polo.Data;
using Polo.Data.Analysis;
using Polo.Data.Analysis.Accounts;
using Polo.Data.Analysis.Costs;
using Polo.Data.Changes;
using Polo.Web.Services;
using Polo.Web.Services.State;

namespace Polo.Web.Components.Shared;

/// <summary>
/// Base for pages whose whole state lives in the URL (path and query string). It reads the URL on every parameter set
/// and on LocationChanged, so query-only navigation reloads without a page reload and a route parameter change
/// (/resources/a → /resources/b, same component) reloads too; fragment-only changes are ignored. It cancels the
/// in-flight load when the URL changes, reloads quietly when data of the kinds it shows lands (<see cref="LiveKinds"/>,
/// through <see cref="DataChangeNotifier.Subscribe"/>; the current figures stay on screen meanwhile), and turns failures into a message (<see cref="Error"/>) for
/// <see cref="ErrorNotice"/> while logging the exception.
/// </summary>
public abstract class UrlDrivenPage : ComponentBase, IDisposable
{
    private string _path = "";
    private string? _applied;
    private CancellationTokenSource? _cts;
    private IDisposable? _live;
    private bool _disposed;

    [Inject] protected NavigationManager Nav { get; set; } = default!;
    [Inject] private DataChangeNotifier NotifierService { get; set; } = default!;
    [Inject] private ILoggerFactory LoggerFactory { get; set; } = default!;
    [Inject] private IServiceProvider Services { get; set; } = default!;

    /// <summary>True while a load triggered by the URL runs (live reloads keep showing the current figures).</summary>
    protected bool Loading { get; private set; } = true;

    /// <summary>What went wrong in the last load, for people (never a stack trace).</summary>
    protected string? Error { get; private set; }

    /// <summary>The query string of the URL being shown (keys case-insensitive).</summary>
    protected IReadOnlyDictionary<string, string> Query { get; private set; } = new Dictionary<string, string>();

    /// <summary>The absolute URL being shown, without its fragment (for pages that read their route from it).</summary>
    protected string ShownUri { get; private set; } = "";

    /// <summary>Loads the page's data for <paramref name="query"/>. Assign fields only after the last await
    /// (check <paramref name="ct"/> first) so a superseded load never overwrites a newer one.</summary>
    protected abstract Task LoadAsync(IReadOnlyDictionary<string, string> query, CancellationToken ct);

    /// <summary>Short phrase for error titles and logs, e.g. "the cost delta".</summary>
    protected abstract string What { get; }

    /// <summary>The kinds of data the page shows: it reloads quietly when any of them changes.</summary>
    protected virtual DataKinds LiveKinds => DataKinds.AnalysisData;

    /// <summary>How often a live reload runs at most while data of <see cref="LiveKinds"/> keeps landing.</summary>
    protected virtual TimeSpan LiveThrottle => DataChangeNotifier.DefaultThrottle;

    /// <summary>Loading, error and retry, for <see cref="PageStatus"/>.</summary>
    protected LoadStatus Status => new(Loading, Error, () => ReloadAsync());

    /// <summary>The notifier pages subscribe through (for subscriptions beyond <see cref="LiveKinds"/>).</summary>
    protected DataChangeNotifier Notifier => NotifierService;

    protected override void OnInitialized()
    {
        Nav.LocationChanged += OnLocationChanged;
        _live = NotifierService.Subscribe(LiveKinds, _ => InvokeAsync(() => RunAsync(silent: true)), LiveThrottle);
    }

    protected override Task OnParametersSetAsync()
    {
        // The router sets parameters whenever this component shows a URL, also when a route parameter changed and the
        // component was reused: the path shown now is the one this page owns.
        _path = PathOf(Nav.Uri);
        return ApplyAsync(Nav.Uri);
    }

    /// <summary>The one currency of the periods a page shows; amounts are then formatted in it (<see cref="Money"/>).
    /// Periods billed in two currencies throw <see cref="MixedCurrencyException"/>: the page shows its message instead of
    /// a sum.</summary>
    protected async Task<string> CurrencyOfAsync(IReadOnlyCollection<TimeRange> periods, CancellationToken ct)
    {
        var currency = await Services.GetRequiredService<ICurrencyQueries>().SingleAsync(periods, ct);
        Money.Currency = currency;
        return currency;
    }

    /// <summary><see cref="CurrencyOfAsync"/> of <paramref name="periods"/> read while <paramref name="load"/> runs (not
    /// before it: a cold first visit would wait for one query more); the currency's failure comes first, as if read
    /// before.</summary>
    protected Task<T> WithCurrencyOfAsync<T>(IReadOnlyCollection<TimeRange> periods, Task<T> load, CancellationToken ct) =>
        WithCurrencyOfAsync(CurrencyOfAsync(periods, ct), load);

    /// <summary><paramref name="load"/> once <paramref name="currency"/> (started beside it) is known; the currency's
    /// failure comes first.</summary>
    protected static async Task<T> WithCurrencyOfAsync<T>(Task<string> currency, Task<T> load)
    {
        try
        {
            await Task.WhenAll(currency, load);
        }
        catch when (currency.IsFaulted)
        {
            await currency; // its exception (e.g. mixed currencies), not the load's
        }
        return await load;
    }

    /// <summary>Reloads with the current URL (retry button, live refresh).</summary>
    protected Task ReloadAsync(bool silent = false) => RunAsync(silent);

    private void OnLocationChanged(object? sender, LocationChangedEventArgs e) => _ = InvokeAsync(() => ApplyAsync(e.Location));

    private Task ApplyAsync(string uri)
    {
        if (_disposed || PathOf(uri) != _path) return Task.CompletedTask;
        var withoutFragment = uri.Split('#')[0];
        if (withoutFragment == _applied) return Task.CompletedTask;
        _applied = ShownUri = withoutFragment;
        Query = UrlState.Query(withoutFragment);
        return RunAsync(silent: false);
    }

    private async Task RunAsync(bool silent)
    {
        if (_disposed) return;
        _cts?.Cancel();
        _cts?.Dispose();
        var cts = _cts = new CancellationTokenSource();
        if (!silent)
        {
            Loading = true;
            StateHasChanged();
        }
        try
        {
            // The account names only label what the load finds: read them beside it, not before it.
            var accounts = RefreshAccountsAsync(cts.Token);
            try
            {
                await LoadAsync(Query, cts.Token);
            }
            finally
            {
                await accounts;
            }
            if (cts.IsCancellationRequested) return;
            Error = null;
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e)
        {
            if (cts.IsCancellationRequested || _disposed) return;
            LoggerFactory.CreateLogger(GetType()).LogError(e, "Loading {What} failed for {Uri}", What, Nav.Uri);
            Error = e is ClickHouseException or ArgumentException ? e.Message : $"{e.GetType().Name}: {e.Message}";
        }
        Loading = false;
        if (!_disposed) StateHasChanged();
    }

    /// <summary>Account names and roles label account ids; without them (a failing read) pages show the bare ids. Pages
    /// of an app without the analysis services (the collectors' status alone) have no directory to refresh.</summary>
    private async Task RefreshAccountsAsync(CancellationToken ct)
    {
        if (Services.GetService<AccountDirectory>() is not { } accounts) return;
        try
        {
            await accounts.RefreshAsync(ct);
        }
        catch (ClickHouseException e)
        {
            LoggerFactory.CreateLogger(GetType()).LogWarning(e, "Account names could not be read; showing account ids");
        }
    }

    private string PathOf(string uri) => Nav.ToBaseRelativePath(uri).Split('?', '#')[0].Trim('/');

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        Nav.LocationChanged -= OnLocationChanged;
        _live?.Dispose();
        _cts?.Cancel();
        _cts?.Dispose();
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing) { }
}
