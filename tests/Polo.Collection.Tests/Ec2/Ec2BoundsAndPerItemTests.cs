using Polo.Collection.Core;
using Polo.Collection.Runs;
using Polo.Collection.Tests.Fixtures;
using Polo.Collection.Tests.Infrastructure;
using Polo.Data;
using static Polo.Collection.Tests.Ec2.Ec2AnswerBodies;

namespace Polo.Collection.Tests.Ec2;

/// <summary>Issue 11, deliverables 3 and 4: a bad field skips one resource (named on /collectors) while the rest lands;
/// page and size limits; tags cut to AWS's limits; duplicate ids keep the later copy.</summary>
public sealed class Ec2BoundsAndPerItemTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>, IAsyncLifetime
{
    private readonly FakeAws _aws = new();
    private IClickHouse Ch => db.Ch;

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _aws.DisposeAsync();

    private sealed record IdRow(string ResourceId);
    private sealed record TagsRow(Dictionary<string, string> Tags);
    private sealed record ValueRow(string V);

    private async Task<List<string>> LiveIds(string account) => (await Ch.QueryAsync<IdRow>(
        "SELECT resource_id FROM resource_snapshots FINAL WHERE account_id = {a:String} AND is_deleted = 0 ORDER BY resource_id",
        new QueryParams { ["a"] = account })).Select(r => r.ResourceId).ToList();

    private static async Task<List<CollectorWarningRow>> Warnings(CollectorHarness h, string account) =>
        (await h.Runs.Warnings.OpenAsync("ec2-config")).Where(w => w.AccountId == account).ToList();

    [Fact]
    public async Task The_api_reference_describe_volumes_sample_skips_its_volumes_and_everything_else_lands()
    {
        const string account = "420000000001";
        var e = _aws.Estate(account);
        e.Instances.Add(new FakeInstance("i-420001", "m5.large"));
        e.Snapshots.Add(new FakeSnapshot("snap-420001", "vol-1a2b3c4d", 80));
        _aws.Queue("DescribeVolumes", account, FakeResponse.Ok(AwsFixtures.Read("ec2-describe-volumes-api-reference.xml")));
        var h = new CollectorHarness(Ch, _aws, [account]);

        var result = await h.RunAsync();

        Assert.True(result.Ok, result.Units[0].Error);
        Assert.Equal(["i-420001", "snap-420001"], await LiveIds(account));
        var skipped = (await Warnings(h, account)).Where(w => w.Kind == WarningKinds.SkippedResource).ToList();
        Assert.Equal(["vol-1a2b3c4d", "vol-5e6f7a8b"], skipped.Select(w => w.ResourceId).Order());
        Assert.All(skipped, w => Assert.Contains("createTime 'YYYY-MM-DDTHH:MM:SS.SSSZ' is not a date", w.Message));
    }

    [Fact]
    public async Task A_stored_resource_with_a_bad_field_is_neither_changed_nor_deleted()
    {
        const string account = "420000000002";
        var e = _aws.Estate(account);
        e.Instances.Add(new FakeInstance("i-420021", "m5.large"));
        e.Instances.Add(new FakeInstance("i-420022", "m5.large"));
        var h = new CollectorHarness(Ch, _aws, [account]);
        await h.RunAsync();

        _aws.Queue("DescribeInstances", account, FakeResponse.Ok(InstancesPage(null,
            Instance("i-420021", "m5.xlarge"), Instance("i-420022", launchTime: "not-a-date"))));
        _aws.Queue("DescribeInstances", account, FakeResponse.Ok(InstancesPage(null, Instance("i-420021", "m5.xlarge"))));
        var result = await h.RunAsync();
        var unknownState = await h.RunAsync(); // the second answer lacks i-420022 entirely: it is deleted only now

        Assert.True(result.Ok);
        Assert.Equal(1, await Ch.ScalarAsync<long>("SELECT count() FROM resource_events WHERE account_id = {a:String} AND event_type = 'resized'", new QueryParams { ["a"] = account }));
        Assert.True(unknownState.Ok);
        Assert.Equal(["i-420021"], await LiveIds(account));
    }

