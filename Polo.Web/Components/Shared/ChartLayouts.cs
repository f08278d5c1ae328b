using Plotly.Blazor.LayoutLib;

namespace Polo.Web.Components.Shared;

/// <summary>Plotly layout and config shared by the pages' charts: transparent background, theme-aware text, dollars.</summary>
public static class ChartLayouts
{
    public static Plotly.Blazor.Layout Base(bool dark, int height = 320, bool stacked = false) => new()
    {
        Height = height,
        PaperBgColor = "rgba(0,0,0,0)",
        PlotBgColor = "rgba(0,0,0,0)",
        Font = new Font { Color = dark ? "#e0e0e0" : "#333333" },
        Margin = new Margin { L = 60, R = 10, T = 10, B = 40 },
        BarMode = stacked ? BarModeEnum.Stack : BarModeEnum.Group,
        HoverMode = HoverModeEnum.X,
        ShowLegend = true,
        Legend = [new Legend { Orientation = Plotly.Blazor.LayoutLib.LegendLib.OrientationEnum.H }],
        YAxis = [new YAxis { TickPrefix = "$", GridColor = dark ? "#444" : "#e5e5e5", RangeMode = Plotly.Blazor.LayoutLib.YAxisLib.RangeModeEnum.ToZero }],
        XAxis = [new XAxis { Type = Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Date, GridColor = dark ? "#444" : "#e5e5e5" }],
    };

    public static Plotly.Blazor.Config Config() => new() { Responsive = true, DisplayLogo = false };
}
