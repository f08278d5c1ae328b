namespace Polo.Data;

/// <summary>What landed: which kind of data and how many rows.</summary>
public sealed record DataLanded(string Kind, long Rows, DateTime At);

/// <summary>
/// In-process signal that new data was written (collectors and the demo generator raise it; open pages listen
/// and refresh without a reload). Handlers run on the writer's thread and must not block.
/// </summary>
public sealed class DataChangeNotifier
{
    public event Action<DataLanded>? Landed;

    public long Version { get; private set; }

    public void Publish(string kind, long rows)
    {
        Version++;
        Landed?.Invoke(new DataLanded(kind, rows, DateTime.UtcNow));
    }
}
