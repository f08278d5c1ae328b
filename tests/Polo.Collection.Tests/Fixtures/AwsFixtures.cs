namespace Polo.Collection.Tests.Fixtures;

/// <summary>Real AWS answers committed under Fixtures/Aws (sources and licences in Fixtures/Aws/SOURCES.md).</summary>
public static class AwsFixtures
{
    public static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Aws", name));
}
