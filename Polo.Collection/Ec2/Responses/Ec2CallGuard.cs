using System.Collections.Concurrent;
using System.Web;
using Amazon.Runtime;
using Polo.Collection.Aws;
using Polo.Collection.Configuration;
using Polo.Collection.Core;

namespace Polo.Collection.Ec2.Responses;

/// <summary>
/// Sits between the EC2 SDK client and the network for one run: every successful answer is bounded in size and
/// checked by <see cref="Ec2ResponseCheck"/> before the SDK reads it. Resources dropped from answers are kept here
/// by id (per action), so the inventory leaves them as they are.
/// </summary>
public sealed class Ec2CallGuard(CollectionSafetyOptions limits, WarningSink warnings)
{
    private readonly ConcurrentDictionary<string, byte> _skipped = new(StringComparer.Ordinal);

    public WarningSink Warnings => warnings;

    /// <summary>Ids of resources that were seen but unreadable; they count as present and unchanged.</summary>
    public IReadOnlyCollection<string> SkippedIds => _skipped.Keys.ToList();

    /// <summary>The SDK's HTTP client factory for clients this guard watches.</summary>
    public HttpClientFactory ClientFactory() => new Factory(this);

    internal async Task<HttpResponseMessage> InspectAsync(HttpRequestMessage request, HttpResponseMessage response, CancellationToken ct)
    {
        if (!response.IsSuccessStatusCode) return response;
        var action = await ActionOfAsync(request, ct).ConfigureAwait(false);
        var body = await BoundedResponse.ReadAsync(response.Content, limits.MaxResponseBytes, max => TooLarge(action, max), ct).ConfigureAwait(false);
        var (checkedBody, skipped) = Ec2ResponseCheck.Check(action, body, warnings);
        foreach (var id in skipped) _skipped.TryAdd(id, 0);
        var content = new ByteArrayContent(checkedBody);
        foreach (var h in response.Content.Headers.Where(h => h.Key != "Content-Length"))
            content.Headers.TryAddWithoutValidation(h.Key, h.Value);
        content.Headers.ContentLength = checkedBody.Length;
        response.Content.Dispose();
        response.Content = content;
        return response;
    }

    private static async Task<string> ActionOfAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var form = request.Content is null ? "" : await request.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        return HttpUtility.ParseQueryString(form)["Action"] ?? HttpUtility.ParseQueryString(request.RequestUri?.Query ?? "")["Action"] ?? "";
    }

    private static MalformedAwsResponseException TooLarge(string action, long max) =>
        new($"Malformed response from AWS to {action}: the answer is larger than {max:N0} bytes " +
            "(Collection:Safety:MaxResponseBytes); nothing from this call was written.");

    private sealed class Factory(Ec2CallGuard guard) : HttpClientFactory
    {
        public override HttpClient CreateHttpClient(IClientConfig clientConfig)
        {
            var client = new HttpClient(new Handler(guard) { InnerHandler = new HttpClientHandler() });
            if (clientConfig.Timeout is { } timeout) client.Timeout = timeout;
            client.DefaultRequestHeaders.ExpectContinue = false;
            return client;
        }

        public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

        public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;

        public override string GetConfigUniqueString(IClientConfig clientConfig) => "polo-ec2-guard";
    }

    private sealed class Handler(Ec2CallGuard guard) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            var response = await base.SendAsync(request, ct).ConfigureAwait(false);
            try
            {
                return await guard.InspectAsync(request, response, ct).ConfigureAwait(false);
            }
            catch
            {
                response.Dispose();
                throw;
            }
        }
    }
}
