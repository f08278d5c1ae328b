using System.Text.Json.Nodes;

namespace Polo.Collection.Tests.Lifecycle;

/// <summary>
/// What EventBridge puts on the queue for each record of a CloudTrail log file: the "AWS API Call via CloudTrail"
/// envelope around the record, untouched as its <c>detail</c> (account, time and region copied from the record, as
/// EventBridge does). Lets the real records in Fixtures/Aws, published in log-file form, reach the collector as they
/// would in production.
/// </summary>
public static class EventBridgeDelivery
{
    public static IReadOnlyList<string> Envelopes(string logFile, string idPrefix)
    {
        var records = JsonNode.Parse(logFile)!["Records"]!.AsArray();
        return records.Select((record, i) =>
        {
            var detail = record!.DeepClone();
            return new JsonObject
            {
                ["version"] = "0",
                ["id"] = $"{idPrefix}-{i}",
                ["detail-type"] = "AWS API Call via CloudTrail",
                ["source"] = "aws.ec2",
                ["account"] = (string?)detail["recipientAccountId"] ?? (string?)detail["userIdentity"]?["accountId"],
                ["time"] = (string?)detail["eventTime"],
                ["region"] = (string?)detail["awsRegion"],
                ["resources"] = new JsonArray(),
                ["detail"] = detail,
            }.ToJsonString();
        }).ToList();
    }
}
