using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Polo.Web.Auth;

/// <summary>Reads a bare JWKS document (Cloudflare Access's <c>/cdn-cgi/access/certs</c>) as a signing-key configuration.</summary>
public sealed class JwksRetriever : IConfigurationRetriever<OpenIdConnectConfiguration>
{
    public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(string address, IDocumentRetriever retriever, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(retriever);
        var json = await retriever.GetDocumentAsync(address, cancel).ConfigureAwait(false);
        var keys = new JsonWebKeySet(json);
        var config = new OpenIdConnectConfiguration { JsonWebKeySet = keys };
        foreach (var key in keys.GetSigningKeys()) config.SigningKeys.Add(key);
        return config;
    }
}
