using MentorBot.Bot.Protocol.Authentication;
using MentorBot.Testing;

namespace MentorBot.Bot.Tests.Protocol.Authentication;

public sealed class BotFrameworkAuthenticatorTests : IAsyncLifetime
{
    private AuthenticationHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await AuthenticationHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Authenticate_ValidChannelToken_IsAuthenticatedWithValidatedClaims()
    {
        var token = _harness.ChannelToken();

        var outcome = await _harness.AuthenticateTokenAsync(token);

        Assert.True(outcome.Succeeded, outcome.FailureReason);
        Assert.False(outcome.IsAnonymous);
        Assert.Equal(TokenProfile.BotFrameworkChannel, outcome.Profile);
        Assert.Equal(AuthenticationHarness.ServiceUrl, outcome.ServiceUrl);
        Assert.Equal(AuthenticationHarness.AppId, outcome.Audience);
        Assert.Null(outcome.CallerAppId);
        Assert.True(outcome.Identity!.IsAuthenticated);
    }

    [Theory]
    [InlineData("RS256")]
    [InlineData("RS384")]
    [InlineData("RS512")]
    public async Task Authenticate_RsaAlgorithms_AreAccepted(string algorithm)
    {
        var token = _harness.ChannelToken(t => t with { Algorithm = algorithm });

        var outcome = await _harness.AuthenticateTokenAsync(token);

        Assert.True(outcome.Succeeded, outcome.FailureReason);
    }

    public static TheoryData<string, int, int, AuthenticationRefusal?> Lifetimes => new()
    {
        // description, nbf offset (min), exp offset (min), expected refusal (null = accepted)
        { "fresh", -1, 60, null },
        { "expired beyond skew", -70, -6, AuthenticationRefusal.Expired },
        { "expired within skew", -70, -4, null },
        { "not yet valid beyond skew", 6, 60, AuthenticationRefusal.NotYetValid },
        { "not yet valid within skew", 4, 60, null },
        { "nbf after exp", 30, 20, AuthenticationRefusal.InvalidLifetime },
    };

    [Theory]
    [MemberData(nameof(Lifetimes))]
    public async Task Authenticate_Lifetime_HonoursFiveMinuteSkew(
        string description, int notBeforeMinutes, int expiresMinutes, AuthenticationRefusal? expected)
    {
        var now = _harness.Time.GetUtcNow();
        var token = _harness.ChannelToken(t => t with
        {
            NotBefore = now.AddMinutes(notBeforeMinutes),
            Expires = now.AddMinutes(expiresMinutes),
        });

        var outcome = await _harness.AuthenticateTokenAsync(token);

        Assert.True(expected == outcome.Refusal, $"{description}: expected {expected}, got {outcome.FailureReason}");
        Assert.Equal(expected is null, outcome.Succeeded);
    }

    [Fact]
    public async Task Authenticate_TokenWithoutExpiry_IsRefused()
    {
        var token = _harness.ChannelToken(t => t with { OmitExpires = true });

        var outcome = await _harness.AuthenticateTokenAsync(token);

        Assert.Equal(AuthenticationRefusal.InvalidLifetime, outcome.Refusal);
    }

    [Fact]
    public async Task Authenticate_TokenThatExpiresWhileClockRuns_IsRefusedAfterSkew()
    {
        var token = _harness.ChannelToken(t => t with { Expires = _harness.Time.GetUtcNow().AddMinutes(10) });
        var before = await _harness.AuthenticateTokenAsync(token);

        _harness.Time.Advance(TimeSpan.FromMinutes(16));
        var after = await _harness.AuthenticateTokenAsync(token);

        Assert.True(before.Succeeded, before.FailureReason);
        Assert.Equal(AuthenticationRefusal.Expired, after.Refusal);
    }

    [Theory]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    [InlineData("api://" + AuthenticationHarness.AppId)]
    [InlineData("https://api.botframework.com")]
    [InlineData("")]
    public async Task Authenticate_ChannelTokenForAnotherAudience_IsRefused(string audience)
    {
        var token = _harness.ChannelToken(t => t with { Audience = audience });

        var outcome = await _harness.AuthenticateTokenAsync(token);

        Assert.Equal(AuthenticationRefusal.InvalidAudience, outcome.Refusal);
    }

