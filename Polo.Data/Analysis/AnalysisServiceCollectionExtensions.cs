using Microsoft.Extensions.DependencyInjection;

namespace Polo.Data.Analysis;

public static class AnalysisServiceCollectionExtensions
{
    /// <summary>Registers the read-side query services and the delta decomposer.</summary>
    public static IServiceCollection AddPoloAnalysis(this IServiceCollection services)
    {
        // Implementations register here: ICostQueries, IHierarchyQueries, IResourceQueries, IDeltaDecomposer.
        return services;
    }
}