    [Fact]
    public async Task An_unknown_instance_state_skips_that_instance_with_a_named_warning()
    {
        const string account = "420000000003";
        _aws.Estate(account).Instances.Add(new FakeInstance("i-420031", "m5.large"));
        var h = new CollectorHarness(Ch, _aws, [account]);
        await h.RunAsync();

        _aws.Queue("DescribeInstances", account, FakeResponse.Ok(InstancesPage(null, Instance("i-420031", state: "hibernating-ish"))));
        var result = await h.RunAsync();

        Assert.True(result.Ok);
        Assert.Equal(0, await Ch.ScalarAsync<long>("SELECT count() FROM resource_events WHERE account_id = {a:String} AND event_type = 'state_changed'", new QueryParams { ["a"] = account }));
        var w = Assert.Single(await Warnings(h, account));
        Assert.Equal(("skipped_resource", "i-420031"), (w.Kind, w.ResourceId));
        Assert.Contains("instance state 'hibernating-ish'", w.Message);
    }

    [Theory]
    [InlineData("420000000031", "9999-12-31T23:59:59.000Z")]
    [InlineData("420000000032", "1850-01-01T00:00:00.000Z")]
    public async Task An_implausible_launch_time_skips_a_new_instance_instead_of_inventing_its_history(string account, string launchTime)
    {
        _aws.Estate(account).Instances.Add(new FakeInstance($"i-{account}", "m5.large"));
        _aws.Queue("DescribeInstances", account, FakeResponse.Ok(InstancesPage(null, Instance($"i-{account}"), Instance("i-odd", launchTime: launchTime))));
        var h = new CollectorHarness(Ch, _aws, [account]);

        var result = await h.RunAsync();

        Assert.True(result.Ok);
        Assert.Equal([$"i-{account}"], await LiveIds(account));
        Assert.Equal(0, await Ch.ScalarAsync<long>("SELECT count() FROM resource_events WHERE resource_id = 'i-odd'"));
        var w = Assert.Single(await Warnings(h, account));
        Assert.Equal(("skipped_resource", "i-odd"), (w.Kind, w.ResourceId));
        Assert.Contains($"launchTime '{launchTime}' is not a plausible time", w.Message);
    }

    [Fact]
    public async Task A_next_token_that_never_ends_is_bounded_and_refused()
    {
        const string account = "420000000004";
        _aws.Estate(account).Volumes.Add(new FakeVolume("vol-420041", 10));
        _aws.Queue("DescribeInstances", account, Enumerable.Range(1, 50)
            .Select(i => FakeResponse.Ok(InstancesPage($"token-{i}", Instance($"i-42004{i}")))).ToArray());
        var h = new CollectorHarness(Ch, _aws, [account], configure: o => o.Safety.MaxPagesPerCall = 5);

        var result = await h.RunAsync();

        Assert.Equal(5, _aws.Count("DescribeInstances", account));
        Assert.Contains("DescribeInstances returned more than 5 pages", result.Units[0].Error);
        Assert.Equal(["vol-420041"], await LiveIds(account));
    }

    [Fact]
    public async Task A_next_token_handed_back_twice_is_a_paging_loop()
    {
        const string account = "420000000005";
        _aws.Queue("DescribeInstances", account, FakeResponse.Ok(InstancesPage("same", Instance("i-420051"))),
            FakeResponse.Ok(InstancesPage("same", Instance("i-420052"))));
        _aws.Estate(account);
        var h = new CollectorHarness(Ch, _aws, [account]);

        var result = await h.RunAsync();

        Assert.Equal(2, _aws.Count("DescribeInstances", account));
        Assert.Contains("handed back a NextToken it had already given", result.Units[0].Error);
        Assert.Empty(await LiveIds(account));
    }

    [Fact]
    public async Task An_answer_over_the_size_limit_is_refused()
    {
        const string account = "420000000006";
        var e = _aws.Estate(account);
        for (var i = 0; i < 40; i++) e.Instances.Add(new FakeInstance($"i-42006{i:00}", "m5.large"));
        var h = new CollectorHarness(Ch, _aws, [account], configure: o => { o.Safety.MaxResponseBytes = 4096; o.MaxErrorRetry = 0; });

        var result = await h.RunAsync();

        Assert.Contains("Malformed response from AWS to DescribeInstances: the answer is larger than 4,096 bytes", result.Units[0].Error);
        Assert.Empty(await LiveIds(account));
    }

