using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Polo.Collection.Cost.Cur.Bill;

/// <summary>
/// A delivery manifest: which data files make up one (export, billing period) as delivered. Reads both shapes:
/// AWS Data Exports (CUR 2.0: <c>exportArn</c>, <c>dataFiles</c> as s3:// URIs, the period in the
/// <c>BILLING_PERIOD=YYYY-MM</c> partition) and legacy CUR (<c>reportName</c>, <c>reportKeys</c>,
/// <c>billingPeriod.start</c> like <c>20250301T000000.000Z</c>).
/// </summary>
public sealed partial record CurManifest(string Path, string Export, DateOnly BillingPeriod, IReadOnlyList<string> DataKeys, DateTime WrittenAt)
{
    public static bool IsManifest(string path) => path.EndsWith("manifest.json", StringComparison.OrdinalIgnoreCase);

    /// <summary>Parses a manifest; a file that is not one raises <see cref="CurFormatException"/> naming it.</summary>
    public static CurManifest Read(string path, string displayName)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            var root = doc.RootElement;
            if (root.TryGetProperty("dataFiles", out var dataFiles))
            {
                var keys = dataFiles.EnumerateArray().Select(e => e.GetString() ?? "").Where(k => k != "").ToList();
                var export = root.TryGetProperty("exportArn", out var arn) && arn.GetString() is { Length: > 0 } a
                    ? a[(a.LastIndexOf('/') + 1)..]
                    : ExportDirectoryName(path);
                var period = PeriodFromPartition(path) ?? keys.Select(PeriodFromPartition).FirstOrDefault(p => p != null)
                             ?? throw new CurFormatException(displayName, null, "manifest names no BILLING_PERIOD=YYYY-MM partition");
                return new CurManifest(path, export, period, keys, File.GetLastWriteTimeUtc(path));
            }
            if (root.TryGetProperty("reportKeys", out var reportKeys))
            {
                var keys = reportKeys.EnumerateArray().Select(e => e.GetString() ?? "").Where(k => k != "").ToList();
                var export = root.TryGetProperty("reportName", out var rn) && rn.GetString() is { Length: > 0 } n ? n : ExportDirectoryName(path);
                var start = root.GetProperty("billingPeriod").GetProperty("start").GetString() ?? "";
                if (!DateTime.TryParseExact(start[..Math.Min(8, start.Length)], "yyyyMMdd", CultureInfo.InvariantCulture,
                        DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var s))
                    throw new CurFormatException(displayName, null, $"manifest billingPeriod.start '{start}' is not a date");
                return new CurManifest(path, export, new DateOnly(s.Year, s.Month, 1), keys, File.GetLastWriteTimeUtc(path));
            }
            throw new CurFormatException(displayName, null, "manifest lists neither dataFiles (CUR 2.0) nor reportKeys (legacy CUR)");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            throw new CurFormatException(displayName, null, $"not a readable manifest ({e.Message.Split('.')[0]})");
        }
    }

    /// <summary>The directory an export delivers under: the parent of <c>metadata/</c> (CUR 2.0) or of the
    /// <c>yyyymmdd-yyyymmdd/</c> period folder (legacy CUR). Unlisted data files there are stale deliveries.</summary>
    public string ExportRoot
    {
        get
        {
            var dir = new DirectoryInfo(System.IO.Path.GetDirectoryName(Path)!);
            for (var d = dir; d?.Parent != null; d = d.Parent)
                if (d.Name.Equals("metadata", StringComparison.OrdinalIgnoreCase) || LegacyPeriodFolder().IsMatch(d.Name))
                    return d.Parent.FullName;
            return dir.FullName;
        }
    }

    private static string ExportDirectoryName(string path) =>
        new DirectoryInfo(System.IO.Path.GetDirectoryName(path)!).Name;

    private static DateOnly? PeriodFromPartition(string text)
    {
        var m = PeriodPartition().Match(text);
        return m.Success ? new DateOnly(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), 1) : null;
    }

    [GeneratedRegex(@"BILLING_PERIOD=(\d{4})-(\d{2})")]
    private static partial Regex PeriodPartition();

    [GeneratedRegex(@"^\d{8}-\d{8}$")]
    private static partial Regex LegacyPeriodFolder();
}
