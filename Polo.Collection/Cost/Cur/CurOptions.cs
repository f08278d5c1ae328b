using Polo.Collection.Cost.Tagging;

namespace Polo.Collection.Cost.Cur;

/// <summary>Settings of the CUR 2.0 collector (configuration section <c>Collection:Cur</c>).</summary>
public sealed class CurOptions
{
    public const string Section = "Collection:Cur";

    /// <summary>Local folder the CUR 2.0 export is synced into (e.g. <c>aws s3 sync s3://bucket/prefix /data/cur</c>);
    /// searched recursively for .csv, .csv.gz and .parquet files. Empty disables the collector.</summary>
    public string Folder { get; set; } = "";

    /// <summary>Lines staged per insert while a file streams in.</summary>
    public int BatchSize { get; set; } = 50_000;

    /// <summary>Skip a file whose name and content hash were already applied (a shortcut; the ledger difference
    /// alone already makes re-applying a file write nothing).</summary>
    public bool SkipProcessedFiles { get; set; } = true;

    public HierarchyTagKeys TagKeys { get; set; } = new();
}
