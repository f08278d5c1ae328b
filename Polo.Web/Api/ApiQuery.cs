using Polo.Data.Analysis;
using Polo.Web.Services.State;

namespace Polo.Web.Api;

/// <summary>
/// Reads API parameters with the pages' own parsers (same names as the page URLs: from, to, bfrom, bto, cost, by, node,
/// q, type, account, customer, sort, desc, page, size). Where a page falls back with a warning, the API answers 400 with
/// the same message.
/// </summary>
public static class ApiQuery
{
    public static IReadOnlyDictionary<string, string> Of(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Query.ToDictionary(kv => kv.Key, kv => kv.Value.ToString(), StringComparer.Ordinal);
    }

    public static bool WantsCsv(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return string.Equals(request.Query["format"], "csv", StringComparison.OrdinalIgnoreCase);
    }

    public static IResult BadRequest(IEnumerable<string> problems) =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad parameters", detail: string.Join(" ", problems));

    /// <summary>The range selection of the query, or the problems with it.</summary>
    public static async Task<(RangeSelection? Selection, IResult? Error)> RangeAsync(HttpRequest request, ICostQueries costs, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(costs);
        var extent = await costs.ExtentAsync(ct);
        var selection = RangeSelection.From(Of(request), extent);
        return selection.Problems.Count > 0 ? (null, BadRequest(selection.Problems)) : (selection, null);
    }

    public static string Day(DateTime t) => RangeSelection.Day(t);
}
