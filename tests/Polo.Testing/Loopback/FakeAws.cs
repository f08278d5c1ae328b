using System.Collections.Concurrent;
using System.Collections.Specialized;
using System.Net;
using System.Text.RegularExpressions;
using System.Web;

namespace Polo.Testing;

/// <summary>One request as the fake endpoint received it.</summary>
public sealed record FakeRequest(string Action, string AccessKey, string Region, NameValueCollection Form);

/// <summary>What the fake endpoint answers: an HTTP status and a body (AWS wire format, or deliberately not).</summary>
public sealed record FakeResponse(int Status, string Body)
{
    public static FakeResponse Ok(string xml) => new(200, xml);

    /// <summary>EC2's throttling error, exactly as EC2 sends it.</summary>
    public static FakeResponse Throttled() => new(503,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>RequestLimitExceeded</Code>" +
        "<Message>Request limit exceeded.</Message></Error></Errors><RequestID>00000000-0000-0000-0000-000000000503</RequestID></Response>");

    public static FakeResponse AccessDenied(string roleArn) => new(403,
        "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type><Code>AccessDenied</Code>" +
        $"<Message>User: arn:aws:iam::999999999999:user/polo is not authorized to perform: sts:AssumeRole on resource: {roleArn}</Message>" +
        "</Error><RequestId>00000000-0000-0000-0000-000000000403</RequestId></ErrorResponse>");
}

/// <summary>
/// A loopback HTTP endpoint (127.0.0.1, free port) that speaks the AWS Query API wire format for STS AssumeRole and
/// the EC2 Describe* calls, so the real AWS SDK runs against it. Each account's estate is chosen by the access key of
/// the signed request (AssumeRole hands out "ASIA" + account id). Faults can be queued per action.
/// </summary>
public sealed class FakeAws() : LoopbackHttpServer(concurrent: true)
{
    private static readonly Regex CredentialPattern = new(@"Credential=([^/]+)/\d+/([^/]+)/", RegexOptions.Compiled);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<FakeResponse>> _faults = new();

    /// <summary>Estates by account id.</summary>
    public ConcurrentDictionary<string, FakeEstate> Accounts { get; } = new();

    /// <summary>Role ARNs whose AssumeRole is denied.</summary>
    public ConcurrentDictionary<string, bool> DeniedRoles { get; } = new();

    public ConcurrentQueue<FakeRequest> Requests { get; } = new();

    public int Count(string action, string? accountId = null) =>
        Requests.Count(r => r.Action == action && (accountId == null || r.AccessKey == KeyOf(accountId)));

    public static string KeyOf(string accountId) => $"ASIA{accountId}";

    /// <summary>An account's estate; with a region, an estate of that region only (others fall back to the account's).</summary>
    public FakeEstate Estate(string accountId, string? region = null) =>
        Accounts.GetOrAdd(region == null ? accountId : $"{accountId}|{region}", _ => new FakeEstate());

    /// <summary>The next calls of <paramref name="action"/> (for <paramref name="accountId"/>, or any) get these answers.</summary>
    public void Queue(string action, string? accountId, params FakeResponse[] responses)
    {
        var q = _faults.GetOrAdd($"{action}|{accountId ?? "*"}", _ => new ConcurrentQueue<FakeResponse>());
        foreach (var r in responses) q.Enqueue(r);
    }

    protected override LoopbackReply Answer(HttpListenerRequest http, string body)
    {
        var form = HttpUtility.ParseQueryString(body);
        foreach (var key in http.QueryString.AllKeys.OfType<string>())
            form[key] ??= http.QueryString[key];
        var auth = CredentialPattern.Match(http.Headers["Authorization"] ?? "");
        var request = new FakeRequest(form["Action"] ?? "", auth.Success ? auth.Groups[1].Value : "",
            auth.Success ? auth.Groups[2].Value : "", form);
        Requests.Enqueue(request);
        return Xml(Answer(request));
    }

    protected override LoopbackReply Failure(Exception e) => Xml(new FakeResponse(500,
        $"<Response><Errors><Error><Code>InternalError</Code><Message>{SecurityElement(e.Message)}</Message></Error></Errors></Response>"));

    private static LoopbackReply Xml(FakeResponse r) => new(r.Status, r.Body, "text/xml;charset=UTF-8");

    private static string SecurityElement(string s) => System.Security.SecurityElement.Escape(s) ?? "";

    private FakeResponse Answer(FakeRequest r)
    {
        var accountId = r.AccessKey.StartsWith("ASIA", StringComparison.Ordinal) ? r.AccessKey[4..] : "";
        if (Dequeue($"{r.Action}|{accountId}") is { } fault) return fault;
        if (Dequeue($"{r.Action}|*") is { } anyFault) return anyFault;

        if (r.Action == "AssumeRole") return AssumeRole(r.Form["RoleArn"] ?? "", r.Form["RoleSessionName"] ?? "");
        if (!Accounts.TryGetValue($"{accountId}|{r.Region}", out var estate) && !Accounts.TryGetValue(accountId, out estate))
            return new FakeResponse(401, "<Response><Errors><Error><Code>AuthFailure</Code><Message>AWS was not able to validate the provided access credentials</Message></Error></Errors><RequestID>x</RequestID></Response>");
        return FakeResponse.Ok(estate.Describe(r.Action, r.Form["NextToken"]));
    }

    private FakeResponse? Dequeue(string key) =>
        _faults.TryGetValue(key, out var q) && q.TryDequeue(out var response) ? response : null;

    private FakeResponse AssumeRole(string roleArn, string session)
    {
        if (DeniedRoles.ContainsKey(roleArn)) return FakeResponse.AccessDenied(roleArn);
        var account = roleArn.Split(':')[4];
        return FakeResponse.Ok($"""
            <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
              <AssumeRoleResult>
                <AssumedRoleUser>
                  <Arn>arn:aws:sts::{account}:assumed-role/polo/{session}</Arn>
                  <AssumedRoleId>AROA{account}:{session}</AssumedRoleId>
                </AssumedRoleUser>
                <Credentials>
                  <AccessKeyId>{KeyOf(account)}</AccessKeyId>
                  <SecretAccessKey>secret-{account}</SecretAccessKey>
                  <SessionToken>token-{account}</SessionToken>
                  <Expiration>{DateTime.UtcNow.AddHours(1):yyyy-MM-ddTHH:mm:ssZ}</Expiration>
                </Credentials>
              </AssumeRoleResult>
              <ResponseMetadata><RequestId>{Guid.NewGuid()}</RequestId></ResponseMetadata>
            </AssumeRoleResponse>
            """);
    }
}