    [Theory]
    [InlineData("https://api.botframework.com/")]
    [InlineData("https://api.botframework.us")]
    [InlineData("https://evil.example/")]
    [InlineData("https://sts.windows.net/00000000-0000-0000-0000-000000000000/")]
    public async Task Authenticate_UnknownIssuer_IsRefused(string issuer)
    {
        var token = _harness.ChannelToken(t => t with { Issuer = issuer });

        var outcome = await _harness.AuthenticateTokenAsync(token);

        Assert.Equal(AuthenticationRefusal.InvalidIssuer, outcome.Refusal);
    }

    [Fact]
    public async Task Authenticate_SignatureFromAnotherKeyWithKnownKid_IsRefused()
    {
        var token = _harness.Tokens.IssueWithForgedSignature(
            TestToken.Channel(AuthenticationHarness.AppId, AuthenticationHarness.ServiceUrl), AuthenticationHarness.ChannelKey);

        var outcome = await _harness.AuthenticateTokenAsync(token);

        Assert.Equal(AuthenticationRefusal.InvalidSignature, outcome.Refusal);
    }

    [Fact]
    public async Task Authenticate_TamperedPayload_IsRefused()
    {
        var genuine = _harness.ChannelToken();
        var parts = genuine.Split('.');
        var tampered = _harness.ChannelToken(t => t.WithClaim("serviceurl", "https://evil.example/")).Split('.')[1];

        var outcome = await _harness.AuthenticateTokenAsync($"{parts[0]}.{tampered}.{parts[2]}", serviceUrl: "https://evil.example/");

        Assert.Equal(AuthenticationRefusal.InvalidSignature, outcome.Refusal);
    }

    [Fact]
    public async Task Authenticate_UnsignedToken_IsRefusedWithoutFetchingKeys()
    {
        var token = _harness.Tokens.IssueUnsigned(TestToken.Channel(AuthenticationHarness.AppId, AuthenticationHarness.ServiceUrl));

        var outcome = await _harness.AuthenticateTokenAsync(token);

        Assert.Equal(AuthenticationRefusal.DisallowedAlgorithm, outcome.Refusal);
        Assert.Equal(0, _harness.Channel.MetadataRequestCount);
    }

    [Fact]
    public async Task Authenticate_HmacTokenNamingAChannelKid_IsRefusedWithoutFetchingKeys()
    {
        var token = _harness.Tokens.IssueHmac(
            TestToken.Channel(AuthenticationHarness.AppId, AuthenticationHarness.ServiceUrl), AuthenticationHarness.ChannelKey.Kid);

        var outcome = await _harness.AuthenticateTokenAsync(token);

        Assert.Equal(AuthenticationRefusal.DisallowedAlgorithm, outcome.Refusal);
        Assert.Equal(0, _harness.Channel.MetadataRequestCount);
    }

    [Fact]
    public async Task Authenticate_ChannelNotEndorsedByKey_IsRefused()
    {
        var token = _harness.ChannelToken();

        var outcome = await _harness.AuthenticateTokenAsync(token, channelId: "webchat");

        Assert.Equal(AuthenticationRefusal.ChannelNotEndorsed, outcome.Refusal);
    }

