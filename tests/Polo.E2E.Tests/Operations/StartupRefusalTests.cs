using Polo.E2E.Tests.Infrastructure;

namespace Polo.E2E.Tests.Operations;

/// <summary>The published app refuses to start, in one line and with a non-zero exit code, when it must not run.</summary>
[Collection(PoloAppCollection.Name)]
public sealed class StartupRefusalTests(PoloAppFixture app)
{
    private static async Task<(int? Code, string Output)> RunUntilExitAsync(IReadOnlyDictionary<string, string> env)
    {
        using var process = AppProcess.Start(TestPaths.AppDll(), env);
        var code = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));
        return (code, process.Tail());
    }

    private static void AssertOneLineRefusal(int? code, string output, string reason)
    {
        Assert.True(code is not null and not 0, $"exit code {code?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(still running)"}: {output}");
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var refusal = Assert.Single(lines, l => l.StartsWith("Polo cannot start: ", StringComparison.Ordinal));
        Assert.Contains(reason, refusal, StringComparison.Ordinal);
        Assert.DoesNotContain(lines, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
        Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_without_an_identity_configuration_refuses_to_start()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "polo-e2e-noauth-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var env = new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production", ["DOTNET_ENVIRONMENT"] = "Production",
                ["ClickHouse__DataPath"] = dataDir, ["Urls"] = "http://127.0.0.1:0",
            };
            if (TestPaths.ChdbLibrary() is { } lib) env["POLO_CHDB_LIB"] = lib;
            var (code, output) = await RunUntilExitAsync(env);
            AssertOneLineRefusal(code, output, "No identity is configured");
        }
        finally
        {
            if (Directory.Exists(dataDir)) Directory.Delete(dataDir, recursive: true);
        }
    }

    [Fact]
    public async Task A_second_instance_on_the_same_data_directory_refuses_to_start()
    {
        var env = app.AppEnvironment.ToDictionary();
        env["Urls"] = "http://127.0.0.1:0";
        var (code, output) = await RunUntilExitAsync(env);
        AssertOneLineRefusal(code, output, "is in use by another Polo process");
        // The first instance is unharmed.
        using var http = app.SignedInHttp();
        Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync(app.Url("/collectors"))).StatusCode);
    }
}
