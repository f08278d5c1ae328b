using Polo.Bench;

BenchOptions options;
try { options = BenchOptions.Parse(args); }
catch (BenchOptions.HelpRequestedException) { Console.WriteLine(BenchOptions.Usage); return 0; }
catch (ArgumentException e) { Console.Error.WriteLine(e.Message); Console.Error.WriteLine(BenchOptions.Usage); return 2; }

var dataPath = options.DataDir ?? Path.Combine(Path.GetTempPath(), $"polo-bench-{Environment.ProcessId}");
Console.WriteLine($"Polo bench — {Environment.ProcessorCount} cores, data in {dataPath}");
try
{
    if (options.BrowserDatabase is { } database)
    {
        var appDll = options.AppDll ?? Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../Polo.Web/bin/Release/net10.0/Polo.Web.dll"));
        await BrowserPagesFigure.RunAsync(dataPath, database, appDll, options.Runs);
        return 0;
    }
    var figures = new Figures(dataPath, options);
    if (options.Scales is { } scales)
    {
        foreach (var scale in scales) await new ScaleFigure(figures, options).RunAsync(scale);
        return 0;
    }
    if (options.Figures.Contains("insert")) await figures.InsertAsync();
    if (options.Figures.Contains("cur")) await figures.CurAsync();
    if (options.Figures.Contains("groupby") || options.Figures.Contains("decompose") || options.Figures.Contains("forecast"))
    {
        await using var demo = await figures.DemoAsync(1);
        if (options.Figures.Contains("groupby")) await figures.GroupByAsync(demo);
        if (options.Figures.Contains("decompose")) await figures.DecomposeAsync(demo, "90-day demo estate");
        if (options.Figures.Contains("forecast")) await ForecastFigure.RunAsync(demo, Figures.End);
    }
    if (options.Figures.Contains("decompose10"))
    {
        await using var large = await figures.DemoAsync(10);
        await figures.DecomposeAsync(large, "90-day demo estate x10");
    }
    return 0;
}
finally
{
    if (options.DataDir is null)
        try { Directory.Delete(dataPath, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
}
