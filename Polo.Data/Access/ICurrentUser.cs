namespace Polo.Data.Access;

/// <summary>
/// The user of the current request or Blazor circuit (scoped; the web layer implements it from the authenticated
/// principal). Pages and endpoints pass <see cref="GetAsync"/>'s actor to the services they call.
/// </summary>
public interface ICurrentUser
{
    Task<Actor> GetAsync();
}
