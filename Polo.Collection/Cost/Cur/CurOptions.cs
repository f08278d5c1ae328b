using Polo.Collection.Cost.Tagging;

namespace Polo.Collection.Cost.Cur;

/// <summary>Settings of the CUR collector (configuration section <c>Collection:Cur</c>).</summary>
public sealed class CurOptions
{
    public const string Section = "Collection:Cur";

    /// <summary>Local folder the CUR export is synced into (e.g. <c>aws s3 sync s3://bucket/prefix /data/cur</c>);
    /// searched recursively for manifests and .csv, .csv.gz, .csv.zip and .parquet files. Empty disables the collector.</summary>
    public string Folder { get; set; } = "";

    /// <summary>Skip a billing period whose file set (names, sizes, write times) was already applied (a shortcut:
    /// re-applying a period writes nothing anyway).</summary>
    public bool SkipProcessedFiles { get; set; } = true;

    public HierarchyTagKeys TagKeys { get; set; } = new();
}
