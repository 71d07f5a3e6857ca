using System.Net;
using System.Text;
using MentorBot.Bot.Programs;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using static MentorBot.Bot.Tests.Programs.SeededProgram;

namespace MentorBot.Bot.Tests.Programs;

/// <summary>
/// Every <c>/programs</c> endpoint the host maps, found in <see cref="EndpointDataSource"/> (so a route added later is
/// covered without editing this test): 401 without identity, 403 problem+json for anyone but an owner. Only the
/// static assets, which carry no program data, are public, and the test pins exactly which ones those are.
/// </summary>
public sealed class ProgramAuthorizationTests(ProgramHost host) : IClassFixture<ProgramHost>
{
    public static readonly string[] PublicAssets =
        ["/programs/assets/chart.js", "/programs/assets/dashboard.css", "/programs/assets/dashboard.js", "/programs/assets/editor.js", "/programs/assets/rounds.js", "/programs/assets/tab.js", "/programs/assets/teams-js.js"];

    [Fact]
    public async Task EveryProgramEndpoint_NonOwner_Gets403ProblemJson()
    {
        using var client = host.ClientAs(Stranger);

        foreach (var (method, path) in GuardedEndpoints())
        {
            var response = await client.SendAsync(Request(method, path));

            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{method} {path} answered {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task EveryProgramEndpoint_NoIdentity_Gets401()
    {
        using var client = host.ClientAs(null);

        foreach (var (method, path) in GuardedEndpoints())
        {
            var response = await client.SendAsync(Request(method, path));

            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path} answered {(int)response.StatusCode}");
            Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        }
    }

    [Fact]
    public async Task EveryProgramEndpoint_TokenSentToAnAnonymousHost_Gets401()
    {
        using var client = host.ClientAs(Owner);
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "anything");

        foreach (var (method, path) in GuardedEndpoints())
        {
            var response = await client.SendAsync(Request(method, path));

            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path} answered {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task OwnerOfAnotherProgram_IsStillForbiddenHere_AndAnUnknownProgramIs403Too()
    {
        using var owner = host.ClientAs(Owner);

        var missing = await owner.GetAsync("/programs/p-does-not-exist/metrics");

        Assert.Equal(HttpStatusCode.Forbidden, missing.StatusCode);
    }

    [Fact]
    public async Task TabShell_Anyone_GetsThePageWithoutData_FramableOnlyByTeams()
    {
        using var anonymous = host.ClientAs(null);

        var shell = await anonymous.GetAsync("/dashboard");
        var sdk = await anonymous.GetAsync("/programs/assets/teams-js.js");
        var script = await anonymous.GetAsync("/programs/assets/tab.js");

        Assert.Equal(HttpStatusCode.OK, shell.StatusCode);
        var html = await shell.Content.ReadAsStringAsync();
        Assert.Contains("<script src=\"/programs/assets/teams-js.js\"></script><script src=\"/programs/assets/tab.js\"></script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("dashboard-data", html, StringComparison.Ordinal);
        var csp = shell.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors 'self' https://teams.microsoft.com", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, sdk.StatusCode);
        Assert.Contains("microsoftTeams", await sdk.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("authentication.getAuthToken()", await script.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public void PublicEndpoints_AreExactlyTheStaticAssets()
    {
        var routes = ProgramRoutes().ToList();

        var open = routes.Where(r => r.Public).Select(r => r.Path).Order(StringComparer.Ordinal);

        Assert.Equal(PublicAssets, open);
        Assert.True(routes.Count(r => !r.Public) >= 7);
    }

    private IEnumerable<(string Method, string Path)> GuardedEndpoints() =>
        ProgramRoutes().Where(r => !r.Public).SelectMany(r => r.Methods.Select(m => (m, r.Path)));

    private IEnumerable<(string Path, IReadOnlyList<string> Methods, bool Public)> ProgramRoutes() =>
        host.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/programs", StringComparison.Ordinal) == true)
            .Select(e => (
                Concrete(e.RoutePattern.RawText!),
                (IReadOnlyList<string>)(e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]),
                e.Metadata.GetMetadata<PublicAssetMetadata>() is not null));

    private static string Concrete(string template) => template
        .Replace("{id}", Id.Value, StringComparison.Ordinal)
        .Replace("{concernId}", "c-1", StringComparison.Ordinal)
        .Replace("{kind}", "pairings", StringComparison.Ordinal)
        .Replace("{roundId}", "round-1", StringComparison.Ordinal)
        .Replace("{section}", "thanks", StringComparison.Ordinal)
        .TrimEnd('/') is { Length: > 0 } path ? path : "/programs";

    private static HttpRequestMessage Request(string method, string path)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = path.EndsWith("/import", StringComparison.Ordinal)
                ? new StringContent("name\n", Encoding.UTF8, "text/csv")
                : new StringContent("""{"action":"close","note":"x"}""", Encoding.UTF8, "application/json");
        }

        return request;
    }
}
