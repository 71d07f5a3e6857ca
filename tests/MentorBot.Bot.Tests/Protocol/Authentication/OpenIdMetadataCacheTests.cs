using MentorBot.Bot.Protocol.Authentication;
using MentorBot.Testing;

namespace MentorBot.Bot.Tests.Protocol.Authentication;

/// <summary>Caching, unknown-key refresh and rotation, observed through the loopback servers' request counts.</summary>
public sealed class OpenIdMetadataCacheTests : IAsyncLifetime
{
    private AuthenticationHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await AuthenticationHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Authenticate_ManyRequests_FetchMetadataAndKeysOncePerIssuer()
    {
        var emulatorToken = _harness.Tokens.Issue(
            TestToken.EntraV2(AuthenticationHarness.AppId, AuthenticationHarness.AppId), AuthenticationHarness.EntraKey);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            _harness.AuthenticateTokenAsync(i % 2 == 0 ? _harness.ChannelToken() : emulatorToken)));

        Assert.All(outcomes, o => Assert.True(o.Succeeded, o.FailureReason));
        Assert.Equal((1, 1), (_harness.Channel.MetadataRequestCount, _harness.Channel.KeysRequestCount));
        Assert.Equal((1, 1), (_harness.Entra.MetadataRequestCount, _harness.Entra.KeysRequestCount));
    }

    [Fact]
    public async Task Authenticate_UnknownKid_RefreshesOnceThenRefuses()
    {
        await _harness.AuthenticateTokenAsync(_harness.ChannelToken());
        using var unpublished = TestSigningKey.Create("never-published", "msteams");

        var outcome = await _harness.AuthenticateTokenAsync(_harness.ChannelToken(key: unpublished));

        Assert.Equal(AuthenticationRefusal.UnknownSigningKey, outcome.Refusal);
        Assert.Equal((2, 2), (_harness.Channel.MetadataRequestCount, _harness.Channel.KeysRequestCount));
    }

    [Fact]
    public async Task Authenticate_RepeatedUnknownKids_AreThrottledToOneRefresh()
    {
        await _harness.AuthenticateTokenAsync(_harness.ChannelToken());
        using var unpublished = TestSigningKey.Create("never-published", "msteams");

        for (var i = 0; i < 5; i++)
        {
            await _harness.AuthenticateTokenAsync(_harness.ChannelToken(key: unpublished));
        }

        Assert.Equal(2, _harness.Channel.MetadataRequestCount);
    }

    [Fact]
    public async Task Authenticate_KeyRotatedIn_IsAcceptedAfterOneRefresh()
    {
        var before = await _harness.AuthenticateTokenAsync(_harness.ChannelToken());
        using var rotated = TestSigningKey.Create("channel-key-2", "msteams");
        _harness.Channel.Rotate(rotated);

        var after = await _harness.AuthenticateTokenAsync(_harness.ChannelToken(key: rotated));
        var retired = await _harness.AuthenticateTokenAsync(_harness.ChannelToken());

        Assert.True(before.Succeeded, before.FailureReason);
        Assert.True(after.Succeeded, after.FailureReason);
        Assert.Equal(AuthenticationRefusal.UnknownSigningKey, retired.Refusal);
        Assert.Equal(2, _harness.Channel.KeysRequestCount);
    }

    [Fact]
    public async Task Authenticate_EndorsementsChangeWithRotation_UsesTheNewEndorsements()
    {
        using var webChatOnly = TestSigningKey.Create("channel-key-webchat", "webchat");
        await _harness.AuthenticateTokenAsync(_harness.ChannelToken());
        _harness.Channel.Publish(webChatOnly);

        var outcome = await _harness.AuthenticateTokenAsync(_harness.ChannelToken(key: webChatOnly));

        Assert.Equal(AuthenticationRefusal.ChannelNotEndorsed, outcome.Refusal);
    }

    [Fact]
    public async Task Authenticate_MetadataUnavailable_IsRefusedAndLogged()
    {
        _harness.Channel.Unavailable = true;

        var outcome = await _harness.AuthenticateTokenAsync(_harness.ChannelToken());

        Assert.Equal(AuthenticationRefusal.MetadataUnavailable, outcome.Refusal);
        Assert.Contains(_harness.Logs.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Error);
    }

    [Fact]
    public async Task Authenticate_MetadataOutageAfterFirstFetch_KeepsUsingCachedKeys()
    {
        await _harness.AuthenticateTokenAsync(_harness.ChannelToken());
        _harness.Channel.Unavailable = true;

        var outcome = await _harness.AuthenticateTokenAsync(_harness.ChannelToken());

        Assert.True(outcome.Succeeded, outcome.FailureReason);
    }

    [Theory]
    [InlineData("http://keys.example.com/v1/.well-known/keys")]
    [InlineData("file:///etc/passwd")]
    public async Task Authenticate_MetadataNamesNonLoopbackHttpKeys_RefusesWithoutFetchingThem(string jwksUri)
    {
        _harness.Channel.AdvertisedKeysUrl = new Uri(jwksUri);

        var outcome = await _harness.AuthenticateTokenAsync(_harness.ChannelToken());

        Assert.Equal(AuthenticationRefusal.MetadataUnavailable, outcome.Refusal);
        Assert.Equal(0, _harness.Channel.KeysRequestCount);
    }

    [Fact]
    public async Task Authenticate_MetadataRedirect_IsNotFollowed()
    {
        _harness.Channel.RedirectMetadataTo = _harness.Entra.MetadataUrl;

        var outcome = await _harness.AuthenticateTokenAsync(_harness.ChannelToken());

        Assert.Equal(AuthenticationRefusal.MetadataUnavailable, outcome.Refusal);
        Assert.Equal(0, _harness.Entra.MetadataRequestCount);
    }
}
