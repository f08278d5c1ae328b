using Amazon;
using Amazon.EC2;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Amazon.SecurityToken;
using Polo.Collection.Configuration;
using Polo.Collection.Ec2.Responses;

namespace Polo.Collection.Aws;

/// <summary>
/// Builds AWS SDK clients for a scope: the scope's credentials and region, the standard retry mode (throttling is
/// retried with backoff), and the optional endpoint override from <c>Collection:ServiceUrls</c>.
/// </summary>
public sealed class AwsClientFactory(CollectionOptions options, AWSCredentials? baseCredentials = null)
{
    /// <summary>Credentials used to call STS (and accounts with no role); null means the SDK's default chain.</summary>
    public AWSCredentials? BaseCredentials { get; } = baseCredentials;

    /// <summary>The base credentials, resolved now: explicit ones, else the SDK's default chain (environment, profile,
    /// container or instance role). Fails with a plain message when the host has none.</summary>
    public async Task<AWSCredentials> ResolveBaseCredentialsAsync()
    {
        if (BaseCredentials != null) return BaseCredentials;
        try
        {
            return await DefaultAWSCredentialsIdentityResolver.GetCredentialsAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            throw new NoCredentialsException(
                "No AWS credentials were found for the Polo host (environment variables, shared profile, container or " +
                "instance role), so it cannot call STS to assume the accounts' roles. " + e.Message.Split('\n')[0], e);
        }
    }

    /// <summary>An EC2 client; with a <paramref name="guard"/>, every answer is bounded and checked before the SDK reads it.</summary>
    public IAmazonEC2 Ec2(AWSCredentials? credentials, string region, Ec2CallGuard? guard = null)
    {
        var config = new AmazonEC2Config();
        Configure(config, "EC2", region);
        if (guard != null) config.HttpClientFactory = guard.ClientFactory();
        var creds = credentials ?? BaseCredentials;
        return creds == null ? new AmazonEC2Client(config) : new AmazonEC2Client(creds, config);
    }

    public IAmazonSecurityTokenService Sts(AWSCredentials credentials, string region)
    {
        var config = new AmazonSecurityTokenServiceConfig();
        Configure(config, "STS", region);
        return new AmazonSecurityTokenServiceClient(credentials, config);
    }

    private void Configure(ClientConfig config, string service, string region)
    {
        config.RetryMode = RequestRetryMode.Standard;
        config.MaxErrorRetry = Math.Max(0, options.MaxErrorRetry);
        config.Timeout = TimeSpan.FromSeconds(60);
        var url = options.ServiceUrl(service);
        if (url != null)
        {
            config.ServiceURL = url;
            config.AuthenticationRegion = region;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }
    }
}

/// <summary>The host has no AWS credentials at all.</summary>
public sealed class NoCredentialsException(string message, Exception? inner = null) : Exception(message, inner);
