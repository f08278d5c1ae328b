using Polo.E2E.Tests.Infrastructure;

namespace Polo.E2E.Tests.Operations;

/// <summary>The app bar names who is signed in and with which role (the role the services check).</summary>
[Collection(PoloAppCollection.Name)]
public sealed class SignedInUserTests(PoloAppFixture app)
{
    [Theory]
    [InlineData(TestIdentity.AdminEmail, "admin")]
    [InlineData("someone@example.com", "viewer")] // not listed anywhere: Auth:DefaultRole
    public async Task The_app_bar_shows_the_signed_in_user_and_role(string email, string role)
    {
        await using var s = await PageSession.CreateAsync(app.Browser, app.BaseUrl, app.Identity.Token(email));
        await s.GotoAsync("/");
        await Expect(s.Page.GetByTestId("signed-in-name")).ToHaveTextAsync(email);
        await Expect(s.Page.GetByTestId("signed-in-role")).ToHaveTextAsync(role);
        await Expect(s.Page.GetByTestId("sign-out")).ToHaveCountAsync(0); // Cloudflare Access owns the session
    }
}
