using Amazon.Runtime;
using Amazon.SecurityToken.Model;
using Polo.Collection.Configuration;

namespace Polo.Collection.Aws;

/// <summary>Credentials for one account: STS AssumeRole on the account's role (session "polo-collector").</summary>
public sealed class AccountCredentials(AwsClientFactory clients)
{
    public const string SessionName = "polo-collector";

    /// <summary>Assumed-role credentials, or the host's own credentials for an account with no role.</summary>
    public async Task<AWSCredentials?> ForAccountAsync(AccountOptions account, string region, CancellationToken ct)
    {
        var host = await clients.ResolveBaseCredentialsAsync().ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(account.RoleArn)) return host;
        using var sts = clients.Sts(host, region);
        var response = await sts.AssumeRoleAsync(new AssumeRoleRequest
        {
            RoleArn = account.RoleArn.Trim(),
            RoleSessionName = SessionName,
            DurationSeconds = 3600,
        }, ct).ConfigureAwait(false);
        var c = response.Credentials
            ?? throw new InvalidOperationException($"STS AssumeRole on {account.RoleArn} returned no credentials.");
        if (string.IsNullOrEmpty(c.AccessKeyId) || string.IsNullOrEmpty(c.SecretAccessKey))
            throw new InvalidOperationException($"STS AssumeRole on {account.RoleArn} returned incomplete credentials.");
        return new SessionAWSCredentials(c.AccessKeyId, c.SecretAccessKey, c.SessionToken);
    }
}
