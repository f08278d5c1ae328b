using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Polo.Data.Migrations;

public sealed record MigrationFile(int Version, string Name, string Path, string Sql, string Checksum);

public sealed record MigrationResult(IReadOnlyList<string> Applied, IReadOnlyList<string> AlreadyApplied);

/// <summary>
/// Applies numbered .sql files (NNN_name.sql) in order, once each, recording them in <c>schema_migrations</c>.
/// Re-running applies only new files; a file changed after it was applied is refused with a clear error.
/// Statements are separated by a ';' that ends a line. <c>{{database}}</c> expands to the target database.
/// </summary>
public sealed partial class MigrationRunner(IClickHouse ch, string migrationsPath)
{
    public const string TrackingTable = "schema_migrations";

    public static IReadOnlyList<MigrationFile> Load(string migrationsPath)
    {
        if (!Directory.Exists(migrationsPath))
            throw new MigrationException($"Migrations folder not found: {migrationsPath}");
        var files = new List<MigrationFile>();
        foreach (var path in Directory.GetFiles(migrationsPath, "*.sql"))
        {
            var name = System.IO.Path.GetFileName(path);
            var m = FileNamePattern().Match(name);
            if (!m.Success)
                throw new MigrationException($"Migration file '{name}' must be named NNN_description.sql.");
            var sql = File.ReadAllText(path);
            files.Add(new MigrationFile(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), name, path, sql, Checksum(sql)));
        }
        var duplicate = files.GroupBy(f => f.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate != null)
            throw new MigrationException($"Two migrations share version {duplicate.Key}: {string.Join(", ", duplicate.Select(f => f.Name))}.");
        return files.OrderBy(f => f.Version).ToList();
    }

    public static string Checksum(string sql) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql.ReplaceLineEndings("\n"))));

    public static IReadOnlyList<string> SplitStatements(string sql) =>
        StatementSplit().Split(sql)
            .Select(s => string.Join('\n', s.Split('\n').Where(l => !l.TrimStart().StartsWith("--", StringComparison.Ordinal))).Trim())
            .Where(s => s.Length > 0)
            .ToList();

    public async Task<MigrationResult> ApplyAsync(CancellationToken ct = default)
    {
        var files = Load(migrationsPath);
        await ch.ExecuteAsync($"""
            CREATE TABLE IF NOT EXISTS {TrackingTable}
            (
                version    UInt32,
                name       String,
                checksum   String,
                applied_at DateTime64(3, 'UTC') DEFAULT now64(3)
            )
            ENGINE = MergeTree ORDER BY version
            """, ct: ct);

        var applied = (await ch.QueryAsync<AppliedRow>(
                $"SELECT version, name, checksum FROM {TrackingTable} ORDER BY version", ct: ct))
            .ToDictionary(r => r.Version);

        var newlyApplied = new List<string>();
        var skipped = new List<string>();
        foreach (var file in files)
        {
            if (applied.TryGetValue((uint)file.Version, out var row))
            {
                if (row.Checksum != file.Checksum)
                    throw new MigrationException(
                        $"Migration {file.Name} was changed after it was applied (recorded checksum {row.Checksum[..12]}…, " +
                        $"file now {file.Checksum[..12]}…). Applied migrations are immutable: add a new numbered file instead.");
                skipped.Add(file.Name);
                continue;
            }
            var sql = file.Sql.Replace("{{database}}", ch.Database);
            foreach (var statement in SplitStatements(sql))
            {
                try
                {
                    await ch.ExecuteAsync(statement, ct: ct);
                }
                catch (ClickHouseException e)
                {
                    throw new MigrationException($"Migration {file.Name} failed: {e.Message}", e);
                }
            }
            await ch.ExecuteAsync(
                $"INSERT INTO {TrackingTable} (version, name, checksum) VALUES ({{v:UInt32}}, {{n:String}}, {{c:String}})",
                new QueryParams { ["v"] = file.Version, ["n"] = file.Name, ["c"] = file.Checksum }, ct);
            newlyApplied.Add(file.Name);
        }
        return new MigrationResult(newlyApplied, skipped);
    }

    private sealed record AppliedRow(uint Version, string Name, string Checksum);

    [GeneratedRegex(@"^(\d+)_[A-Za-z0-9_\-]+\.sql$")]
    private static partial Regex FileNamePattern();

    [GeneratedRegex(@";[ \t]*(?:\r?\n|$)")]
    private static partial Regex StatementSplit();
}

public sealed class MigrationException(string message, Exception? inner = null) : Exception(message, inner);
