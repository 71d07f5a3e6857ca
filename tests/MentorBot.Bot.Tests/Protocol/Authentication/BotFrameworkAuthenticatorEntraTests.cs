using MentorBot.Bot.Protocol.Authentication;
using MentorBot.Testing;

namespace MentorBot.Bot.Tests.Protocol.Authentication;

public sealed class BotFrameworkAuthenticatorEntraTests : IAsyncLifetime
{
    private const string AppId = AuthenticationHarness.AppId;
    private const string TenantId = AuthenticationHarness.TenantId;
    private const string OtherTenantId = "9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d";
    private const string OtherAppId = "11111111-2222-4333-8444-555555555555";

    private AuthenticationHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await AuthenticationHarness.StartAsync(tenantId: TenantId);

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    public static TheoryData<string, string> EmulatorIssuers => new()
    {
        { "1.0", "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/" },
        { "2.0", "https://login.microsoftonline.com/d6d49420-f39b-4df7-a1dc-d59a935871db/v2.0" },
        { "1.0", "https://sts.windows.net/f8cdef31-a31e-4b4a-93e4-5f571e91255a/" },
        { "2.0", "https://login.microsoftonline.com/f8cdef31-a31e-4b4a-93e4-5f571e91255a/v2.0" },
    };

    [Theory]
    [MemberData(nameof(EmulatorIssuers))]
    public async Task Authenticate_EmulatorTokenSignedForOwnApp_IsAuthenticated(string version, string issuer)
    {
        var token = Emulator(version) with { Issuer = issuer };

        var outcome = await Authenticate(token);

        Assert.True(outcome.Succeeded, outcome.FailureReason);
        Assert.Equal(TokenProfile.Entra, outcome.Profile);
        Assert.Equal(AppId, outcome.CallerAppId);
    }

    [Theory]
    [InlineData("1.0")]
    [InlineData("2.0")]
    public async Task Authenticate_EmulatorTokenFromAnotherApp_IsRefused(string version)
    {
        var token = version == "1.0" ? TestToken.EntraV1(AppId, OtherAppId) : TestToken.EntraV2(AppId, OtherAppId);

        var outcome = await Authenticate(token);

        Assert.Equal(AuthenticationRefusal.CallerNotAllowed, outcome.Refusal);
    }

    [Fact]
    public async Task Authenticate_V2TokenWithCallerOnlyInAppid_IsRefused()
    {
        // v2 tokens name the caller in azp; an appid claim must not stand in for it.
        var token = TestToken.EntraV2(AppId, AppId).WithClaim("azp", null).WithClaim("appid", AppId);

        var outcome = await Authenticate(token);

        Assert.Equal(AuthenticationRefusal.CallerNotAllowed, outcome.Refusal);
    }

    [Fact]
    public async Task Authenticate_TokenWithoutVersion_IsReadAsV1()
    {
        var token = TestToken.EntraV1(AppId, AppId).WithClaim("ver", null);

        var outcome = await Authenticate(token);

        Assert.True(outcome.Succeeded, outcome.FailureReason);
    }

    [Theory]
    [InlineData("3.0")]
    [InlineData("2")]
    public async Task Authenticate_UnknownTokenVersion_IsRefused(string version)
    {
        var token = TestToken.EntraV2(AppId, AppId).WithClaim("ver", version);

        var outcome = await Authenticate(token);

        Assert.Equal(AuthenticationRefusal.UnsupportedTokenVersion, outcome.Refusal);
    }

    [Theory]
    [InlineData(AppId)]
    [InlineData("api://" + AppId)]
    [InlineData("api://botid-" + AppId)]
    public async Task Authenticate_EntraAudienceForms_AreAccepted(string audience)
    {
        var token = TestToken.EntraV2(audience, AppId);

        var outcome = await Authenticate(token);

        Assert.True(outcome.Succeeded, outcome.FailureReason);
        Assert.Equal(audience, outcome.Audience);
    }

    [Theory]
    [InlineData("api://" + OtherAppId)]
    [InlineData("api://botid-" + OtherAppId)]
    [InlineData("https://graph.microsoft.com")]
    public async Task Authenticate_EntraTokenForAnotherResource_IsRefused(string audience)
    {
        var token = TestToken.EntraV2(audience, AppId);

        var outcome = await Authenticate(token);

        Assert.Equal(AuthenticationRefusal.InvalidAudience, outcome.Refusal);
    }

