namespace Polo.E2E.Tests.Infrastructure;

/// <summary>Saves a full-page screenshot under the test bin and artifacts/screenshots (for pages whose interesting
/// state is reached by interaction, not by URL alone).</summary>
public static class Shots
{
    public static async Task SaveAsync(PageSession s, string name)
    {
        Directory.CreateDirectory(TestPaths.ScreenshotsInBin);
        var file = Path.Combine(TestPaths.ScreenshotsInBin, name + ".png");
        await s.Page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
        Directory.CreateDirectory(TestPaths.ScreenshotsInArtifacts);
        File.Copy(file, Path.Combine(TestPaths.ScreenshotsInArtifacts, name + ".png"), overwrite: true);
    }
}
