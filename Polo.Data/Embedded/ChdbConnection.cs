using System.Runtime.InteropServices;
using System.Text;

namespace Polo.Data.Embedded;

/// <summary>One native chDB connection. Not thread-safe: the pool hands it to one caller at a time.</summary>
internal sealed unsafe class ChdbConnection : IDisposable
{
    private IntPtr _connPtr; // chdb_connection*

    private ChdbConnection(IntPtr connPtr) => _connPtr = connPtr;

    private IntPtr Conn => _connPtr == IntPtr.Zero
        ? throw new ObjectDisposedException(nameof(ChdbConnection))
        : Marshal.ReadIntPtr(_connPtr);

    public static ChdbConnection Open(string dataPath)
    {
        ChdbLibrary.EnsureLoaded();
        string[] args = ["clickhouse", $"--path={dataPath}"];
        var native = args.Select(a => Marshal.StringToCoTaskMemUTF8(a)).ToArray();
        try
        {
            fixed (IntPtr* argv = native)
            {
                var conn = ChdbNative.Connect(args.Length, argv);
                if (conn == IntPtr.Zero || Marshal.ReadIntPtr(conn) == IntPtr.Zero)
                    throw new ClickHouseUnavailableException($"chDB could not open a connection on '{dataPath}'.");
                return new ChdbConnection(conn);
            }
        }
        finally
        {
            foreach (var p in native) Marshal.FreeCoTaskMem(p);
        }
    }

    public string Query(string sql, string format, QueryParams? parameters)
    {
        var count = parameters?.Count ?? 0;
        var names = new byte[count][];
        var values = new byte[count][];
        var i = 0;
        if (parameters != null)
            foreach (var (name, value) in parameters)
            {
                names[i] = Encoding.UTF8.GetBytes(name);
                values[i] = Encoding.UTF8.GetBytes(QueryParams.Format(value));
                i++;
            }

        var handles = new List<GCHandle>(count * 2);
        try
        {
            var namePtrs = stackalloc byte*[Math.Max(count, 1)];
            var valuePtrs = stackalloc byte*[Math.Max(count, 1)];
            var nameLens = stackalloc nuint[Math.Max(count, 1)];
            var valueLens = stackalloc nuint[Math.Max(count, 1)];
            for (var k = 0; k < count; k++)
            {
                var hn = GCHandle.Alloc(names[k], GCHandleType.Pinned);
                var hv = GCHandle.Alloc(values[k], GCHandleType.Pinned);
                handles.Add(hn);
                handles.Add(hv);
                namePtrs[k] = (byte*)hn.AddrOfPinnedObject();
                valuePtrs[k] = (byte*)hv.AddrOfPinnedObject();
                nameLens[k] = (nuint)names[k].Length;
                valueLens[k] = (nuint)values[k].Length;
            }

            var q = Encoding.UTF8.GetBytes(sql);
            var f = Encoding.UTF8.GetBytes(format);
            fixed (byte* qp = q)
            fixed (byte* fp = f)
            {
                var result = ChdbNative.QueryWithParams(Conn, qp, (nuint)q.Length, fp, (nuint)f.Length,
                    namePtrs, nameLens, valuePtrs, valueLens, (nuint)count);
                return ReadResult(result, sql);
            }
        }
        finally
        {
            foreach (var h in handles) h.Free();
        }
    }

    public void Insert(string insertSql, string format, ReadOnlySpan<byte> data)
    {
        var q = Encoding.UTF8.GetBytes(insertSql);
        var f = Encoding.UTF8.GetBytes(format);
        IntPtr stream;
        fixed (byte* qp = q)
        fixed (byte* fp = f)
            stream = ChdbNative.StreamInsert(Conn, qp, (nuint)q.Length, fp, (nuint)f.Length);
        try
        {
            ThrowIfStreamFailed(stream, insertSql);
            const int chunk = 1 << 20;
            for (var offset = 0; offset < data.Length; offset += chunk)
            {
                var part = data.Slice(offset, Math.Min(chunk, data.Length - offset));
                fixed (byte* dp = part)
                    if (ChdbNative.StreamAppend(stream, dp, (nuint)part.Length) != 0)
                        ThrowIfStreamFailed(stream, insertSql, always: true);
            }
            ReadResult(ChdbNative.StreamDone(stream), insertSql);
        }
        finally
        {
            ChdbNative.DestroyInsertStream(stream);
        }
    }

    private static void ThrowIfStreamFailed(IntPtr stream, string sql, bool always = false)
    {
        var err = ChdbNative.StreamInsertError(stream);
        if (err != IntPtr.Zero)
            throw new ClickHouseException(Marshal.PtrToStringUTF8(err) ?? "insert failed", sql);
        if (always) throw new ClickHouseException("chDB refused the insert data.", sql);
    }

    private static string ReadResult(IntPtr result, string sql)
    {
        if (result == IntPtr.Zero) throw new ClickHouseException("chDB returned no result.", sql);
        try
        {
            var err = ChdbNative.ResultError(result);
            if (err != IntPtr.Zero)
            {
                var message = Marshal.PtrToStringUTF8(err);
                if (!string.IsNullOrEmpty(message)) throw new ClickHouseException(message, sql);
            }
            var len = (int)ChdbNative.ResultLength(result);
            var buf = ChdbNative.ResultBuffer(result);
            return len == 0 || buf == null ? "" : Encoding.UTF8.GetString(buf, len);
        }
        finally
        {
            ChdbNative.DestroyQueryResult(result);
        }
    }

    public void Dispose()
    {
        if (_connPtr == IntPtr.Zero) return;
        ChdbNative.CloseConn(_connPtr);
        _connPtr = IntPtr.Zero;
    }
}
