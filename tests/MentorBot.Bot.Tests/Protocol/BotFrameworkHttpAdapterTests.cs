using System.Text;
using System.Text.Json;
using MentorBot.Bot.Protocol;
using MentorBot.Bot.Protocol.Authentication;
using MentorBot.Bot.Protocol.Builder;
using MentorBot.Bot.Protocol.Connector;
using MentorBot.Bot.Protocol.Integration;
using MentorBot.Bot.Protocol.Schema;
using MentorBot.Bot.Tests.Protocol.Fakes;
using MentorBot.Core.Persistence;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MentorBot.Bot.Tests.Protocol;

/// <summary>The adapter's turn handling, driven with in-memory HTTP contexts; the wire-level checks live in BotEndpointTests.</summary>
public sealed class BotFrameworkHttpAdapterTests
{
    private readonly RecordingConnectorClient _connector = new();
    private readonly RecordingCleanup _cleanup = new();

    [Fact]
    public async Task ProcessAsync_BotThrows_ApologisesClearsStateAndAnswers200()
    {
        var context = Post(TestActivities.Message("hi"));

        await Adapter().ProcessAsync(context.Request, context.Response, new ThrowingBot(new InvalidOperationException("bug")), CancellationToken.None);

        Assert.Equal(200, context.Response.StatusCode);
        var apology = Assert.Single(_connector.Sent);
        Assert.Equal(TurnErrorHandler.Apology, apology.Text);
        Assert.Equal(TestActivities.UserId, apology.Recipient!.Id);
        Assert.IsType<InvalidOperationException>(Assert.Single(_cleanup.Exceptions));
    }

    [Fact]
    public async Task ProcessAsync_CleanupThrows_OtherCleanupsStillRun()
    {
        var context = Post(TestActivities.Message("hi"));
        var adapter = Adapter(new ThrowingCleanup(), _cleanup);

        await adapter.ProcessAsync(context.Request, context.Response, new ThrowingBot(new InvalidOperationException("bug")), CancellationToken.None);

        Assert.Equal(200, context.Response.StatusCode);
        Assert.Single(_cleanup.Exceptions);
    }

    [Fact]
    public async Task ProcessAsync_StorageUnavailable_Answers503WithRetryAfterAndSkipsCleanup()
    {
        var context = Post(TestActivities.Message("hi"));
        var failure = new StorageUnavailableException("table service down", TimeSpan.FromSeconds(7));

        await Adapter().ProcessAsync(context.Request, context.Response, new ThrowingBot(failure), CancellationToken.None);

        Assert.Equal(503, context.Response.StatusCode);
        Assert.Equal("7", context.Response.Headers.RetryAfter.ToString());
        Assert.StartsWith("application/problem+json", context.Response.ContentType, StringComparison.Ordinal);
        Assert.Equal(TurnErrorHandler.StorageApology, Assert.Single(_connector.Sent).Text);
        Assert.Empty(_cleanup.Exceptions);
    }

    [Fact]
    public async Task ProcessAsync_CardActionThrows_Answers200WithAnErrorCardResponse()
    {
        var activity = TestActivities.Load("invoke-adaptive-card-action");
        var context = Post(activity);

        await Adapter().ProcessAsync(context.Request, context.Response, new ThrowingBot(new InvalidOperationException("bug")), CancellationToken.None);

        Assert.Equal(200, context.Response.StatusCode);
        var body = ReadBody(context);
        Assert.Equal(AdaptiveCardInvokeResponse.ErrorType, body.GetProperty("type").GetString());
        Assert.Equal(500, body.GetProperty("statusCode").GetInt32());
        Assert.Empty(_connector.Sent);
        Assert.Single(_cleanup.Exceptions);
    }

    [Fact]
    public async Task ProcessAsync_ReplyFromBot_IsAddressedAsAReplyToTheIncomingActivity()
    {
        var context = Post(TestActivities.Message("hi"));

        await Adapter().ProcessAsync(context.Request, context.Response, new EchoBot(), CancellationToken.None);

        Assert.Equal(200, context.Response.StatusCode);
        var call = Assert.Single(_connector.Calls);
        Assert.Equal("reply", call.Operation);
        Assert.Equal(TestActivities.PersonalConversationId, call.ConversationId);
        Assert.Equal("echo: hi", call.Activity!.Text);
        Assert.Equal(TestActivities.BotId, call.Activity.From!.Id);
        Assert.Equal("1668428301772", call.Activity.ReplyToId);
    }

    private static DefaultHttpContext Post(Activity activity)
    {
        var services = new ServiceCollection().AddLogging().BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Method = "POST";
        context.Request.ContentType = "application/json";
        context.Request.Body = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(activity, ProtocolJsonContext.Default.Activity));
        context.Response.Body = new MemoryStream();
        return context;
    }

    private static JsonElement ReadBody(DefaultHttpContext context)
    {
        context.Response.Body.Position = 0;
        return JsonDocument.Parse(Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray())).RootElement;
    }

    private BotFrameworkHttpAdapter Adapter(params ITurnErrorCleanup[] cleanups)
    {
        var botFramework = Options.Create(new BotFrameworkOptions());
        return new BotFrameworkHttpAdapter(
            new AnonymousAuthenticator(),
            _connector,
            new TrustedServiceUrls(botFramework),
            new MiddlewareSet([]),
            new TurnErrorHandler(cleanups.Length == 0 ? [_cleanup] : cleanups, NullLogger<TurnErrorHandler>.Instance),
            Options.Create(new BotOptions()),
            NullLogger<BotFrameworkHttpAdapter>.Instance);
    }

    private sealed class AnonymousAuthenticator : IBotAuthenticator
    {
        public Task<AuthenticationOutcome> AuthenticateAsync(string? authorizationHeader, string? channelId, string? serviceUrl, CancellationToken cancellationToken) =>
            Task.FromResult(AuthenticationOutcome.Anonymous());
    }

    private sealed class ThrowingBot(Exception exception) : IBot
    {
        public Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Task.FromException(exception);
    }

    private sealed class EchoBot : IBot
    {
        public Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
            turnContext.SendActivityAsync("echo: " + turnContext.Activity.Text, cancellationToken);
    }

    private sealed class RecordingCleanup : ITurnErrorCleanup
    {
        public List<Exception> Exceptions { get; } = [];

        public Task CleanupAsync(ITurnContext turnContext, Exception exception, CancellationToken cancellationToken)
        {
            Exceptions.Add(exception);
            return Task.CompletedTask;
        }
    }

    private sealed class ThrowingCleanup : ITurnErrorCleanup
    {
        public Task CleanupAsync(ITurnContext turnContext, Exception exception, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("cleanup is broken too");
    }
}
