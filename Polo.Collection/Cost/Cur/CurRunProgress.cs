using System.Diagnostics;
using Polo.Collection.Status;

namespace Polo.Collection.Cost.Cur;

/// <summary>
/// Progress of one cur run, in bytes of the files to read: each file is read twice by the engine (validation, then
/// the period's commit); writing the ledger costs about four times the validation pass, so the commit's share is 4/5. Lines read count validated lines; the total is known once
/// every file is checked and estimated from the bytes until then.
/// </summary>
internal sealed class CurRunProgress(CollectorProgressBoard? board, string collector, long totalBytes)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private const double CommitWeight = 4;
    private long _checkedBytes, _committedBytes, _lines;

    public void FileChecked(string path, long lines)
    {
        _checkedBytes += Size(path);
        _lines += lines;
        Publish("checking files");
    }

    public void PeriodCommitted(IEnumerable<string> paths) { _committedBytes += paths.Sum(Size); Publish("writing the ledger"); }

    /// <summary>Files of an unchanged period: nothing to read, their share of the work is done.</summary>
    public void Skipped(IEnumerable<string> paths)
    {
        var bytes = paths.Sum(Size);
        _checkedBytes += bytes;
        _committedBytes += bytes;
    }

    public void Done() => board?.Clear(collector);

    private void Publish(string stage)
    {
        if (board is null || totalBytes <= 0) return;
        long? total = _checkedBytes >= totalBytes ? _lines : _checkedBytes > 0 ? (long)(_lines * (double)totalBytes / _checkedBytes) : null;
        board.Report(collector, stage, _lines, total, (_checkedBytes + CommitWeight * _committedBytes) / ((1 + CommitWeight) * totalBytes), _clock.Elapsed);
    }

    private static long Size(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;
}
