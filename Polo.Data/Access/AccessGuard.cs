namespace Polo.Data.Access;

/// <summary>The one check every state-changing service runs first.</summary>
public static class AccessGuard
{
    /// <summary>Throws <see cref="AccessDeniedException"/> unless <paramref name="actor"/> holds <paramref name="role"/> or a higher one.</summary>
    public static void Require(this Actor? actor, string role, string action)
    {
        var who = actor ?? Actor.Anonymous;
        if (!who.Can(role)) throw new AccessDeniedException(who, role, action);
    }
}
