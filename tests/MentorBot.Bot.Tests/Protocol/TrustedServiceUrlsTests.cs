using MentorBot.Bot.Protocol;
using MentorBot.Bot.Protocol.Connector;
using Microsoft.Extensions.Options;

namespace MentorBot.Bot.Tests.Protocol;

public sealed class TrustedServiceUrlsTests
{
    [Theory]
    [InlineData("https://smba.trafficmanager.net/emea/", true)]
    [InlineData("https://SMBA.trafficmanager.net/amer/", true)]
    [InlineData("https://smba.infra.gcc.teams.microsoft.com/", true)]
    [InlineData("http://smba.trafficmanager.net/emea/", false)]
    [InlineData("https://smba.trafficmanager.net.evil.example/", false)]
    [InlineData("https://evil.example/", false)]
    [InlineData("http://localhost:56150/_connector", false)]
    [InlineData("http://127.0.0.1:3979/", false)]
    public void IsTrusted_WithCredentials_OnlyTeamsConnectorHosts(string serviceUrl, bool trusted)
    {
        var trust = Trust("11111111-1111-1111-1111-111111111111");

        Assert.Equal(trusted, trust.IsTrusted(new Uri(serviceUrl)));
    }

    [Theory]
    [InlineData("http://localhost:56150/_connector", true)]
    [InlineData("http://127.0.0.1:3979/", true)]
    [InlineData("https://evil.example/", false)]
    public void IsTrusted_Anonymous_AlsoLoopback(string serviceUrl, bool trusted)
    {
        var trust = Trust(null);

        Assert.Equal(trusted, trust.IsTrusted(new Uri(serviceUrl)));
    }

    [Fact]
    public void IsTrusted_ServiceUrlFromAnAuthenticatedActivity_IsTrusted()
    {
        var trust = Trust("11111111-1111-1111-1111-111111111111");

        trust.TrustAuthenticated("https://connector.sovereign.example/api/");

        Assert.True(trust.IsTrusted(new Uri("https://connector.sovereign.example/api")));
        Assert.False(trust.IsTrusted(new Uri("https://connector.sovereign.example/other/")));
    }

    [Fact]
    public void TrustAuthenticated_PlainHttp_IsIgnored()
    {
        var trust = Trust("11111111-1111-1111-1111-111111111111");

        trust.TrustAuthenticated("http://connector.example/");

        Assert.False(trust.IsTrusted(new Uri("http://connector.example/")));
    }

    [Fact]
    public void TrustAuthenticated_PlainHttpLoopback_IsTrustedOnlyForThatUrl()
    {
        var trust = Trust("11111111-1111-1111-1111-111111111111");

        trust.TrustAuthenticated("http://localhost:9000/emulator/");

        Assert.True(trust.IsTrusted(new Uri("http://localhost:9000/emulator")));
        Assert.False(trust.IsTrusted(new Uri("http://localhost:9001/")));
    }

    private static TrustedServiceUrls Trust(string? appId) =>
        new(Options.Create(new BotFrameworkOptions { MicrosoftAppId = appId }));
}
