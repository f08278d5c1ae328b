using Polo.Collection.Configuration;
using Polo.Collection.Cost.Tagging;
using Polo.Collection.Inventory;
using Polo.Data;
using Polo.Data.Tagging;

namespace Polo.Collection.Tests.Tagging;

/// <summary>Issue 11, deliverable 5: one tag resolver for ec2-config, lifecycle and CUR (C# and its SQL twin).</summary>
public sealed class TagResolverTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>
{
    private static Dictionary<string, string> T(params (string K, string V)[] tags) => tags.ToDictionary(t => t.K, t => t.V);

    public static TheoryData<string, string, string> Values => new()
    {
        { "whitespace", " Acme/EU ", "Acme-EU" },
        { "unicode spaces", "\u00a0\u2003Acme\u3000", "Acme" },
        { "tabs and newlines", "\tAcme\r\n", "Acme" },
        { "decomposed unicode", "Cafe\u0301", "Caf\u00e9" },
        { "composed unicode", "Caf\u00e9", "Caf\u00e9" },
        { "emoji and cjk", "顧客 🚀", "顧客 🚀" },
        { "empty", "", "" },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public async Task Values_normalise_the_same_in_csharp_and_in_the_cur_sql(string name, string raw, string expected)
    {
        Assert.NotEmpty(name);
        Assert.Equal(expected, TagResolver.Find(T(("polo:customer", raw)), "polo:customer").Value);
        var sql = await db.Ch.ScalarAsync<string>(
            $"SELECT {TagResolver.SqlValue("m", "polo:customer")} FROM (SELECT map('user_x', 'y', 'polo:customer', {{v:String}}) AS m)",
            new QueryParams { ["v"] = raw });
        Assert.Equal(expected, sql);
    }

    [Fact]
    public async Task Keys_match_exactly_first_then_case_insensitively_only_when_unique()
    {
        Assert.Equal(("exact", TagMatch.Exact), Pick(T(("polo:customer", "exact"), ("Polo:Customer", "other"))));
        Assert.Equal(("folded", TagMatch.CaseInsensitive), Pick(T(("Polo:Customer", "folded"))));
        Assert.Equal(("", TagMatch.Collision), Pick(T(("Polo:Customer", "a"), ("POLO:CUSTOMER", "b"))));
        Assert.Equal(("cur", TagMatch.Exact), Pick(T(("user_polo_customer", "cur"))));
        Assert.Equal(("", TagMatch.None), Pick(T(("Name", "x"))));

        foreach (var (tags, expected) in new[]
                 {
                     (T(("polo:customer", "exact"), ("Polo:Customer", "other")), "exact"),
                     (T(("Polo:Customer", "folded")), "folded"),
                     (T(("Polo:Customer", "a"), ("POLO:CUSTOMER", "b")), ""),
                     // Several keys match case-insensitively: the first exact name in NamesOf order wins.
                     (T(("Polo:Customer", "folded"), ("user_polo_customer", "cur"), ("polo_customer", "sanitized")), "sanitized"),
                     (T(("POLO_CUSTOMER", "folded"), ("user_polo_customer", "cur")), "cur"),
                     (T(("Name", "x"), ("Polo:Customer", " Acme/EU ")), "Acme-EU"),
                     (T(("Name", "x")), ""),
                 })
        {
            var sql = await db.Ch.ScalarAsync<string>(
                $"SELECT {TagResolver.SqlValue("m", "polo:customer")} FROM (SELECT CAST(({{k:Array(String)}}, {{v:Array(String)}}), 'Map(String, String)') AS m)",
                new QueryParams { ["k"] = tags.Keys.ToArray(), ["v"] = tags.Values.ToArray() });
            Assert.Equal(expected, sql);
            Assert.Equal(expected, TagResolver.Find(tags, "polo:customer").Value);
        }
    }

    /// <summary>
    /// The SQL twin against the C# rule over many generated tag sets: every spelling of the keys (exact, CUR prefixes,
    /// sanitized, other cases), unrelated keys, several spellings at once (collisions, exact beside folded), for three
    /// keys in one query as the CUR projection runs them (<see cref="TagResolver.SqlValues"/>): the hierarchy keys,
    /// whose names are disjoint (one shared code array), and keys whose names overlap (each key alone).
    /// </summary>
    [Theory]
    [InlineData("polo:customer", "polo:cluster", "polo:index")]
    [InlineData("team", "user_team", "Team")]
    public async Task Generated_tag_sets_resolve_the_same_in_csharp_and_in_the_cur_sql(string first, string second, string third)
    {
        var configured = new[] { first, second, third };
        var spellings = configured.SelectMany(k => TagResolver.NamesOf(k)
                .SelectMany(n => new[] { n, n.ToUpperInvariant(), char.ToUpperInvariant(n[0]) + n[1..] }))
            .Concat(["Name", "env", "user_Name", "polo", "customer", "user_polo_customers"]).Distinct().ToArray();
        var random = new Random(20261202);
        var sets = Enumerable.Range(0, 400).Select(_ =>
        {
            var tags = new Dictionary<string, string>();
            for (var n = random.Next(0, 6); n > 0; n--)
                tags[spellings[random.Next(spellings.Length)]] = random.Next(4) == 0 ? " v/" + random.Next(9) + " " : "v" + random.Next(99);
            return tags;
        }).ToList();

        var sql = await db.Ch.QueryRawAsync($"""
            SELECT {string.Join(", ", TagResolver.SqlValues("m", configured))}
            FROM (SELECT i, CAST((k, v), 'Map(String, String)') AS m
                  FROM (SELECT arrayJoin(arrayEnumerate({"{k:Array(Array(String))}"})) AS i,
                               {"{k:Array(Array(String))}"}[i] AS k, {"{v:Array(Array(String))}"}[i] AS v))
            ORDER BY i
            """, "TSV", new QueryParams
        {
            ["k"] = sets.Select(t => t.Keys.ToArray()).ToArray(),
            ["v"] = sets.Select(t => t.Values.ToArray()).ToArray(),
        });

        var expected = sets.Select(t => string.Join("\t", configured.Select(k => TagResolver.Find(t, k).Value)));
        Assert.Equal(expected, sql.TrimEnd('\n').Split('\n'));
        Assert.Contains(sets, t => configured.Any(k => TagResolver.Find(t, k).Match == TagMatch.Collision));
        Assert.Contains(sets, t => configured.Any(k => TagResolver.Find(t, k).Match == TagMatch.CaseInsensitive));
    }

    private static (string, TagMatch) Pick(Dictionary<string, string> tags)
    {
        var found = TagResolver.Find(tags, "polo:customer");
        return (found.Value, found.Match);
    }

    [Fact]
    public void Ec2_config_and_lifecycle_read_the_same_identity_from_the_same_tags()
    {
        var tags = T(("Polo:Customer", " Acme/EU "), ("polo:cluster", "prod\u00a0"), ("polo:index", "Cafe\u0301"));
        var ec2 = new HierarchyTags(new HierarchyTagOptions()).IdentityOf(tags);
        var lifecycle = HierarchyTagResolver.Resolve(tags, new HierarchyTagKeys());

        Assert.Equal(new Identity("Acme-EU", "prod", "Caf\u00e9"), ec2);
        Assert.Equal((ec2.Customer, ec2.Cluster, ec2.IndexName), (lifecycle.Customer, lifecycle.Cluster, lifecycle.IndexName));
        Assert.Single(new HierarchyTags(new HierarchyTagOptions()).Collisions(T(("Polo:Customer", "a"), ("polo:CUSTOMER", "b"))));
    }
}
