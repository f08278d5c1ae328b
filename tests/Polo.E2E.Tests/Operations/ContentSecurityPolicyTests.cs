using System.Reflection;
using Microsoft.AspNetCore.Components;
using Polo.E2E.Tests.Infrastructure;

namespace Polo.E2E.Tests.Operations;

/// <summary>
/// Every page (its @page routes, found by reflection) loads, becomes interactive and is used without a single
/// Content-Security-Policy violation under <c>script-src 'self'</c>: violations are recorded by a
/// <c>securitypolicyviolation</c> listener installed before any page script, and from the console.
/// </summary>
[Collection(PoloAppCollection.Name)]
public sealed class ContentSecurityPolicyTests(PoloAppFixture app)
{
    private const string Recorder = """
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', e =>
          window.__cspViolations.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber));
        """;

    public static IEnumerable<string> PageRoutes() =>
        typeof(Polo.Web.Components.App).Assembly.GetTypes().Where(t => typeof(IComponent).IsAssignableFrom(t))
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>())
            .Select(r => System.Text.RegularExpressions.Regex.Replace(r.Template, @"\{[^}]+\}", "i-0nothere0000000"))
            .Where(r => r != "/Error")
            .Distinct();

    [Fact]
    public async Task No_page_violates_the_content_security_policy()
    {
        var routes = PageRoutes().ToList();
        Assert.Contains("/explain", routes);
        var violations = new List<string>();
        foreach (var route in routes.Append("/?theme=dark"))
        {
            await using var session = await PageSession.CreateAsync(app.Browser, app.BaseUrl, app.Identity.Token());
            await session.Context.AddInitScriptAsync(Recorder);
            var console = new List<string>();
            session.Page.Console += (_, m) =>
            {
                if (m.Text.Contains("Content Security Policy", StringComparison.Ordinal)) lock (console) console.Add(m.Text);
            };
            var response = await session.Page.GotoAsync(route);
            Assert.NotNull(response);
            var csp = await response!.HeaderValueAsync("content-security-policy");
            Assert.Contains("script-src 'self';", csp ?? "", StringComparison.Ordinal);
            await session.WaitForInteractiveAsync();
            await session.Page.WaitForTimeoutAsync(500); // charts and late scripts
            var found = await session.Page.EvaluateAsync<string[]>("() => window.__cspViolations");
            violations.AddRange(found.Select(v => $"{route}: {v}"));
            lock (console) violations.AddRange(console.Select(c => $"{route}: {c}"));
        }
        Assert.True(violations.Count == 0, "CSP violations:\n" + string.Join("\n", violations.Distinct()));
    }
}
