using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Polo.Collection.Tests.Fakes;
using Polo.Collection.Tests.Infrastructure;

namespace Polo.Collection.Tests.Cost;

/// <summary>
/// Atomicity across a crash: the CLI (`collect cur`) is killed at random moments of a whole-period restatement, in
/// a loop, each time on a copy of the same database. After a restart the ledger (and its daily rollup and per-resource
/// facts) equals the
/// old state or the new one, never a mix; another run then brings it to the new state.
/// </summary>
public sealed class CurCrashTests : FreshDatabase
{
    private readonly string _root = Directory.CreateTempSubdirectory("polo-cur-crash-").FullName;
    private readonly Random _random = new(20261201);

    public override async Task DisposeAsync()
    {
        Directory.Delete(_root, recursive: true);
        await base.DisposeAsync();
    }

    /// <summary>A month of hourly lines over resources; the restatement re-prices lines, drops some and moves some.</summary>
    private Task WriteBillAsync(string path, bool restated) => Ch.ExecuteAsync($"""
        INSERT INTO FUNCTION file('{path}', 'Parquet')
        SELECT toDateTime64('2025-03-01 00:00:00', 3, 'UTC') + toIntervalHour(number % 720) AS line_item_usage_start_date,
               toDateTime64('2025-03-01 00:00:00', 3, 'UTC') AS bill_billing_period_start_date,
               toString(111111111100 + intDiv(number, 720) % 7) AS line_item_usage_account_id,
               'Usage' AS line_item_line_item_type, 'AmazonEC2' AS line_item_product_code, 'BoxUsage:m5.large' AS line_item_usage_type,
               concat('i-', toString(intDiv(number, 720) {(restated ? "+ if(number % 13 = 0, 1000, 0)" : "")})) AS line_item_resource_id,
               1.0 AS line_item_usage_amount,
               round(0.05 + (cityHash64(number) % 1000) / 1e5 {(restated ? "+ if(number % 5 = 0, 0.01, 0)" : "")}, 6) AS line_item_unblended_cost,
               'us-east-1' AS product_region_code,
               map('user_polo_customer', concat('c', toString(intDiv(number, 720) % 9))) AS resource_tags
        FROM numbers(150000)
        {(restated ? "WHERE number % 17 != 0" : "")}
        SETTINGS engine_file_truncate_on_insert = 1
        """);

    private const string StateSql = """
        SELECT count() AS keys, sum(cityHash64(k, toString(c))) AS digest, toString(sum(c)) AS total,
               (SELECT count() FROM (SELECT toDate(hour) AS d, sum(cost) AS c FROM cost_hourly GROUP BY d) AS l
                FULL OUTER JOIN (SELECT day AS d, sum(cost) AS c FROM cost_rollup_daily GROUP BY d) AS r USING (d)
                WHERE l.c != r.c) AS rollup_mismatches,
               (SELECT count() FROM (SELECT resource_id, toDate(hour) AS d, sum(cost) AS c, sum(usage_amount) AS u FROM cost_hourly GROUP BY resource_id, d) AS l
                FULL OUTER JOIN (SELECT resource_id, day AS d, sum(cost) AS c, sum(usage_amount) AS u FROM cost_resource_daily GROUP BY resource_id, d) AS r
                USING (resource_id, d) WHERE l.c != r.c OR abs(l.u - r.u) > 1e-9) AS facts_mismatches,
               (SELECT count() FROM system.tables WHERE database = currentDatabase() AND startsWith(name, 'cur_work_')) AS work_tables
        FROM (SELECT concat(toString(hour), '|', account_id, '|', resource_id, '|', toString(customer), '|', toString(line_item_type)) AS k,
                     sum(cost) AS c FROM cost_hourly GROUP BY k HAVING c != 0)
        """;

    [Fact]
    public async Task A_restatement_killed_at_random_moments_leaves_the_old_or_the_new_ledger()
    {
        string v1 = Path.Combine(_root, "v1"), v2 = Path.Combine(_root, "v2"), baseDb = Path.Combine(_root, "db-old");
        Directory.CreateDirectory(v1);
        Directory.CreateDirectory(v2);
        await WriteBillAsync(Path.Combine(v1, "bill.snappy.parquet"), restated: false);
        await WriteBillAsync(Path.Combine(v2, "bill.snappy.parquet"), restated: true);

        var first = await Cli.RunAsync(baseDb, "collect", "cur", "--folder", v1);
        Assert.True(first.Exit == 0, first.Err + first.Out);
        var oldState = await StateAsync(baseDb);

        var reference = Copy(baseDb, "db-new");
        var full = await Cli.RunAsync(reference, "collect", "cur", "--folder", v2);
        Assert.True(full.Exit == 0, full.Err + full.Out);
        var newState = await StateAsync(reference);
        Assert.NotEqual(oldState, newState);
        // The kills aim at the commit itself: as long as the reference run's commit took (its log line), and a bit.
        var written = Regex.Match(full.Out, @"ledger rows written in (\d+) ms");
        Assert.True(written.Success, full.Out);
        var commitMs = Math.Max(50, int.Parse(written.Groups[1].Value, CultureInfo.InvariantCulture) * 5 / 4);

        var interrupted = 0;
        for (var i = 0; i < 6; i++)
        {
            var db = Copy(baseDb, $"db-kill-{i}");
            // Kill somewhere between the announcement of the commit and well past its end.
            var delay = _random.Next(0, commitMs);
            await Cli.RunAndKillAsync(db, line => line.Contains("committing", StringComparison.Ordinal), TimeSpan.FromMilliseconds(delay),
                "collect", "cur", "--folder", v2);

            var after = await Cli.RunAsync(db, "query", StateSql);
            Assert.True(after.Exit == 0, after.Err);
            if (after.Out.Contains("interrupted CUR commit(s) undone", StringComparison.Ordinal)) interrupted++;
            var state = StateLine(after.Out);
            Assert.True(state == oldState || state == newState, $"kill after {delay} ms left a mixed ledger: {state}\nold {oldState}\nnew {newState}");
            // Neither the rollup nor the facts differ from the ledger, and start-up dropped a killed restatement's work tables.
            Assert.EndsWith("\t0\t0\t0", state);

            var resumed = await Cli.RunAsync(db, "collect", "cur", "--folder", v2);
            Assert.True(resumed.Exit == 0, resumed.Err + resumed.Out);
            Assert.Equal(newState, await StateAsync(db));
            Directory.Delete(db, recursive: true);
        }
        Assert.True(interrupted > 0, "no kill landed inside a commit; the loop proved nothing");
    }

    private static async Task<string> StateAsync(string db)
    {
        var r = await Cli.RunAsync(db, "query", StateSql);
        Assert.True(r.Exit == 0, r.Err);
        return StateLine(r.Out);
    }

    private static string StateLine(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries).SkipWhile(l => !l.StartsWith("keys\t", StringComparison.Ordinal)).Skip(1).First();

    /// <summary>A copy of a closed database directory; `cp -a` keeps the engine's symlinks (Atomic databases link
    /// metadata and data into store/).</summary>
    private string Copy(string db, string name)
    {
        var target = Path.Combine(_root, name);
        using var cp = Process.Start("cp", ["-a", db, target]);
        cp.WaitForExit();
        Assert.Equal(0, cp.ExitCode);
        return target;
    }
}
