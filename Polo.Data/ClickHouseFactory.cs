using Polo.Data.Embedded;
using Polo.Data.Server;

namespace Polo.Data;

public static class ClickHouseFactory
{
    public static IClickHouse Create(ClickHouseOptions options) => options.Transport.ToLowerInvariant() switch
    {
        "embedded" => new EmbeddedClickHouse(options.DataPath, options.Database, options.PoolSize),
        "server" => new ServerClickHouse(options.ConnectionString
            ?? throw new InvalidOperationException("ClickHouse:ConnectionString is required when ClickHouse:Transport is 'server'.")),
        var other => throw new InvalidOperationException($"Unknown ClickHouse:Transport '{other}': use 'embedded' or 'server'."),
    };
}
