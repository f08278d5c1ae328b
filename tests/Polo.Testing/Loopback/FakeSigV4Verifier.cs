using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Polo.Testing;

/// <summary>
/// Recomputes a SigV4 signature from the request as received (independently of AWSSDK.Core, straight from the
/// published algorithm), so a test can tell a valid signature from a merely well-formed header.
/// </summary>
public static partial class FakeSigV4Verifier
{
    public static bool IsValid(FakeAwsRequest request, string secretKey, string method = "POST", string path = "/")
    {
        var m = AuthorizationPattern().Match(request.Headers.GetValueOrDefault("Authorization", ""));
        if (!m.Success) return false;
        var (date, region, service) = (m.Groups["date"].Value, m.Groups["region"].Value, m.Groups["service"].Value);
        var signedHeaders = m.Groups["headers"].Value;
        var amzDate = request.Headers["X-Amz-Date"];

        var canonicalHeaders = string.Concat(signedHeaders.Split(';').Select(h => $"{h}:{request.Headers[h].Trim()}\n"));
        var canonicalRequest = string.Join("\n", method, path, "", canonicalHeaders, signedHeaders, Hex(SHA256.HashData(Encoding.UTF8.GetBytes(request.Body))));
        var scope = $"{date}/{region}/{service}/aws4_request";
        var toSign = string.Join("\n", "AWS4-HMAC-SHA256", amzDate, scope, Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest))));

        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + secretKey), date);
        key = Hmac(key, region);
        key = Hmac(key, service);
        key = Hmac(key, "aws4_request");
        return Hex(Hmac(key, toSign)) == m.Groups["signature"].Value;
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    [GeneratedRegex(@"^AWS4-HMAC-SHA256 Credential=[^/]+/(?<date>\d{8})/(?<region>[^/]+)/(?<service>[^/]+)/aws4_request, SignedHeaders=(?<headers>[^,]+), Signature=(?<signature>[0-9a-f]{64})$")]
    private static partial Regex AuthorizationPattern();
}
