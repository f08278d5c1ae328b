using Polo.Collection;

namespace Polo.Web.Services;

public static class CollectionRegistration
{
    /// <summary>Collectors, their runner and the in-process Quartz scheduler, configured from the <c>Collection</c>
    /// section. With no accounts configured the per-account collectors stay disabled and the status page says how to
    /// configure them.</summary>
    public static IServiceCollection AddPoloCollectors(this IServiceCollection services, IConfiguration configuration) =>
        services.AddPoloCollection(configuration);
}
