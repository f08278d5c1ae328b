namespace Polo.Data.Access;

/// <summary>An actor asked for something its role does not allow. The message is fit to show to the user.</summary>
public sealed class AccessDeniedException(Actor actor, string neededRole, string action)
    : Exception($"Only {WithArticle(neededRole)} may {action}; {actor.Name} is {(actor.Role is null ? "not signed in" : WithArticle(actor.Role))}.")
{
    public Actor Actor { get; } = actor;
    public string NeededRole { get; } = neededRole;
    public string Action { get; } = action;

    private static string WithArticle(string role) => (role.Length > 0 && "aeiou".Contains(role[0], StringComparison.Ordinal) ? "an " : "a ") + role;
}
