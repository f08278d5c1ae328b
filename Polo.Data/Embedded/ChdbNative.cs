using System.Runtime.InteropServices;

namespace Polo.Data.Embedded;

/// <summary>P/Invoke surface of libchdb (header: chdb-core programs/local/chdb.h). Only what Polo uses.</summary>
internal static unsafe partial class ChdbNative
{
    internal const string Library = "chdb";

    [LibraryImport(Library, EntryPoint = "chdb_set_signal_handlers_enabled")]
    internal static partial void SetSignalHandlersEnabled(int enabled);

    [LibraryImport(Library, EntryPoint = "chdb_version")]
    internal static partial IntPtr Version();

    [LibraryImport(Library, EntryPoint = "chdb_connect")]
    internal static partial IntPtr Connect(int argc, IntPtr* argv);

    [LibraryImport(Library, EntryPoint = "chdb_close_conn")]
    internal static partial void CloseConn(IntPtr connPtr);

    [LibraryImport(Library, EntryPoint = "chdb_query_with_params_n")]
    internal static partial IntPtr QueryWithParams(
        IntPtr conn, byte* query, nuint queryLen, byte* format, nuint formatLen,
        byte** names, nuint* nameLens, byte** values, nuint* valueLens, nuint count);

    [LibraryImport(Library, EntryPoint = "chdb_stream_insert_n")]
    internal static partial IntPtr StreamInsert(IntPtr conn, byte* query, nuint queryLen, byte* format, nuint formatLen);

    [LibraryImport(Library, EntryPoint = "chdb_stream_insert_error")]
    internal static partial IntPtr StreamInsertError(IntPtr stream);

    [LibraryImport(Library, EntryPoint = "chdb_stream_append")]
    internal static partial int StreamAppend(IntPtr stream, byte* data, nuint len);

    [LibraryImport(Library, EntryPoint = "chdb_stream_done")]
    internal static partial IntPtr StreamDone(IntPtr stream);

    [LibraryImport(Library, EntryPoint = "chdb_destroy_insert_stream")]
    internal static partial void DestroyInsertStream(IntPtr stream);

    [LibraryImport(Library, EntryPoint = "chdb_result_buffer")]
    internal static partial byte* ResultBuffer(IntPtr result);

    [LibraryImport(Library, EntryPoint = "chdb_result_length")]
    internal static partial nuint ResultLength(IntPtr result);

    [LibraryImport(Library, EntryPoint = "chdb_result_error")]
    internal static partial IntPtr ResultError(IntPtr result);

    [LibraryImport(Library, EntryPoint = "chdb_result_rows_written")]
    internal static partial ulong ResultRowsWritten(IntPtr result);

    [LibraryImport(Library, EntryPoint = "chdb_destroy_query_result")]
    internal static partial void DestroyQueryResult(IntPtr result);
}
