namespace Polo.Data;

public static class ClickHouseExtensions
{
    public const int DefaultBatchSize = 50_000;

    /// <summary>Runs a SELECT and maps each row (by snake_case column name) to <typeparamref name="T"/>.</summary>
    public static async Task<List<T>> QueryAsync<T>(this IClickHouse ch, string sql, QueryParams? parameters = null,
        CancellationToken ct = default) =>
        ClickHouseJson.ParseRows<T>(await ch.QueryRawAsync(sql, "JSONEachRow", parameters, ct).ConfigureAwait(false));

    /// <summary>Runs a SELECT returning one value in the first column of the first row, or default.</summary>
    public static async Task<T?> ScalarAsync<T>(this IClickHouse ch, string sql, QueryParams? parameters = null,
        CancellationToken ct = default)
    {
        var rows = await ch.QueryAsync<Dictionary<string, System.Text.Json.JsonElement>>(sql, parameters, ct).ConfigureAwait(false);
        if (rows.Count == 0 || rows[0].Count == 0) return default;
        return System.Text.Json.JsonSerializer.Deserialize<T>(rows[0].Values.First(), ClickHouseJson.Options);
    }

    /// <summary>Inserts rows in batches (JSONEachRow), returning how many were written.</summary>
    public static async Task<long> InsertAsync<T>(this IClickHouse ch, string table, IEnumerable<T> rows,
        int batchSize = DefaultBatchSize, CancellationToken ct = default)
    {
        long written = 0;
        foreach (var batch in rows.Chunk(batchSize))
        {
            ct.ThrowIfCancellationRequested();
            await ch.InsertRawAsync(table, "JSONEachRow", ClickHouseJson.ToJsonEachRow(batch), ct).ConfigureAwait(false);
            written += batch.Length;
        }
        return written;
    }
}
