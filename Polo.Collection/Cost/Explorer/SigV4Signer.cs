using System.Globalization;
using System.Security.Cryptography;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Auth;

namespace Polo.Collection.Cost.Explorer;

/// <summary>
/// Signs an AWS JSON-protocol POST with Signature Version 4. The canonical request (method, path "/", no query,
/// the signed headers, body hash) is composed here; key derivation and the HMAC chain come from AWSSDK.Core's
/// <see cref="AWS4Signer"/>.
/// </summary>
public static class SigV4Signer
{
    public const string AmzDate = "X-Amz-Date";
    public const string SecurityToken = "X-Amz-Security-Token";

    /// <summary>Adds X-Amz-Date, X-Amz-Security-Token (session credentials) and Authorization to <paramref name="request"/>.</summary>
    public static void Sign(HttpRequestMessage request, byte[] body, string contentType, ImmutableCredentials credentials,
        string region, string service, DateTime signedAtUtc)
    {
        var uri = request.RequestUri ?? throw new ArgumentException("request has no URI");
        var amzDate = signedAtUtc.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        request.Headers.TryAddWithoutValidation(AmzDate, amzDate);
        if (credentials.UseToken) request.Headers.TryAddWithoutValidation(SecurityToken, credentials.Token);

        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["content-type"] = contentType,
            ["host"] = uri.IsDefaultPort ? uri.Host : uri.Authority,
            ["x-amz-date"] = amzDate,
        };
        foreach (var h in request.Headers.Where(h => h.Key.StartsWith("X-Amz-", StringComparison.OrdinalIgnoreCase)))
            headers[h.Key.ToLowerInvariant()] = string.Join(",", h.Value).Trim();

        var signedHeaders = string.Join(";", headers.Keys);
        var canonicalRequest = string.Join("\n",
            request.Method.Method,
            string.IsNullOrEmpty(uri.AbsolutePath) ? "/" : uri.AbsolutePath,
            "",
            string.Concat(headers.Select(h => $"{h.Key}:{h.Value}\n")),
            signedHeaders,
            Convert.ToHexStringLower(SHA256.HashData(body)));

        var result = AWS4Signer.ComputeSignature(credentials, region, signedAtUtc, service, signedHeaders, canonicalRequest);
        request.Headers.TryAddWithoutValidation("Authorization", result.ForAuthorizationHeader);
    }
}
