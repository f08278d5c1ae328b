using System.Security.Cryptography;
using System.Text;
using Polo.Collection.Cost.Cur.Reading;
using Polo.Collection.Cost.Tagging;

namespace Polo.Collection.Cost.Cur.Bill;

/// <summary>One (export, billing period) as its current manifest lists it; complete when every listed file is here.</summary>
public sealed record ManifestedPeriod(string Export, DateOnly BillingPeriod, string ManifestName, IReadOnlyList<string> Files, IReadOnlyList<string> Missing)
{
    public bool Complete => Missing.Count == 0 && Files.Count > 0;
}

/// <summary>
/// What a CUR folder holds: the periods its current manifests describe, and the hand-dropped data files (under no
/// export's delivery folder), which together are treated as the complete bill of the periods they contain.
/// </summary>
public sealed record CurBillPlan(
    string Folder, IReadOnlyList<ManifestedPeriod> Periods, IReadOnlyList<string> HandDropped, IReadOnlyList<CurFormatException> Problems)
{
    /// <summary>The export name hand-dropped files are recorded under.</summary>
    public const string FolderExport = "(folder)";

    /// <summary>Bumped whenever the mapping onto the ledger changes, so every period is re-read once.</summary>
    public const string MappingVersion = "cur-engine-1";

    public int DataFileCount => Periods.Sum(p => p.Files.Count) + HandDropped.Count;

    public string Name(string path) => Path.GetRelativePath(Folder, path);

    public static CurBillPlan Scan(string folder)
    {
        var all = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal).ToList();
        var problems = new List<CurFormatException>();
        var manifests = new List<CurManifest>();
        foreach (var path in all.Where(CurManifest.IsManifest))
        {
            try { manifests.Add(CurManifest.Read(path, Path.GetRelativePath(folder, path))); }
            catch (CurFormatException e) { problems.Add(e); }
        }

        var periods = manifests
            .GroupBy(m => (m.Export, m.BillingPeriod))
            .Select(g => g.OrderByDescending(m => m.WrittenAt).ThenBy(m => m.Path.Length).First())
            .OrderBy(m => m.Export, StringComparer.Ordinal).ThenBy(m => m.BillingPeriod)
            .Select(m =>
            {
                var located = m.DataKeys.Select(k => (Key: k, Local: Locate(folder, k))).ToList();
                return new ManifestedPeriod(m.Export, m.BillingPeriod, Path.GetRelativePath(folder, m.Path),
                    located.Where(l => l.Local != null).Select(l => l.Local!).Distinct().ToList(),
                    located.Where(l => l.Local == null).Select(l => l.Key).ToList());
            })
            .ToList();

        var roots = manifests.Select(m => m.ExportRoot.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar).Distinct().ToList();
        var handDropped = all.Where(CurFile.IsSupported)
            .Where(f => !roots.Any(r => f.StartsWith(r, StringComparison.Ordinal)))
            .ToList();
        return new CurBillPlan(folder, periods, handDropped, problems);
    }

    /// <summary>The local copy of an S3 key or URI: the longest tail of its path that exists under the folder.</summary>
    private static string? Locate(string folder, string key)
    {
        var path = key.StartsWith("s3://", StringComparison.OrdinalIgnoreCase) ? key[5..] : key;
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < segments.Length; i++)
        {
            var candidate = Path.Combine([folder, .. segments[i..]]);
            if (File.Exists(candidate)) return Path.GetFullPath(candidate);
        }
        return null;
    }

    /// <summary>Identifies a file set (names, sizes, write times) under the mapping version and hierarchy tag keys.</summary>
    public string Fingerprint(string export, DateOnly? period, IEnumerable<string> files, HierarchyTagKeys keys)
    {
        var sb = new StringBuilder().Append(MappingVersion).Append('|').Append(export).Append('|').Append(period?.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture))
            .Append('|').Append(keys.Customer).Append('|').Append(keys.Cluster).Append('|').Append(keys.Index);
        foreach (var f in files.OrderBy(f => f, StringComparer.Ordinal))
        {
            var info = new FileInfo(f);
            sb.Append('|').Append(Name(f)).Append(':').Append(info.Length).Append(':').Append(info.LastWriteTimeUtc.Ticks);
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }
}
