using System.IO.Compression;

namespace Polo.Collection.Cost.Cur.Reading;

/// <summary>
/// Legacy CUR can be delivered as .csv.zip; the embedded engine is built without zip support, so the CSV inside is
/// streamed (never buffered whole) into a temporary directory owned by one collector run and deleted with it.
/// </summary>
public sealed class CurZipExtractor : IDisposable
{
    private readonly Lazy<string> _dir = new(() => Directory.CreateTempSubdirectory("polo-cur-zip-").FullName);

    public string Extract(string zipPath, string displayName)
    {
        try
        {
            using var archive = ZipFile.OpenRead(zipPath);
            var entry = archive.Entries.FirstOrDefault(e => e.FullName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
                        ?? archive.Entries.FirstOrDefault(e => e.Length > 0)
                        ?? throw new CurFormatException(displayName, null, "the zip archive holds no CSV file");
            var target = Path.Combine(_dir.Value, Guid.NewGuid().ToString("N") + ".csv");
            using var input = entry.Open();
            using var output = File.Create(target);
            input.CopyTo(output);
            return target;
        }
        catch (InvalidDataException e)
        {
            throw new CurFormatException(displayName, null, $"not a readable zip archive ({e.Message})");
        }
    }

    public void Dispose()
    {
        if (_dir.IsValueCreated && Directory.Exists(_dir.Value)) Directory.Delete(_dir.Value, recursive: true);
    }
}
