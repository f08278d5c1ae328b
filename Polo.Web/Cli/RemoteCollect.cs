using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Polo.Web.Api;

namespace Polo.Web.Cli;

/// <summary>
/// The <c>collect</c> verb while the app holds the embedded engine: the running app performs the run
/// (<c>POST /api/v1/collectors/{name}/runs</c>, see <see cref="CollectorRunEndpoint"/>) and the verb prints its
/// summary. The app's address comes from <c>--url</c> or the address file the app writes (<see cref="AppAddressFile"/>);
/// the operator API token from <c>--token</c> or <c>POLO_API_TOKEN</c> (none is needed in local mode).
/// </summary>
public static class RemoteCollect
{
    public const string TokenVariable = "POLO_API_TOKEN";

    /// <summary>The run's report, or the one-line reason it did not run.</summary>
    public static async Task<(CollectorRunReport? Report, string? Error)> RunAsync(Uri app, string? token, string collector,
        HttpMessageHandler? handler = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(app);
        using var http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        http.Timeout = Timeout.InfiniteTimeSpan; // a CUR month may take minutes
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(app, $"api/v1/collectors/{Uri.EscapeDataString(collector)}/runs"))
        {
            Content = new StringContent("{}", Encoding.UTF8, "application/json"),
        };
        if (!string.IsNullOrWhiteSpace(token)) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Trim());
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, ct);
        }
        catch (HttpRequestException e)
        {
            return (null, $"the running app at {app} did not answer ({e.Message}). Is it still running?");
        }
        using (response)
        {
            if (response.IsSuccessStatusCode)
                return (await response.Content.ReadFromJsonAsync<CollectorRunReport>(new JsonSerializerOptions(JsonSerializerDefaults.Web), ct), null);
            return (null, response.StatusCode switch
            {
                HttpStatusCode.Unauthorized => $"the running app at {app} needs an operator's API token: pass --token polo_… or set {TokenVariable} (an admin makes API tokens on /admin/tokens).",
                HttpStatusCode.Forbidden => $"the API token is not an operator's: running '{collector}' needs the operator role.",
                _ => $"the running app refused: {await DetailAsync(response, ct)}",
            });
        }
    }

    private static async Task<string> DetailAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var body = await response.Content.ReadAsStringAsync(ct);
        try
        {
            using var problem = JsonDocument.Parse(body);
            if (problem.RootElement.TryGetProperty("detail", out var detail) && detail.GetString() is { Length: > 0 } d) return d;
        }
        catch (JsonException) { }
        return $"HTTP {(int)response.StatusCode}";
    }
}