    [Theory]
    [InlineData("1.0")]
    [InlineData("2.0")]
    public async Task Authenticate_SingleTenantIssuerWithOwnTenant_IsAuthenticated(string version)
    {
        var token = version == "1.0" ? TestToken.EntraV1(AppId, AppId, TenantId) : TestToken.EntraV2(AppId, AppId, TenantId);

        var outcome = await Authenticate(token);

        Assert.True(outcome.Succeeded, outcome.FailureReason);
        Assert.Equal(TenantId, outcome.TenantId);
    }

    [Theory]
    [InlineData(OtherTenantId)]
    [InlineData(null)]
    public async Task Authenticate_SingleTenantIssuerWithWrongTid_IsRefused(string? tid)
    {
        var token = TestToken.EntraV2(AppId, AppId, TenantId).WithClaim("tid", tid);

        var outcome = await Authenticate(token);

        Assert.Equal(AuthenticationRefusal.TenantMismatch, outcome.Refusal);
    }

    [Fact]
    public async Task Authenticate_IssuerOfAnotherTenant_IsRefused()
    {
        var token = TestToken.EntraV2(AppId, AppId, OtherTenantId);

        var outcome = await Authenticate(token);

        // Not an Entra issuer we trust, so it is judged as a channel token — whose keys never signed it.
        Assert.False(outcome.Succeeded);
        Assert.Equal(AuthenticationRefusal.UnknownSigningKey, outcome.Refusal);
    }

    [Fact]
    public async Task Authenticate_SingleTenantCallerOtherThanOwnApp_IsRefusedUnlessAllowListed()
    {
        await using var allowing = await AuthenticationHarness.StartAsync(
            tenantId: TenantId,
            settings: new Dictionary<string, string?> { ["BotAuthentication:AllowedCallerAppIds:0"] = OtherAppId });
        var token = TestToken.EntraV2(AppId, OtherAppId, TenantId);

        var refused = await Authenticate(token);
        var allowed = await allowing.AuthenticateTokenAsync(allowing.Tokens.Issue(token, AuthenticationHarness.EntraKey));

        Assert.Equal(AuthenticationRefusal.CallerNotAllowed, refused.Refusal);
        Assert.True(allowed.Succeeded, allowed.FailureReason);
        Assert.Equal(OtherAppId, allowed.CallerAppId);
    }

    [Fact]
    public async Task Authenticate_EntraIssuerSignedWithChannelKey_IsRefused()
    {
        var token = _harness.Tokens.Issue(Emulator("2.0"), AuthenticationHarness.ChannelKey);

        var outcome = await _harness.AuthenticateTokenAsync(token);

        Assert.Equal(AuthenticationRefusal.UnknownSigningKey, outcome.Refusal);
    }

    [Fact]
    public async Task Authenticate_EntraTokenWithForeignServiceUrlClaim_IsRefused()
    {
        var token = Emulator("2.0").WithClaim("serviceurl", "https://evil.example/");

        var outcome = await Authenticate(token);

        Assert.Equal(AuthenticationRefusal.ServiceUrlMismatch, outcome.Refusal);
    }

    [Fact]
    public async Task Authenticate_ExpiredEntraToken_IsRefused()
    {
        var now = _harness.Time.GetUtcNow();
        var token = Emulator("1.0") with { NotBefore = now.AddHours(-2), Expires = now.AddMinutes(-6) };

        var outcome = await Authenticate(token);

        Assert.Equal(AuthenticationRefusal.Expired, outcome.Refusal);
    }

    [Fact]
    public async Task Authenticate_EntraToken_NeedsNoEndorsementForTheChannel()
    {
        var token = Emulator("2.0");

        var outcome = await _harness.AuthenticateTokenAsync(_harness.Tokens.Issue(token, AuthenticationHarness.EntraKey), channelId: "emulator");

        Assert.True(outcome.Succeeded, outcome.FailureReason);
    }

    private static TestToken Emulator(string version) =>
        version == "1.0" ? TestToken.EntraV1(AppId, AppId) : TestToken.EntraV2(AppId, AppId);

    private Task<AuthenticationOutcome> Authenticate(TestToken token) =>
        _harness.AuthenticateTokenAsync(_harness.Tokens.Issue(token, AuthenticationHarness.EntraKey));
}
