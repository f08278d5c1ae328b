using Polo.Data.Inventory;
using Polo.Data.Tagging;
using static Polo.Data.Tests.Inventory.BilledLines;

namespace Polo.Data.Tests.Inventory;

/// <summary>
/// The bill inventory reads a billed resource's place from its billed tags with the one tag resolver: for every tag
/// shape (unicode forms, whitespace, case, collisions, CUR's key spellings) the place stored in resource_billing is
/// exactly what <see cref="TagResolver.Find"/> gives for the same tags.
/// </summary>
public sealed class BillInventoryTagTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>
{
    private static readonly BillTagKeys Keys = new("Polo:Customer", "Polo:Cluster", "Polo:Index");

    /// <summary>resource id → the billed tags it carries.</summary>
    private static readonly Dictionary<string, Dictionary<string, string>> Cases = new()
    {
        ["i-exact"] = new() { ["Polo:Customer"] = "acme", ["Polo:Cluster"] = "prod-1", ["Polo:Index"] = "logs" },
        ["i-padded"] = new() { ["Polo:Customer"] = " Acme/EU ", ["Polo:Cluster"] = "\u00a0prod 2\t" },
        ["i-nfd"] = new() { ["Polo:Customer"] = "Cafe\u0301", ["Polo:Cluster"] = "ü" },
        ["i-lower-only"] = new() { ["polo:customer"] = "initech" },
        ["i-exact-beats-case"] = new() { ["Polo:Customer"] = "exact", ["polo:customer"] = "folded" },
        ["i-collision"] = new() { ["polo:customer"] = "one", ["POLO:CUSTOMER"] = "two", ["Polo:Cluster"] = "c" },
        ["i-cur-user"] = new() { ["user_Polo_Customer"] = "globex", ["user:Polo:Cluster"] = "blue" },
        ["i-resource-tags"] = new() { ["resourceTags/user:Polo:Customer"] = "hooli", ["resourceTags/user:Polo:Cluster"] = "x/y" },
        ["i-untagged"] = new() { ["Name"] = "nothing" },
    };

    private sealed record Place(string ResourceId, string Customer, string Cluster, string IndexName);

    [Fact]
    public async Task The_bill_inventory_and_the_tag_resolver_read_every_tag_shape_alike()
    {
        var lines = new BilledLines();
        foreach (var (id, tags) in Cases)
            lines.Hourly("111122223333", "AmazonEC2", "BoxUsage:m5.large", id, Nov1, Nov1.AddHours(3), 0.1m, tags: tags);
        await lines.WriteAsync(db.Ch);

        await new BillInventory(db.Ch).RefreshAsync(Keys);

        var stored = (await db.Ch.QueryAsync<Place>(
            "SELECT resource_id, toString(customer) AS customer, cluster, index_name FROM resource_billing FINAL"))
            .ToDictionary(p => p.ResourceId);
        Assert.Equal(Cases.Keys.Order(), stored.Keys.Order());
        foreach (var (id, tags) in Cases)
        {
            var customer = TagResolver.Find(tags, Keys.Customer).Value;
            var cluster = customer == "" ? "" : TagResolver.Find(tags, Keys.Cluster).Value;
            var index = cluster == "" ? "" : TagResolver.Find(tags, Keys.Index).Value;
            Assert.Equal(new Place(id, customer, cluster, index), stored[id]);
        }

        // The cases say what they test: a few resolved values spelled out.
        Assert.Equal(("Acme-EU", "prod 2"), (stored["i-padded"].Customer, stored["i-padded"].Cluster));
        Assert.Equal("Caf\u00e9", stored["i-nfd"].Customer);
        Assert.Equal("initech", stored["i-lower-only"].Customer);
        Assert.Equal("exact", stored["i-exact-beats-case"].Customer);
        Assert.Equal("", stored["i-collision"].Customer);
        Assert.Equal(("hooli", "x-y"), (stored["i-resource-tags"].Customer, stored["i-resource-tags"].Cluster));
    }
}
