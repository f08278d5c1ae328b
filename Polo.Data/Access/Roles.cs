namespace Polo.Data.Access;

/// <summary>
/// The three roles, lowest first. Each includes the ones below it: an admin may do what an operator may, an operator
/// what a viewer may.
/// </summary>
public static class Roles
{
    /// <summary>Sees every page and every API read.</summary>
    public const string Viewer = "viewer";

    /// <summary>Runs collectors, gives anomaly feedback, edits budgets and rules, confirms held deletions.</summary>
    public const string Operator = "operator";

    /// <summary>Settings and API tokens.</summary>
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Viewer, Operator, Admin];

    /// <summary>0 for viewer, 1 operator, 2 admin; -1 for anything else (no role).</summary>
    public static int Rank(string? role) => role?.Trim().ToLowerInvariant() switch
    {
        Viewer => 0,
        Operator => 1,
        Admin => 2,
        _ => -1,
    };

    /// <summary>The role's canonical name, or null when it is not one of the three.</summary>
    public static string? Parse(string? role) => Rank(role) is var r and >= 0 ? All[r] : null;

    /// <summary>Whether a user holding <paramref name="held"/> may do what needs <paramref name="needed"/>.</summary>
    public static bool Satisfies(string? held, string needed) => Rank(held) >= 0 && Rank(held) >= Rank(needed);

    /// <summary>The highest of several roles (null when none is a role).</summary>
    public static string? Highest(IEnumerable<string?> roles) =>
        roles.Select(Parse).Where(r => r != null).OrderByDescending(Rank).FirstOrDefault();
}