    [Fact]
    public async Task Authenticate_ChannelIdDiffersOnlyInCase_IsNotEndorsed()
    {
        var token = _harness.ChannelToken();

        var outcome = await _harness.AuthenticateTokenAsync(token, channelId: "MSTEAMS");

        Assert.Equal(AuthenticationRefusal.ChannelNotEndorsed, outcome.Refusal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task Authenticate_EmptyChannelId_SkipsEndorsementCheck(string? channelId)
    {
        var token = _harness.ChannelToken();

        var outcome = await _harness.AuthenticateTokenAsync(token, channelId);

        Assert.True(outcome.Succeeded, outcome.FailureReason);
    }

    [Fact]
    public async Task Authenticate_ChannelKeyWithoutEndorsements_IsNotEndorsed()
    {
        using var bareKey = TestSigningKey.CreateWithoutEndorsements("channel-key-bare");
        _harness.Channel.Publish(bareKey);
        var token = _harness.ChannelToken(key: bareKey);

        var outcome = await _harness.AuthenticateTokenAsync(token);

        Assert.Equal(AuthenticationRefusal.ChannelNotEndorsed, outcome.Refusal);
    }

    [Theory]
    [InlineData("https://smba.trafficmanager.net/amer/")]
    [InlineData("https://smba.trafficmanager.net/emea")]
    [InlineData("https://evil.example/emea/")]
    [InlineData("")]
    [InlineData(null)]
    public async Task Authenticate_ServiceUrlDiffersFromClaim_IsRefused(string? activityServiceUrl)
    {
        var token = _harness.ChannelToken();

        var outcome = await _harness.AuthenticateTokenAsync(token, serviceUrl: activityServiceUrl);

        Assert.Equal(AuthenticationRefusal.ServiceUrlMismatch, outcome.Refusal);
    }

    [Fact]
    public async Task Authenticate_ServiceUrlDiffersOnlyInCase_IsAccepted()
    {
        var token = _harness.ChannelToken();

        var outcome = await _harness.AuthenticateTokenAsync(token, serviceUrl: AuthenticationHarness.ServiceUrl.ToUpperInvariant());

        Assert.True(outcome.Succeeded, outcome.FailureReason);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task Authenticate_ChannelTokenWithoutServiceUrlClaim_IsRefused(string? claim)
    {
        var token = _harness.ChannelToken(t => t.WithClaim("serviceurl", claim));

        var outcome = await _harness.AuthenticateTokenAsync(token);

        Assert.Equal(AuthenticationRefusal.MissingServiceUrlClaim, outcome.Refusal);
    }

    [Theory]
    [InlineData("Basic dXNlcjpwYXNz", AuthenticationRefusal.MalformedAuthorizationHeader)]
    [InlineData("Bearer", AuthenticationRefusal.MalformedAuthorizationHeader)]
    [InlineData("Bearer ", AuthenticationRefusal.MalformedAuthorizationHeader)]
    [InlineData("Bearer  abc", AuthenticationRefusal.MalformedAuthorizationHeader)]
    [InlineData("Bearer a b", AuthenticationRefusal.MalformedAuthorizationHeader)]
    [InlineData("bearer abc", AuthenticationRefusal.MalformedAuthorizationHeader)]
    [InlineData("Bearer not-a-jwt", AuthenticationRefusal.MalformedToken)]
    [InlineData("Bearer a.b.c", AuthenticationRefusal.MalformedToken)]
    [InlineData("Bearer eyJhbGciOiJSUzI1NiJ9.e30.", AuthenticationRefusal.MissingKeyId)]
    public async Task Authenticate_MalformedHeader_IsRefused(string header, AuthenticationRefusal expected)
    {
        var outcome = await _harness.AuthenticateAsync(header);

        Assert.False(outcome.Succeeded);
        Assert.Equal(expected, outcome.Refusal);
        Assert.Equal(expected.ToString(), outcome.FailureReason);
    }

    [Fact]
    public async Task Authenticate_NoHeaderWithAppId_IsRefused()
    {
        var outcome = await _harness.AuthenticateAsync(authorizationHeader: null);

        Assert.Equal(AuthenticationRefusal.MissingAuthorizationHeader, outcome.Refusal);
    }

    [Fact]
    public async Task Authenticate_Refusal_LogsReasonAtWarningButNeverTheToken()
    {
        var token = _harness.ChannelToken(t => t with { Audience = "someone-else" });

        await _harness.AuthenticateTokenAsync(token);

        var entry = Assert.Single(_harness.Logs.Entries, e => e.Category.EndsWith(nameof(BotFrameworkAuthenticator), StringComparison.Ordinal));
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, entry.Level);
        Assert.Contains(nameof(AuthenticationRefusal.InvalidAudience), entry.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_harness.Logs.Entries, e => e.Message.Contains(token.Split('.')[1], StringComparison.Ordinal));
    }
}
