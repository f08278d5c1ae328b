using System.Globalization;
using MudBlazor.Services;
using Polo.Data;
using Polo.Data.Migrations;
using Polo.Web.Api;
using Polo.Web.Auth;
using Polo.Web.Cli;
using Polo.Web.Components;
using Polo.Web.Operations;
using Polo.Web.Services;

// Dollar amounts everywhere, whatever the host's locale.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.GetCultureInfo("en-US");

// Command-line tools share the app's configuration: `dotnet run --project Polo.Web -- generate-demo --days 90`.
if (args.Length > 0 && CliCommands.IsCommand(args[0]))
    return await CliCommands.RunAsync(args);

var builder = WebApplication.CreateBuilder(args);
try
{
    builder.AddPoloOperations();
    builder.AddPoloAuth();
}
catch (StartupRefusedException refused)
{
    return refused.Report();
}

builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddMudServices();
builder.Services.AddPoloData(builder.Configuration);
builder.Services.AddPoloWeb(builder.Configuration);
builder.Services.AddPoloApi();

var app = builder.Build();

MigrationResult migrated;
try
{
    migrated = await app.Services.MigratePoloAsync();
}
catch (ClickHouseUnavailableException e)
{
    return new StartupRefusedException($"ClickHouse is not reachable: {e.Message.Split('\n')[0]}").Report();
}
app.Logger.LogInformation("ClickHouse ({Transport}) ready; migrations applied now: {Applied}",
    app.Services.GetRequiredService<IClickHouse>().Transport,
    migrated.Applied.Count == 0 ? "none" : string.Join(", ", migrated.Applied));

// A CUR commit cut short by a crash is undone before anything reads or writes the ledger; configured accounts recorded.
if (await StartupTasks.RunAsync(app.Services) is { } recovered) app.Logger.LogWarning("{Recovered}", recovered);

app.UsePoloOperations();
if (!app.Environment.IsDevelopment())
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UsePoloAuth();
app.UseAntiforgery();

app.MapStaticAssets().AllowAnonymous();
app.MapPoloOperations();
app.MapPoloApi();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

await app.RunAsync();
return 0;

public partial class Program;
