using Polo.Data.Changes;

namespace Polo.Data.Caching;

/// <summary>The app's two shared caches: decompositions (large results, few kept) and the other analysis queries.</summary>
public sealed class AnalysisCaches(DataChangeNotifier notifier)
{
    /// <summary>Decompositions kept at once; one of a ~100k-resource estate holds every resource delta.</summary>
    public const int DecompositionCapacity = 16;

    public const int QueryCapacity = 512;

    public AnalysisCache Decompositions { get; } = new(notifier, DecompositionCapacity);

    public AnalysisCache Queries { get; } = new(notifier, QueryCapacity);

    public void Clear()
    {
        Decompositions.Clear();
        Queries.Clear();
    }
}
