namespace Polo.E2E.Tests.Infrastructure;

/// <summary>Where things are: the published app under test, the repository root, the screenshot folders.</summary>
internal static class TestPaths
{
    public static string TestBin => AppContext.BaseDirectory;

    /// <summary>
    /// Polo.Web.dll to run. Preferred: the copy published next to the test assembly by the csproj (static web assets
    /// are only served from published output outside Development). POLO_E2E_APP overrides it.
    /// </summary>
    public static string AppDll()
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable("POLO_E2E_APP") is { Length: > 0 } overridden) candidates.Add(overridden);
        candidates.Add(Path.Combine(TestBin, "polo-web", "Polo.Web.dll"));
        foreach (var path in candidates)
            if (File.Exists(path)) return Path.GetFullPath(path);
        throw new FileNotFoundException(
            "Polo.Web.dll (published) was not found. Looked at: " + string.Join(", ", candidates) +
            ". Build the test project (dotnet build tests/Polo.E2E.Tests -c Release): it publishes Polo.Web into bin/<Config>/net10.0/polo-web/.");
    }

    /// <summary>The repository root (the folder holding Polo.Blazor.sln).</summary>
    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(TestBin); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Polo.Blazor.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException($"No Polo.Blazor.sln above {TestBin}.");
    }

    /// <summary>The embedded engine library: POLO_CHDB_LIB if set, otherwise .chdb/libchdb.so in a folder above the tests.</summary>
    public static string? ChdbLibrary()
    {
        if (Environment.GetEnvironmentVariable("POLO_CHDB_LIB") is { Length: > 0 } set) return set;
        for (var dir = new DirectoryInfo(TestBin); dir != null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, ".chdb", "libchdb.so");
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    public static string ScreenshotsInBin => Path.Combine(TestBin, "screenshots");

    public static string ScreenshotsInArtifacts => Path.Combine(RepoRoot(), "artifacts", "screenshots");
}
