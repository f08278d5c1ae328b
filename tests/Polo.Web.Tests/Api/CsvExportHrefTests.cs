using Polo.Web.Api.Export;

namespace Polo.Web.Tests.Api;

public sealed class CsvExportHrefTests
{
    [Fact]
    public void The_link_carries_the_pages_query_with_format_csv_and_without_the_page_number()
    {
        var href = CsvExport.Href("/api/v1/resources", "http://localhost/resources?type=ebs_volume&page=3&from=2026-10-01&theme=dark");
        Assert.Equal("/api/v1/resources?type=ebs_volume&from=2026-10-01&theme=dark&format=csv", href);
        Assert.Equal("/api/v1/collectors/runs?collector=cur&format=csv",
            CsvExport.Href("/api/v1/collectors/runs", "http://localhost/collectors", new Dictionary<string, string?> { ["collector"] = "cur" }));
    }
}