    [Fact]
    public async Task Tags_longer_than_aws_allows_are_cut_to_128_and_256_and_flagged()
    {
        const string account = "420000000007";
        var longKey = "k" + new string('é', 200);
        var hugeValue = new string('v', 2 * 1024 * 1024);
        _aws.Estate(account).Instances.Add(new FakeInstance("i-420071", "m5.large",
            Tags: new() { [longKey] = "x", ["polo:customer"] = hugeValue }));
        var h = new CollectorHarness(Ch, _aws, [account]);

        var result = await h.RunAsync();

        Assert.True(result.Ok, result.Units[0].Error);
        var tags = (await Ch.QueryAsync<TagsRow>(
            "SELECT tags FROM resource_snapshots FINAL WHERE resource_id = 'i-420071'")).Single().Tags;
        Assert.Equal(longKey[..128], Assert.Single(tags.Keys, k => k.StartsWith('k')));
        Assert.Equal(256, tags["polo:customer"].Length);
        Assert.Equal(2, (await Warnings(h, account)).Count(w => w.Kind == WarningKinds.TagTruncated));
        Assert.Equal(0, (await h.RunAsync()).Rows); // the same cut every time: no tag_changed churn
    }

    private Task<long> RaisedAsync(string account, string state = CollectorWarningStore.Raised) => Ch.ScalarAsync<long>(
        "SELECT count() FROM collector_warnings WHERE account_id = {a:String} AND kind = {k:String} AND state = {s:String}",
        new QueryParams { ["a"] = account, ["k"] = WarningKinds.TagTruncated, ["s"] = state });

    [Fact]
    public async Task A_truncation_is_raised_once_while_it_lasts_cleared_when_it_goes_and_raised_again_when_it_comes_back()
    {
        const string account = "420000000009";
        var tags = new Dictionary<string, string> { ["Name"] = new string('n', 300) };
        _aws.Estate(account).Instances.Add(new FakeInstance("i-420091", "m5.large", Tags: tags));
        var h = new CollectorHarness(Ch, _aws, [account]);

        var first = await h.RunAsync();
        var raised = Assert.Single(await Warnings(h, account));
        await h.RunAsync();
        await h.RunAsync();

        // Three runs saw the same cut: one warning, still open, still the first run's.
        Assert.Equal(1, await RaisedAsync(account));
        var open = Assert.Single(await Warnings(h, account));
        Assert.Equal((WarningKinds.TagTruncated, "i-420091", first.BatchId), (open.Kind, open.ResourceId, open.BatchId));
        Assert.Equal(raised, open);

        tags["Name"] = "short"; // fixed at the source: the next run clears it
        await h.RunAsync();
        Assert.Empty(await Warnings(h, account));
        Assert.Equal(1, await RaisedAsync(account, CollectorWarningStore.Cleared));

        tags["Name"] = new string('m', 300); // a new cut: a new condition, raised again
        var again = await h.RunAsync();
        Assert.Equal(again.BatchId, Assert.Single(await Warnings(h, account)).BatchId);
        Assert.Equal(2, await RaisedAsync(account));
    }

    [Fact]
    public async Task A_failed_run_clears_no_warning()
    {
        const string account = "420000000010";
        _aws.Estate(account).Instances.Add(new FakeInstance("i-420101", "m5.large", Tags: new() { ["Name"] = new string('n', 300) }));
        var h = new CollectorHarness(Ch, _aws, [account], configure: o => o.MaxErrorRetry = 0);
        await h.RunAsync();

        _aws.DeniedRoles[$"arn:aws:iam::{account}:role/polo-collector"] = true;
        Assert.False((await h.RunAsync()).Ok);

        Assert.Single(await Warnings(h, account));
        Assert.Equal(0, await RaisedAsync(account, CollectorWarningStore.Cleared));
    }

    [Fact]
    public async Task The_same_id_on_two_pages_is_reported_and_the_later_copy_kept()
    {
        const string account = "420000000008";
        _aws.Queue("DescribeInstances", account,
            FakeResponse.Ok(InstancesPage("p2", Instance("i-420081", "m5.large"), Instance("i-420082"))),
            FakeResponse.Ok(InstancesPage(null, Instance("i-420081", "c5.large"))));
        _aws.Estate(account);
        var h = new CollectorHarness(Ch, _aws, [account]);

        var result = await h.RunAsync();

        Assert.True(result.Ok);
        Assert.Equal("c5.large", (await Ch.QueryAsync<ValueRow>(
            "SELECT properties['instance_type'] AS v FROM resource_snapshots FINAL WHERE resource_id = 'i-420081'")).Single().V);
        var w = Assert.Single(await Warnings(h, account), x => x.Kind == WarningKinds.DuplicateId);
        Assert.Equal("i-420081", w.ResourceId);
        Assert.Equal(RunStatus.Ok, result.Units[0].Status);
    }
}
