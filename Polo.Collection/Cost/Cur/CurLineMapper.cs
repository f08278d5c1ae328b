using Polo.Collection.Cost.Ledger;
using Polo.Collection.Cost.Tagging;

namespace Polo.Collection.Cost.Cur;

/// <summary>Maps a CUR line item onto a ledger line: hour floor, demo vocabulary, identity from resource tags.</summary>
public sealed class CurLineMapper(HierarchyTagKeys tagKeys)
{
    public CostLine Map(CurRecord r)
    {
        var usageType = CostVocabulary.UsageType(r.UsageType);
        var resourceId = CostVocabulary.ResourceId(r.ResourceId);
        var identity = HierarchyTagResolver.Resolve(r.Tags, tagKeys);
        var hour = new DateTime(r.UsageStart.Year, r.UsageStart.Month, r.UsageStart.Day, r.UsageStart.Hour, 0, 0, DateTimeKind.Utc);
        return new CostLine(hour, r.AccountId, r.Region, CostVocabulary.Service(r.ProductCode, usageType), usageType,
            resourceId, CostVocabulary.ResourceType(resourceId), identity.Customer, identity.Cluster, identity.IndexName,
            r.UnblendedCost, r.UsageAmount);
    }
}
