using System.Security.Claims;
using System.Text.Json;
using MentorBot.Bot.Protocol;
using MentorBot.Bot.Protocol.Authentication;
using MentorBot.Bot.Protocol.Builder;
using MentorBot.Bot.Protocol.Connector;
using MentorBot.Bot.Protocol.Integration;
using MentorBot.Bot.Protocol.Schema;
using MentorBot.Bot.Tests.Protocol.Fakes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MentorBot.Bot.Tests.Protocol;

/// <summary>Which authenticated activities may add a serviceUrl to the trusted set (decision 0254).</summary>
public sealed class ServiceUrlTrustTests
{
    private static readonly Uri Foreign = new("https://connector.elsewhere.example/api/");

    [Fact]
    public async Task EntraTokenWithoutServiceUrlClaim_DoesNotTrustTheActivitysUrl()
    {
        var trust = Trust();

        await ProcessAsync(trust, Identity(TokenProfiles.EntraAuthenticationType, serviceUrlClaim: null));

        Assert.False(trust.IsTrusted(Foreign));
    }

    [Fact]
    public async Task ChannelTokenWithMatchingServiceUrlClaim_TrustsTheActivitysUrl()
    {
        var trust = Trust();

        await ProcessAsync(trust, Identity(TokenProfiles.ChannelAuthenticationType, serviceUrlClaim: Foreign.ToString()));

        Assert.True(trust.IsTrusted(Foreign));
    }

    [Fact]
    public void TrustAuthenticated_WithoutClaim_StillAcceptsLoopbackForTheEmulator()
    {
        var trust = Trust();

        trust.TrustAuthenticated("http://localhost:9000/emulator/", boundByClaim: false);

        Assert.True(trust.IsTrusted(new Uri("http://localhost:9000/emulator/")));
    }

    private static TrustedServiceUrls Trust() =>
        new(Options.Create(new BotFrameworkOptions { MicrosoftAppId = "00000000-0000-0000-0000-0000000000b0", MicrosoftAppPassword = "x" }));

    private static ClaimsIdentity Identity(string profile, string? serviceUrlClaim)
    {
        var identity = new ClaimsIdentity(profile);
        identity.AddClaim(new Claim(BotClaimTypes.Audience, "00000000-0000-0000-0000-0000000000b0"));
        if (serviceUrlClaim is not null)
        {
            identity.AddClaim(new Claim(BotClaimTypes.ServiceUrl, serviceUrlClaim));
        }

        return identity;
    }

    private static async Task ProcessAsync(TrustedServiceUrls trust, ClaimsIdentity identity)
    {
        var adapter = new BotFrameworkHttpAdapter(
            new FixedAuthenticator(identity),
            new RecordingConnectorClient(),
            trust,
            new MiddlewareSet([]),
            new TurnErrorHandler([], NullLogger<TurnErrorHandler>.Instance),
            Options.Create(new BotOptions()),
            NullLogger<BotFrameworkHttpAdapter>.Instance);
        var activity = new Activity
        {
            Type = ActivityTypes.Message,
            Id = "1",
            ChannelId = "msteams",
            ServiceUrl = Foreign.ToString(),
            From = new ChannelAccount { Id = "29:sam" },
            Recipient = new ChannelAccount { Id = "28:bot" },
            Conversation = new ConversationAccount { Id = "a:1", ConversationType = "personal" },
            Text = "hi",
        };
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        context.Request.Method = "POST";
        context.Request.ContentType = "application/json";
        context.Request.Headers.Authorization = "Bearer token";
        context.Request.Body = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(activity, ProtocolJsonContext.Default.Activity));
        context.Response.Body = new MemoryStream();
        await adapter.ProcessAsync(context.Request, context.Response, new SilentBot(), CancellationToken.None);
    }

    private sealed class FixedAuthenticator(ClaimsIdentity identity) : IBotAuthenticator
    {
        public Task<AuthenticationOutcome> AuthenticateAsync(string? authorizationHeader, string? channelId, string? serviceUrl, CancellationToken cancellationToken) =>
            Task.FromResult(AuthenticationOutcome.Authenticated(identity));
    }

    private sealed class SilentBot : IBot
    {
        public Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
