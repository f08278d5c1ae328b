using Polo.Data.Analysis;
using Polo.Data.Vocabulary;

namespace Polo.Data.Tests.Vocabulary;

public sealed class VocabularyTests
{
    [Fact]
    public void Every_fixed_grouping_reads_back_from_its_url_form_in_any_case()
    {
        foreach (var g in Grouping.Fixed)
        {
            Assert.True(Grouping.TryParse(g.ToString(), out var same));
            Assert.Equal(g, same);
            Assert.True(Grouping.TryParse($" {g.ToString().ToUpperInvariant()} ", out var upper));
            Assert.Equal(g, upper);
            Assert.Same(g, Grouping.Of(g.Kind));
        }
        Assert.Equal("account_role", Grouping.AccountRole.ToString());
        Assert.Equal(Enum.GetValues<GroupingKind>().Length, Grouping.Fixed.Count);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("AccountRole")]
    [InlineData("tag:team")]
    public void Unknown_groupings_do_not_parse(string? text) => Assert.False(Grouping.TryParse(text, out _));

    [Theory]
    [InlineData("customer:acme", NodeKinds.Customer, "acme")]
    [InlineData("cluster:acme/prod-1", NodeKinds.Cluster, "acme|prod-1")]
    [InlineData("index:acme/prod-1/logs", NodeKinds.Index, "acme|prod-1|logs")]
    [InlineData("unassigned", NodeKinds.Unassigned, "")]
    [InlineData("usage_type:BoxUsage:m5.large", NodeKinds.UsageType, "BoxUsage:m5.large")]
    [InlineData("resource:arn:aws:elasticloadbalancing:us-east-1:1:loadbalancer/app/web/1", NodeKinds.Resource,
        "arn:aws:elasticloadbalancing:us-east-1:1:loadbalancer/app/web/1")]
    public void Node_ids_parse_into_kind_and_parts(string id, string kind, string parts)
    {
        Assert.True(NodeId.TryParse(id, out var node));
        Assert.Equal(kind, node.Kind);
        Assert.Equal(parts, string.Join('|', node.Parts));
        Assert.Equal(node, NodeId.Parse(id));
        Assert.Equal(id, node.ToString());
    }

    [Theory]
    [InlineData(null, "Unknown node")]
    [InlineData("acme", "Unknown node")]
    [InlineData("customer:", "Unknown node")]
    [InlineData(":acme", "Unknown node")]
    [InlineData("cluster:acme", "Malformed node id")]
    [InlineData("index:acme//logs", "Malformed node id")]
    public void Bad_node_ids_fail_with_the_reason(string? id, string reason)
    {
        Assert.False(NodeId.TryParse(id, out var node, out var error));
        Assert.Null(node);
        Assert.StartsWith(reason, error, StringComparison.Ordinal);
        if (id is not null) Assert.StartsWith(reason, Assert.Throws<ArgumentException>(() => NodeId.Parse(id)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Placement_nodes_stop_at_the_deepest_level_present()
    {
        Assert.Equal("unassigned", NodeId.ForPlacement("", "", ""));
        Assert.Equal("customer:acme", NodeId.ForPlacement("acme", "", ""));
        Assert.Equal("cluster:acme/prod-1", NodeId.ForPlacement("acme", "prod-1", ""));
        Assert.Equal("index:acme/prod-1/logs", NodeId.ForPlacement("acme", "prod-1", "logs"));
    }
}
