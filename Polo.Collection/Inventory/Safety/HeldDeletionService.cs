using Polo.Data.Access;

namespace Polo.Collection.Inventory.Safety;

/// <summary>Who is asking to confirm a held deletion, as the web layer knows them.</summary>
public sealed record ConfirmingUser(string Name, IReadOnlyCollection<string> Roles)
{
    /// <summary>The signed-in actor with every role its role includes (an admin confirms as an operator too).</summary>
    public static ConfirmingUser From(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return new(actor.Name, actor.ImpliedRoles.ToList());
    }
}

/// <summary>
/// Decides whether a user may confirm a held deletion. Registered by default: <see cref="OperatorRolePolicy"/> (the
/// operator role, <see cref="Roles.Operator"/>, or admin). <see cref="NoSignInPolicy"/> lets anyone confirm.
/// </summary>
public interface IDeletionConfirmationPolicy
{
    bool MayConfirm(ConfirmingUser? user);
}

public sealed class NoSignInPolicy : IDeletionConfirmationPolicy
{
    public bool MayConfirm(ConfirmingUser? user) => true;
}

public sealed class OperatorRolePolicy : IDeletionConfirmationPolicy
{
    public const string OperatorRole = Roles.Operator;

    public bool MayConfirm(ConfirmingUser? user) => user is not null && Roles.Satisfies(Roles.Highest(user.Roles), Roles.Operator);
}

public enum ConfirmResult { Confirmed, NotAllowed, NotFound, NotOpen }

/// <summary>Lists open holds and confirms one; the next poll that proposes the same deletions applies them.</summary>
public sealed class HeldDeletionService(HeldDeletionStore store, IDeletionConfirmationPolicy policy)
{
    public Task<List<HeldDeletionRow>> OpenAsync(CancellationToken ct = default) => store.OpenAsync(ct);

    public bool MayConfirm(ConfirmingUser? user) => policy.MayConfirm(user);

    public async Task<ConfirmResult> ConfirmAsync(string holdId, ConfirmingUser? user, CancellationToken ct = default)
    {
        if (!policy.MayConfirm(user)) return ConfirmResult.NotAllowed;
        var hold = await store.FindAsync(holdId, ct);
        if (hold is null) return ConfirmResult.NotFound;
        if (hold.Status != HoldStatus.Held) return ConfirmResult.NotOpen;
        var now = DateTime.UtcNow;
        await store.WriteAsync([hold with
        {
            Status = HoldStatus.Confirmed, DecidedBy = user?.Name ?? "no sign-in", UpdatedAt = now > hold.UpdatedAt ? now : hold.UpdatedAt.AddMilliseconds(1),
        }], ct);
        return ConfirmResult.Confirmed;
    }
}
