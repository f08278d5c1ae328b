using Polo.Data;
using Polo.Web.Services;

namespace Polo.Web.Cli;

/// <summary>
/// `query "&lt;SQL&gt;"`: runs one statement against the configured database and prints the result as TSV with a header
/// (operators' inspection of the ledger; the same start-up as the app: migrations, then interrupted commits undone).
/// </summary>
public static class QueryCommand
{
    public static async Task<int> RunAsync(IConfiguration configuration, string[] args)
    {
        var sql = args.Skip(1).FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal));
        if (string.IsNullOrWhiteSpace(sql))
        {
            await Console.Error.WriteLineAsync("usage: query \"SELECT …\"");
            return 2;
        }
        if (EmbeddedDataLock.HeldByAnotherProcess(configuration) is { } dataPath)
        {
            await Console.Error.WriteLineAsync($"error: the embedded database at '{dataPath}' is in use by a running Polo; stop it first.");
            return 3;
        }
        var services = new ServiceCollection().AddPoloData(configuration);
        await using var provider = services.BuildServiceProvider();
        await provider.MigratePoloAsync();
        if (await StartupTasks.RunAsync(provider) is { } recovered) Console.WriteLine(recovered);
        Console.Write(await provider.GetRequiredService<IClickHouse>().QueryRawAsync(sql, "TSVWithNames"));
        return 0;
    }
}
