using Bunit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using Polo.Collection;
using Polo.Data;
using Polo.Data.Changes;
using Polo.Web.Services;

namespace Polo.Web.Tests.Infrastructure;

/// <summary>A bunit context with the real collection stack over a database: as the app registers it, or
/// with explicit base credentials for a loopback AWS fake (<c>Collection:ServiceUrls</c> in the settings).</summary>
public static class CollectorsContext
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static BunitContext Create(IClickHouse ch, Dictionary<string, string?> settings, bool asTheAppDoes = false)
    {
        var ctx = new BunitContext();
        ctx.AddAuthorization().SetAuthorized("ops").SetClaims(new System.Security.Claims.Claim(Polo.Web.Auth.PoloClaims.Role, Polo.Data.Access.Roles.Operator));
        ctx.Services.AddSingleton<Microsoft.AspNetCore.Http.IHttpContextAccessor, Microsoft.AspNetCore.Http.HttpContextAccessor>();
        ctx.Services.AddScoped<Polo.Data.Access.ICurrentUser, Polo.Web.Auth.CurrentUser>();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddLogging();
        ctx.Services.AddMudServices();
        ctx.Services.AddSingleton(ch);
        ctx.Services.AddSingleton<DataChangeNotifier>();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        if (asTheAppDoes) ctx.Services.AddPoloCollectors(configuration);
        else ctx.Services.AddPoloCollection(configuration, new Amazon.Runtime.BasicAWSCredentials("AKIDBASE", "secret"));
        return ctx;
    }

    /// <summary>Settings for one account whose EC2 and STS calls go to the loopback fake at <paramref name="url"/>.</summary>
    public static Dictionary<string, string?> OneAccount(string url, string accountId, string name = "prod-one") => new()
    {
        ["Collection:Accounts:0:AccountId"] = accountId,
        ["Collection:Accounts:0:Name"] = name,
        ["Collection:Accounts:0:RoleArn"] = $"arn:aws:iam::{accountId}:role/polo",
        ["Collection:ServiceUrls:EC2"] = url,
        ["Collection:ServiceUrls:STS"] = url,
        ["Collection:MaxErrorRetry"] = "0",
    };
}
