using Polo.Data.Analysis;

namespace Polo.Web.Services.Links;

/// <summary>
/// The state that travels with every link between pages: the range (<c>from</c>, <c>to</c>), the cost type
/// (<c>cost</c>, absent for the default) and the theme (<c>theme=dark</c>).
/// </summary>
public sealed record CarriedState(DateOnly? From = null, DateOnly? To = null, CostType Cost = CostTypes.Default, bool Dark = false)
{
    public static readonly CarriedState None = new();

    public static CarriedState Parse(QueryValues q)
    {
        ArgumentNullException.ThrowIfNull(q);
        return new(q.Day(QueryKeys.From), q.Day(QueryKeys.To),
            CostTypes.TryParse(q.Text(QueryKeys.Cost), out var cost) ? cost : CostTypes.Default,
            string.Equals(q.Text(QueryKeys.Theme), QueryKeys.Dark, StringComparison.OrdinalIgnoreCase));
    }

    public static CarriedState Of(string uri) => Parse(QueryValues.Of(uri));

    /// <summary>This state with what <paramref name="link"/> sets itself taking precedence (its range, a cost type
    /// other than the default, the dark theme).</summary>
    public CarriedState Overlay(CarriedState link)
    {
        ArgumentNullException.ThrowIfNull(link);
        return new(link.From ?? From, link.To ?? To, link.Cost != CostTypes.Default ? link.Cost : Cost, link.Dark || Dark);
    }

    internal void Write(QueryWriter q)
    {
        q.Add(QueryKeys.From, From).Add(QueryKeys.To, To)
            .Add(QueryKeys.Cost, Cost == CostTypes.Default ? null : Cost.ToUrl())
            .Add(QueryKeys.Theme, Dark ? QueryKeys.Dark : null);
    }
}
