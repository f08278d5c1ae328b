using System.Text.Json;

namespace Polo.Collection.Tests.Lifecycle;

/// <summary>EventBridge "AWS API Call via CloudTrail" envelopes as they arrive in the queue.</summary>
public static class CloudTrailMessages
{
    public const string Actor = "arn:aws:iam::111111111111:user/alice";

    public static string Envelope(string eventName, string eventId, object? request, object? response,
        string time = "2025-03-01T10:00:00Z", string? errorCode = null)
    {
        var detail = new Dictionary<string, object?>
        {
            ["eventVersion"] = "1.09",
            ["userIdentity"] = new { type = "IAMUser", principalId = "AIDAEXAMPLE", arn = Actor, accountId = "111111111111" },
            ["eventTime"] = time,
            ["eventSource"] = "ec2.amazonaws.com",
            ["eventName"] = eventName,
            ["awsRegion"] = "us-east-1",
            ["sourceIPAddress"] = "203.0.113.10",
            ["requestParameters"] = request,
            ["responseElements"] = response,
            ["eventID"] = eventId,
            ["eventType"] = "AwsApiCall",
            ["recipientAccountId"] = "111111111111",
        };
        if (errorCode is not null) detail["errorCode"] = errorCode;
        return JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["version"] = "0",
            ["id"] = Guid.NewGuid().ToString(),
            ["detail-type"] = "AWS API Call via CloudTrail",
            ["source"] = "aws.ec2",
            ["account"] = "111111111111",
            ["time"] = time,
            ["region"] = "us-east-1",
            ["resources"] = Array.Empty<string>(),
            ["detail"] = detail,
        });
    }

    public static string RunInstances(string eventId, params string[] instanceIds) => Envelope("RunInstances", eventId,
        new
        {
            instanceType = "r5.xlarge",
            tagSpecificationSet = new
            {
                items = new[]
                {
                    new
                    {
                        resourceType = "instance",
                        tags = new[]
                        {
                            new { key = "polo:customer", value = "acme" }, new { key = "polo:cluster", value = "prod-1" },
                            new { key = "polo:index", value = "search" },
                        },
                    },
                },
            },
        },
        new
        {
            reservationId = "r-1",
            instancesSet = new
            {
                items = instanceIds.Select(id => new
                {
                    instanceId = id, instanceType = "r5.xlarge", instanceState = new { code = 0, name = "pending" },
                }).ToArray(),
            },
        });

    public static string StopInstances(string eventId, string instanceId, string time = "2025-03-01T10:00:00Z") =>
        Transition("StopInstances", eventId, instanceId, (64, "stopping"), (16, "running"), time);

    public static string StartInstances(string eventId, string instanceId, string time = "2025-03-01T10:00:00Z") =>
        Transition("StartInstances", eventId, instanceId, (0, "pending"), (80, "stopped"), time);

    /// <summary>EC2's "EC2 Instance State-change Notification" envelope, as EventBridge forwards it.</summary>
    public static string StateChangeNotification(string id, string instanceId, string state, string time = "2025-03-01T10:01:00Z",
        string account = "111111111111") =>
        Notification("EC2 Instance State-change Notification", id, new Dictionary<string, string> { ["instance-id"] = instanceId, ["state"] = state },
            time, account, $"arn:aws:ec2:us-east-1:{account}:instance/{instanceId}");

    public static string Notification(string detailType, string id, object detail, string time, string account, params string[] resources) =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["version"] = "0", ["id"] = id, ["detail-type"] = detailType, ["source"] = "aws.ec2",
            ["account"] = account, ["time"] = time, ["region"] = "us-east-1", ["resources"] = resources,
            ["detail"] = detail,
        });

    private static string Transition(string call, string eventId, string instanceId, (int Code, string Name) current,
        (int Code, string Name) previous, string time) => Envelope(call, eventId,
        new { instancesSet = new { items = new[] { new { instanceId } } } },
        new
        {
            instancesSet = new
            {
                items = new[]
                {
                    new { instanceId, currentState = new { code = current.Code, name = current.Name }, previousState = new { code = previous.Code, name = previous.Name } },
                },
            },
        }, time);

    public static string TerminateInstances(string eventId, string instanceId, string time = "2025-03-01T10:00:00Z") =>
        Transition("TerminateInstances", eventId, instanceId, (32, "shutting-down"), (16, "running"), time);

    public static string ModifyInstanceType(string eventId, string instanceId, string type) => Envelope("ModifyInstanceAttribute", eventId,
        new { instanceId, instanceType = new { value = type } }, new { _return = true });

    public static string ModifyVolume(string eventId, string volumeId) => Envelope("ModifyVolume", eventId,
        new { ModifyVolumeRequest = new { VolumeId = volumeId, Size = 200 } },
        new
        {
            ModifyVolumeResponse = new
            {
                volumeModification = new
                {
                    volumeId, modificationState = "modifying", targetSize = "200", originalSize = "100",
                    targetVolumeType = "gp3", originalVolumeType = "gp3",
                },
            },
        });

    public static string AttachVolume(string eventId, string volumeId, string instanceId) => Envelope("AttachVolume", eventId,
        new { volumeId, instanceId, device = "/dev/sdf" },
        new { volumeId, instanceId, device = "/dev/sdf", status = "attaching" });

    public static string CreateTags(string eventId, string[] resourceIds, params (string Key, string Value)[] tags) => Envelope("CreateTags", eventId,
        new
        {
            resourcesSet = new { items = resourceIds.Select(resourceId => new { resourceId }).ToArray() },
            tagSet = new { items = tags.Select(t => new { key = t.Key, value = t.Value }).ToArray() },
        },
        new { _return = true });

    public static string CreateVolume(string eventId, string volumeId) => Envelope("CreateVolume", eventId,
        new { size = 100, zone = "us-east-1a", volumeType = "gp3" },
        new { volumeId, size = "100", zone = "us-east-1a", status = "creating", volumeType = "gp3" });

    public static string CreateNatGateway(string eventId, string natId) => Envelope("CreateNatGateway", eventId,
        new { CreateNatGatewayRequest = new { SubnetId = "subnet-1", AllocationId = "eipalloc-1" } },
        new { CreateNatGatewayResponse = new { natGateway = new { natGatewayId = natId, state = "pending", subnetId = "subnet-1" } } });

    public static string AllocateAddress(string eventId, string allocationId) => Envelope("AllocateAddress", eventId,
        new { domain = "vpc" }, new { publicIp = "198.51.100.7", allocationId, domain = "vpc" });

    public static string DeleteSnapshot(string eventId, string snapshotId) => Envelope("DeleteSnapshot", eventId,
        new { snapshotId }, new { _return = true });
}
