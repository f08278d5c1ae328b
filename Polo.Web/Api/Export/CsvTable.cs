namespace Polo.Web.Api.Export;

/// <summary>A table as a list of typed columns, written as JSON rows or as CSV (<c>?format=csv</c>).</summary>
public sealed class CsvTable<T>(string fileName, params (string Header, Func<T, object?> Value)[] columns)
{
    public string FileName => fileName;

    public IResult Csv(IEnumerable<T> rows) =>
        new CsvAttachment(Results.Text(
            CsvWriter.Write(columns.Select(c => c.Header).ToList(), rows.Select(r => (IReadOnlyList<object?>)columns.Select(c => c.Value(r)).ToList())),
            "text/csv; charset=utf-8"), fileName + ".csv");

    /// <summary>JSON, or CSV when the request asks for it (<c>format=csv</c>).</summary>
    public IResult Respond(HttpRequest request, IEnumerable<T> rows, object? json = null) =>
        ApiQuery.WantsCsv(request) ? Csv(rows) : Results.Ok(json ?? rows);
}

/// <summary>A result with a Content-Disposition attachment name.</summary>
internal sealed class CsvAttachment(IResult inner, string fileName) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        return inner.ExecuteAsync(httpContext);
    }
}
