namespace Polo.Bench;

/// <summary>Command line: which figures to print, how many timed runs, how many rows to insert.</summary>
public sealed record BenchOptions(IReadOnlySet<string> Figures, int Runs, int InsertRows, long CurLines = 5_000_000, string CurFormat = "parquet",
    IReadOnlyList<int>? Scales = null, string? DataDir = null, int Viewers = 20, int Copies = 1, bool CurFirstLoadOnly = false,
    bool CompareRollup = false, string? BrowserDatabase = null, string? AppDll = null, bool DecompositionOnly = false, bool PagesOnly = false)
{
    public static readonly string[] AllFigures = ["insert", "groupby", "decompose", "forecast", "decompose10", "cur"];

    public const string Usage = """
        dotnet run -c Release --project bench/Polo.Bench [-- options]
          --figures a,b,…   which figures to print: insert, groupby, decompose, forecast, decompose10, cur (default: all)
          --runs N          timed runs per latency figure, the median is printed (default 5)
          --insert-rows N   rows inserted for the insert figure (default 1000000)
          --cur-lines N     lines of the generated CUR 2.0 file for the cur figure (default 5000000)
          --cur-format F    parquet or csv.gz (default parquet)
          --cur-first-only  the cur figure stops after the first load (for large files: 20M lines and its peak memory),
                            measured --runs times, each on an empty database, medians printed
          --scale N[,M…]    only the scale figures, on 90-day demo estates ×N (commitments, fees, lifecycle causes):
                            decomposition p95 beside a bare GROUP BY resource scan, N viewers vs one, page queries
          --data DIR        keep generated estates in DIR and reuse them on the next run (a large one is costly)
          --viewers N       concurrent viewers for the scale figures (default 20)
          --copies K        run the scale figures on the ×N estate copied K times with renamed ids (a ~100k-resource
                            estate from ×50 copied 5 times costs minutes, generating ×220 costs hours on 2 cores)
          --compare-rollup  also time the decomposition's path before the per-resource facts once (slow at scale)
          --decomposition-only  the scale figures stop after the scans, the decomposition and the Cost delta table
          --pages-only      the scale figures run only the page queries (Resources, Hierarchy) against 300 ms
          --browser DB      only page-ready times in headless Chromium: starts Polo.Web on database DB of --data DIR
                            (e.g. bench_estate_x50r5) and times the Explain, Cost delta and Hierarchy pages, cold and
                            warm, then 20 viewers of Explain at once against one (server prerenders, cold and warm)
          --app DLL         the Polo.Web.dll to start for --browser (default Polo.Web/bin/Release/net10.0/Polo.Web.dll)
        """;

    public static BenchOptions Parse(string[] args)
    {
        var figures = new HashSet<string>(AllFigures);
        var runs = 5;
        var rows = 1_000_000;
        long curLines = 5_000_000;
        var curFormat = "parquet";
        List<int>? scales = null;
        string? dataDir = null;
        var viewers = 20;
        var copies = 1;
        var curFirstOnly = false;
        var compare = false;
        var decompositionOnly = false;
        var pagesOnly = false;
        string? browser = null, app = null;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--figures":
                    figures = Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet();
                    var unknown = figures.Except(AllFigures).ToList();
                    if (unknown.Count > 0) throw new ArgumentException($"Unknown figure(s): {string.Join(", ", unknown)}.");
                    break;
                case "--runs": runs = PositiveInt(Next(), "--runs"); break;
                case "--insert-rows": rows = PositiveInt(Next(), "--insert-rows"); break;
                case "--cur-lines": curLines = PositiveInt(Next(), "--cur-lines"); break;
                case "--cur-format":
                    curFormat = Next();
                    if (curFormat is not ("parquet" or "csv.gz")) throw new ArgumentException("--cur-format must be parquet or csv.gz.");
                    break;
                case "--cur-first-only": curFirstOnly = true; break;
                case "--scale":
                    scales = Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                        .Select(x => PositiveInt(x, "--scale")).ToList();
                    break;
                case "--data": dataDir = Path.GetFullPath(Next()); break;
                case "--viewers": viewers = PositiveInt(Next(), "--viewers"); break;
                case "--copies": copies = PositiveInt(Next(), "--copies"); break;
                case "--compare-rollup": compare = true; break;
                case "--decomposition-only": decompositionOnly = true; break;
                case "--pages-only": pagesOnly = true; break;
                case "--browser": browser = Next(); break;
                case "--app": app = Path.GetFullPath(Next()); break;
                case "-h" or "--help": throw new HelpRequestedException();
                default: throw new ArgumentException($"Unknown option '{args[i]}'.");
            }
        }
        if (browser is not null && dataDir is null) throw new ArgumentException("--browser needs --data DIR.");
        return new BenchOptions(figures, runs, rows, curLines, curFormat, scales, dataDir, viewers, copies, curFirstOnly, compare, browser, app,
            decompositionOnly, pagesOnly);
    }

    private static int PositiveInt(string s, string name) =>
        int.TryParse(s, out var n) && n > 0 ? n : throw new ArgumentException($"{name} must be a positive whole number.");

    public sealed class HelpRequestedException : Exception;
}
