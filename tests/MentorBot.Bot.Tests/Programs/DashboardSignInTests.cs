using System.Net;
using System.Net.Http.Headers;
using MentorBot.Core.CheckIns;
using MentorBot.Core.Profiles;
using MentorBot.Core.Programs;
using MentorBot.Core.Requests;
using MentorBot.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using static MentorBot.Bot.Tests.Programs.SeededProgram;

namespace MentorBot.Bot.Tests.Programs;

/// <summary>
/// The production path (decision 0200): the bot has an app id, so the dashboard wants an Entra ID token from Teams tab
/// SSO. Keys and metadata come from a loopback OpenID server; nothing reaches Microsoft.
/// </summary>
public sealed class DashboardSignInTests : IAsyncLifetime
{
    private const string AppId = "9f3a1c52-7d1e-4b1a-8c55-0f7b2f6c0a11";
    private const string Tenant = "5c0e2a10-3b7d-4d8e-9f10-2a3b4c5d6e7f";
    private readonly TestSigningKey _key = TestSigningKey.Create("tab-key-1");
    private readonly ManualTimeProvider _clock = new(Now);
    private LoopbackOpenIdServer _openId = null!;
    private WebApplicationFactory<Program> _factory = null!;

    public async Task InitializeAsync()
    {
        _openId = await LoopbackOpenIdServer.StartAsync($"https://login.microsoftonline.com/{Tenant}/v2.0", _key);
        _factory = ProgramHost.Create(
            new()
            {
                ["MicrosoftAppId"] = AppId,
                ["MicrosoftAppPassword"] = "not-used-here",
                ["MicrosoftAppTenantId"] = Tenant,
                ["Bot:AllowedTenants:0"] = Tenant,
                ["BotAuthentication:RequireHttpsMetadata"] = "false",
                ["Programs:SignIn:OpenIdMetadataUrl"] = _openId.MetadataUrl.AbsoluteUri,
            },
            _clock);
        var services = _factory.Services;
        await SeedAsync(
            services.GetRequiredService<IProgramStore>(), services.GetRequiredService<IEnrolmentStore>(), services.GetRequiredService<IProfileStore>(),
            services.GetRequiredService<IRequestStore>(), services.GetRequiredService<ICheckInStore>());
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _openId.DisposeAsync();
        _key.Dispose();
    }

    [Fact]
    public async Task OwnersTabToken_OpensTheDashboardWithoutTheLocalBanner()
    {
        var response = await GetAsync(Token(Owner), $"/programs/{Id.Value}");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("""id="active-pairings">6</div>""", html, StringComparison.Ordinal);
        Assert.DoesNotContain("LOCAL DEVELOPMENT MODE", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task V1TokenFromTheTenant_IsAcceptedToo()
    {
        var token = new TestToken($"https://sts.windows.net/{Tenant}/", AppId)
            .WithClaim("tid", Tenant).WithClaim("oid", Owner.AadObjectId).WithClaim("ver", "1.0");

        var response = await GetAsync(Issue(token), $"/programs/{Id.Value}/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ValidTokenOfSomeoneElse_Gets403()
    {
        var response = await GetAsync(Token(Stranger), $"/programs/{Id.Value}/metrics");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task AsQueryWithAnAppId_IsIgnored_401()
    {
        using var client = _factory.CreateClient();

        var response = await client.GetAsync($"/programs/{Id.Value}/metrics?as={Owner.AadObjectId}");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    public static TheoryData<string> RefusedTokens => ["other-tenant", "other-audience", "expired", "no-oid", "unsigned", "forged"];

    [Theory]
    [MemberData(nameof(RefusedTokens))]
    public async Task BadToken_Gets401(string kind)
    {
        var issuer = new TestTokenIssuer(_clock);
        var owner = OwnerToken();
        var raw = kind switch
        {
            "other-tenant" => issuer.Issue(new TestToken("https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/v2.0", AppId)
                .WithClaim("tid", "11111111-2222-3333-4444-555555555555").WithClaim("oid", Owner.AadObjectId), _key),
            "other-audience" => issuer.Issue(owner with { Audience = "api://someone-else" }, _key),
            "expired" => issuer.Issue(owner with { NotBefore = Now.AddHours(-3), Expires = Now.AddHours(-2) }, _key),
            "no-oid" => issuer.Issue(owner.WithClaim("oid", null), _key),
            "unsigned" => issuer.IssueUnsigned(owner),
            _ => issuer.IssueWithForgedSignature(owner, _key),
        };

        var response = await GetAsync(raw, $"/programs/{Id.Value}/metrics");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static TestToken OwnerToken() => TestToken.EntraV2(AppId, AppId, Tenant).WithClaim("oid", Owner.AadObjectId);

    private string Token(UserId who) => Issue(TestToken.EntraV2(AppId, AppId, Tenant).WithClaim("oid", who.AadObjectId));

    private string Issue(TestToken token) => new TestTokenIssuer(_clock).Issue(token, _key);

    private async Task<HttpResponseMessage> GetAsync(string token, string path)
    {
        using var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.GetAsync(path);
    }
}
