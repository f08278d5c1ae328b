using Microsoft.Extensions.Configuration;

namespace Polo.Data;

/// <summary>Configuration section "ClickHouse".</summary>
public sealed class ClickHouseOptions
{
    public const string Section = "ClickHouse";

    /// <summary>The options bound from the "ClickHouse" section of <paramref name="configuration"/>.</summary>
    public static ClickHouseOptions From(IConfiguration configuration)
    {
        var options = new ClickHouseOptions();
        configuration.GetSection(Section).Bind(options);
        return options;
    }

    /// <summary>"embedded" (chDB in-process, the default) or "server" (ClickHouse.Driver).</summary>
    public string Transport { get; set; } = "embedded";

    /// <summary>Embedded storage directory; survives restarts.</summary>
    public string DataPath { get; set; } = ".data/clickhouse";

    public string Database { get; set; } = "polo";

    /// <summary>Embedded connection pool size.</summary>
    public int PoolSize { get; set; } = 4;

    /// <summary>Server transport, e.g. "Host=localhost;Port=8123;Database=polo;Username=default;Password=".</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Folder of numbered .sql migrations; defaults to the copy next to the application.</summary>
    public string? MigrationsPath { get; set; }

    public string ResolveMigrationsPath()
    {
        if (!string.IsNullOrWhiteSpace(MigrationsPath)) return MigrationsPath;
        var local = Path.Combine(AppContext.BaseDirectory, "migrations");
        return local;
    }
}
