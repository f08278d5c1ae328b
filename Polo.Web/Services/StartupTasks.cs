using Polo.Collection.Accounts;
using Polo.Collection.Configuration;
using Polo.Collection.Cost.Cur.Commit;
using Polo.Data;

namespace Polo.Web.Services;

/// <summary>
/// What every start (the app and the CLI verbs) does after migrations, before anything reads or writes the ledger:
/// undo CUR commits a killed process left half-done, and record the configured accounts' names and roles.
/// </summary>
public static class StartupTasks
{
    public static async Task<string?> RunAsync(IServiceProvider services, CancellationToken ct = default)
    {
        var ch = services.GetRequiredService<IClickHouse>();
        var undone = await CurCommitLog.RecoverInterruptedAsync(ch, ct);
        if (services.GetService<CollectionOptions>() is { } collection)
            await AccountMetadataWriter.ApplyConfiguredAsync(ch, collection, ct);
        return undone > 0 ? $"ledger: {undone} interrupted CUR commit(s) undone" : null;
    }
}
