namespace Polo.Collection.Tests.Ec2;

/// <summary>HTTP 200 bodies that are not the answer to the call made: what a proxy, a mis-routed endpoint or a broken
/// service can hand back. Each must be refused with nothing written.</summary>
public static class Ec2AnswerBodies
{
    public const string Ns = "http://ec2.amazonaws.com/doc/2016-11-15/";

    public const string HtmlPage = """
        <!DOCTYPE html>
        <html><head><title>Proxy login</title></head><body><h1>Please sign in to continue</h1><form method="post"></form></body></html>
        """;

    /// <summary>EC2's error envelope, delivered with HTTP 200 (as some proxies and gateways do).</summary>
    public const string ErrorEnvelope = """
        <?xml version="1.0" encoding="UTF-8"?>
        <Response><Errors><Error><Code>Unavailable</Code><Message>The service is unavailable. Please try again shortly.</Message></Error></Errors><RequestID>6b5b3b74-0000-4000-8000-000000000200</RequestID></Response>
        """;

    /// <summary>A RunInstances answer, well-formed and in EC2's namespace, but not a DescribeInstances answer.</summary>
    public const string RunInstancesAnswer = $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <RunInstancesResponse xmlns="{Ns}"><requestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</requestId>
        <reservationId>r-1234567890abcdef0</reservationId><ownerId>123456789012</ownerId><groupSet/>
        <instancesSet><item><instanceId>i-1234567890abcdef0</instanceId><instanceState><code>0</code><name>pending</name></instanceState></item></instancesSet>
        </RunInstancesResponse>
        """;

    public static string Without(string list, string action) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <{action}Response xmlns="{Ns}"><requestId>59dbff89-35bd-4eac-99ed-be587EXAMPLE</requestId></{action}Response>
        """.Replace($"<{list}/>", "", StringComparison.Ordinal);

    public static string EmptyInstances => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <DescribeInstancesResponse xmlns="{Ns}"><requestId>59dbff89-35bd-4eac-99ed-be587EXAMPLE</requestId><reservationSet/></DescribeInstancesResponse>
        """;

    /// <summary>A page of DescribeInstances with the given items and next token.</summary>
    public static string InstancesPage(string? nextToken, params string[] instanceXml) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <DescribeInstancesResponse xmlns="{Ns}"><requestId>r</requestId><reservationSet>{string.Concat(instanceXml)}</reservationSet>{(nextToken is null ? "" : $"<nextToken>{nextToken}</nextToken>")}</DescribeInstancesResponse>
        """;

    public static string Instance(string id, string type = "m5.large", string state = "running", string launchTime = "2026-01-15T10:00:00.000Z") => $"""
        <item><reservationId>r-{id}</reservationId><ownerId>123456789012</ownerId><groupSet/><instancesSet><item>
        <instanceId>{id}</instanceId><instanceState><code>16</code><name>{state}</name></instanceState>
        <instanceType>{type}</instanceType><launchTime>{launchTime}</launchTime><tagSet/></item></instancesSet></item>
        """;
}
