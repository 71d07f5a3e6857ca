using MentorBot.Bot.Protocol.Authentication;
using MentorBot.Testing;

namespace MentorBot.Bot.Tests.Protocol.Authentication;

/// <summary>
/// A token seen before is not verified again, yet everything that depends on the request or the clock still is
/// (decision 0180). Each test first authenticates the token once, so the second call is the cached path.
/// </summary>
public sealed class ValidatedTokenCacheTests : IAsyncLifetime
{
    private AuthenticationHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await AuthenticationHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Authenticate_SameTokenAgain_IsAcceptedWithItsOwnIdentity()
    {
        var token = _harness.ChannelToken();
        var first = await _harness.AuthenticateTokenAsync(token);

        var second = await _harness.AuthenticateTokenAsync(token);

        Assert.True(second.Succeeded, second.FailureReason);
        Assert.NotSame(first.Identity, second.Identity);
        Assert.Equal(AuthenticationHarness.ServiceUrl, second.ServiceUrl);
        Assert.Equal(TokenProfile.BotFrameworkChannel, second.Profile);
    }

    [Fact]
    public async Task Authenticate_CachedTokenWithAnotherServiceUrl_IsRefused()
    {
        var token = _harness.ChannelToken();
        await _harness.AuthenticateTokenAsync(token);

        var outcome = await _harness.AuthenticateTokenAsync(token, serviceUrl: "https://evil.example/emea/");

        Assert.Equal(AuthenticationRefusal.ServiceUrlMismatch, outcome.Refusal);
    }

    [Fact]
    public async Task Authenticate_CachedTokenForAChannelTheKeyDoesNotEndorse_IsRefused()
    {
        var token = _harness.ChannelToken();
        await _harness.AuthenticateTokenAsync(token);

        var outcome = await _harness.AuthenticateTokenAsync(token, channelId: "webchat");

        Assert.Equal(AuthenticationRefusal.ChannelNotEndorsed, outcome.Refusal);
    }

    [Fact]
    public async Task Authenticate_CachedTokenPastExpiryAndSkew_IsRefused()
    {
        var token = _harness.ChannelToken(t => t with { Expires = _harness.Time.GetUtcNow().AddMinutes(2) });
        var before = await _harness.AuthenticateTokenAsync(token);

        _harness.Time.Advance(TimeSpan.FromMinutes(4));
        var withinSkew = await _harness.AuthenticateTokenAsync(token);
        _harness.Time.Advance(TimeSpan.FromMinutes(4));
        var after = await _harness.AuthenticateTokenAsync(token);

        Assert.True(before.Succeeded, before.FailureReason);
        Assert.True(withinSkew.Succeeded, withinSkew.FailureReason);
        Assert.Equal(AuthenticationRefusal.Expired, after.Refusal);
    }

    [Fact]
    public async Task Authenticate_CachedTokenWhoseKeyWasRetired_IsRefused()
    {
        var token = _harness.ChannelToken();
        await _harness.AuthenticateTokenAsync(token);
        using var rotated = TestSigningKey.Create("channel-key-2", "msteams");
        _harness.Channel.Rotate(rotated);
        await _harness.AuthenticateTokenAsync(_harness.ChannelToken(key: rotated));

        var outcome = await _harness.AuthenticateTokenAsync(token);

        Assert.Equal(AuthenticationRefusal.UnknownSigningKey, outcome.Refusal);
    }

    [Fact]
    public async Task Authenticate_CachedTokenAfterMetadataRefresh_IsValidatedAgainstTheNewKeys()
    {
        var token = _harness.ChannelToken();
        await _harness.AuthenticateTokenAsync(token);
        // Same kid, now endorsed only for webchat: the refreshed snapshot must decide, not the cached verdict.
        using var reissued = TestSigningKey.Create(AuthenticationHarness.ChannelKey.Kid, "webchat");
        using var rotated = TestSigningKey.Create("channel-key-2", "msteams");
        _harness.Channel.Rotate(reissued, rotated);
        await _harness.AuthenticateTokenAsync(_harness.ChannelToken(key: rotated));

        var outcome = await _harness.AuthenticateTokenAsync(token);

        Assert.False(outcome.Succeeded);
    }

    [Fact]
    public async Task Authenticate_CacheTurnedOff_StillAcceptsAndRefusesAlike()
    {
        await using var harness = await AuthenticationHarness.StartAsync(
            settings: new Dictionary<string, string?> { ["BotAuthentication:ValidatedTokenCacheDuration"] = "00:00:00" });
        var token = harness.ChannelToken();

        var first = await harness.AuthenticateTokenAsync(token);
        var second = await harness.AuthenticateTokenAsync(token, serviceUrl: "https://evil.example/emea/");

        Assert.True(first.Succeeded, first.FailureReason);
        Assert.Equal(AuthenticationRefusal.ServiceUrlMismatch, second.Refusal);
    }
}
