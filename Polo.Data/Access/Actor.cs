namespace Polo.Data.Access;

/// <summary>
/// Who asks for a change: a signed-in user, an API token, or the local no-sign-in mode. Services that change state
/// take an Actor and check it (<see cref="AccessGuard.Require"/>) instead of trusting the page that called them.
/// </summary>
public sealed record Actor(string Name, string? Role)
{
    /// <summary>Nobody: satisfies no role.</summary>
    public static readonly Actor Anonymous = new("anonymous", null);

    public bool Can(string role) => Roles.Satisfies(Role, role);

    /// <summary>The role and every role it includes (admin → viewer, operator, admin).</summary>
    public IReadOnlyList<string> ImpliedRoles => Roles.All.Where(Can).ToList();

    public override string ToString() => Role is null ? Name : $"{Name} ({Role})";
}
