using System.Net;
using System.Text.Json;
using MentorBot.Bot.Protocol;
using MentorBot.Bot.Protocol.Connector;
using MentorBot.Bot.Protocol.Schema;
using MentorBot.Bot.Tests.Protocol.Fakes;
using MentorBot.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MentorBot.Bot.Tests.Protocol;

public sealed class ConnectorClientTests : IAsyncLifetime
{
    private const string ConversationId = "19:abc@thread.tacv2;messageid=1668";
    private LoopbackConnector _server = null!;

    public async Task InitializeAsync() => _server = await LoopbackConnector.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task SendToConversation_Accepted_ReturnsSentWithTheNewId()
    {
        var client = Client();

        var outcome = await client.SendToConversationAsync(_server.ServiceUrl, ConversationId, Reply("hello"), CancellationToken.None);

        Assert.Equal(new SendOutcome.Sent("activity-1"), outcome);
        var request = Assert.Single(_server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.StartsWith("application/json", request.ContentType, StringComparison.Ordinal);
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal("hello", body.RootElement.GetProperty("text").GetString());
        Assert.False(body.RootElement.TryGetProperty("id", out _));
        Assert.False(body.RootElement.TryGetProperty("serviceUrl", out _));
    }

    [Fact]
    public async Task Paths_TeamsIds_AreEscaped()
    {
        var client = Client();

        await client.ReplyToActivityAsync(_server.ServiceUrl, ConversationId, "1:xyz=", Reply("hi"), CancellationToken.None);
        await client.GetConversationMemberAsync(_server.ServiceUrl, ConversationId, "29:user@x", CancellationToken.None);

        Assert.Equal(
            ["/v3/conversations/19%3Aabc%40thread.tacv2%3Bmessageid%3D1668/activities/1%3Axyz%3D",
             "/v3/conversations/19%3Aabc%40thread.tacv2%3Bmessageid%3D1668/members/29%3Auser%40x"],
            _server.Requests.Select(r => r.RawTarget));
    }

    [Fact]
    public async Task ServiceUrl_WithPathAndNoTrailingSlash_KeepsThePath()
    {
        var client = Client();
        var serviceUrl = _server.ServiceUrl + "_connector";

        await client.SendToConversationAsync(serviceUrl, "a:1", Reply("hi"), CancellationToken.None);

        Assert.Equal("/_connector/v3/conversations/a%3A1/activities", Assert.Single(_server.Requests).RawTarget);
    }

    [Fact]
    public async Task Throttled_RetryAfterWithinLimit_WaitsAndSends()
    {
        _server.Enqueue(429, """{"error":{"code":"Throttled","message":"slow down"}}""", new Dictionary<string, string> { ["Retry-After"] = "1" });
        var client = Client();
        var started = DateTime.UtcNow;

        var outcome = await client.SendToConversationAsync(_server.ServiceUrl, "a:1", Reply("hi"), CancellationToken.None);

        Assert.Equal(new SendOutcome.Sent("activity-1"), outcome);
        Assert.Equal(2, _server.Requests.Count);
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromSeconds(0.9), "The Retry-After of one second was not honoured.");
    }

    [Fact]
    public async Task Throttled_RetryAfterBeyondMaxDelay_ReturnsThrottledAtOnce()
    {
        _server.Enqueue(429, null, new Dictionary<string, string> { ["Retry-After"] = "120" });
        var client = Client();

        var outcome = await client.SendToConversationAsync(_server.ServiceUrl, "a:1", Reply("hi"), CancellationToken.None);

        Assert.Equal(new SendOutcome.Throttled(TimeSpan.FromSeconds(120)), outcome);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task ServiceUnavailable_EveryAttempt_ReturnsThrottledAfterBoundedRetries()
    {
        for (var i = 0; i < 5; i++)
        {
            _server.Enqueue(503);
        }

        var client = Client(maxRetries: 2);

        var outcome = await client.SendToConversationAsync(_server.ServiceUrl, "a:1", Reply("hi"), CancellationToken.None);

        Assert.IsType<SendOutcome.Throttled>(outcome);
        Assert.Equal(3, _server.Requests.Count);
    }

    [Fact]
    public async Task InternalServerError_IsNotRetried()
    {
        _server.Enqueue(500, """{"error":{"code":"ServiceError","message":"oops"}}""");
        var client = Client();

        var outcome = await client.SendToConversationAsync(_server.ServiceUrl, "a:1", Reply("hi"), CancellationToken.None);

        Assert.Equal(new SendOutcome.Failed(HttpStatusCode.InternalServerError, "ServiceError"), outcome);
        Assert.Single(_server.Requests);
    }

    [Theory]
    [InlineData(403, "BotNotInConversationRoster", RecipientGoneReason.BotNotInConversationRoster)]
    [InlineData(403, "ConversationBlockedByUser", RecipientGoneReason.ConversationBlockedByUser)]
    [InlineData(404, "ConversationNotFound", RecipientGoneReason.ConversationNotFound)]
    public async Task RecipientUnreachable_IsRecipientGone(int status, string code, RecipientGoneReason reason)
    {
        _server.Enqueue(status, $$$"""{"error":{"code":"{{{code}}}","message":"gone"}}""");
        var client = Client();

        var outcome = await client.SendToConversationAsync(_server.ServiceUrl, "a:1", Reply("hi"), CancellationToken.None);

        Assert.Equal(new SendOutcome.RecipientGone(reason), outcome);
    }

    [Fact]
    public async Task UpdateOfDeletedMessage_IsFailedNotRecipientGone()
    {
        _server.Enqueue(404, """{"error":{"code":"ActivityNotFoundInConversation","message":"no such activity"}}""");
        var client = Client();

        var outcome = await client.UpdateActivityAsync(_server.ServiceUrl, "a:1", "1:old", Reply("new"), CancellationToken.None);

        Assert.Equal(new SendOutcome.Failed(HttpStatusCode.NotFound, "ActivityNotFoundInConversation"), outcome);
        var request = Assert.Single(_server.Requests);
        Assert.Equal("PUT", request.Method);
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal("1:old", body.RootElement.GetProperty("id").GetString());
        Assert.Equal("message", body.RootElement.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Token_FromProvider_IsSentAsBearer()
    {
        var client = Client(new FakeTokenProvider());

        await client.SendToConversationAsync(_server.ServiceUrl, "a:1", Reply("hi"), CancellationToken.None);

        Assert.Equal("Bearer token-1", Assert.Single(_server.Requests).Authorization);
    }

    [Fact]
    public async Task Anonymous_NoToken_SendsNoAuthorizationHeader()
    {
        var client = Client();

        await client.DeleteActivityAsync(_server.ServiceUrl, "a:1", "1:x", CancellationToken.None);

        var request = Assert.Single(_server.Requests);
        Assert.Equal("DELETE", request.Method);
        Assert.Null(request.Authorization);
    }

    [Fact]
    public async Task Unauthorized_RefreshesTheTokenOnceAndRetries()
    {
        _server.Enqueue(401);
        var tokens = new FakeTokenProvider();
        var client = Client(tokens);

        var outcome = await client.SendToConversationAsync(_server.ServiceUrl, "a:1", Reply("hi"), CancellationToken.None);

        Assert.IsType<SendOutcome.Sent>(outcome);
        Assert.Equal(["Bearer token-1", "Bearer token-2"], _server.Requests.Select(r => r.Authorization));
        Assert.Equal([false, true], tokens.Requests);
    }

    [Fact]
    public async Task Unauthorized_Twice_IsFailed()
    {
        _server.Enqueue(401);
        _server.Enqueue(401, """{"error":{"code":"BotNotRegistered","message":"no"}}""");
        var client = Client(new FakeTokenProvider());

        var outcome = await client.SendToConversationAsync(_server.ServiceUrl, "a:1", Reply("hi"), CancellationToken.None);

        Assert.Equal(new SendOutcome.Failed(HttpStatusCode.Unauthorized, "BotNotRegistered"), outcome);
        Assert.Equal(2, _server.Requests.Count);
    }

    [Fact]
    public async Task LoopbackServiceUrl_WhenAuthenticated_IsRefusedWithoutACall()
    {
        var client = Client(new FakeTokenProvider(), appId: "11111111-1111-1111-1111-111111111111");

        var outcome = await client.SendToConversationAsync(_server.ServiceUrl, "a:1", Reply("hi"), CancellationToken.None);

        Assert.Equal(new SendOutcome.Failed(HttpStatusCode.Forbidden, "UntrustedServiceUrl"), outcome);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task CreateConversation_PersonalChat_PostsTheTeamsBodyShape()
    {
        _server.Enqueue(201, """{"id":"a:new-1on1"}""");
        var client = Client();
        var parameters = new ConversationParameters
        {
            IsGroup = false,
            Bot = new ChannelAccount { Id = TestActivities.BotId },
            Members = [new ChannelAccount { Id = TestActivities.UserId }],
            TenantId = TestActivities.TenantId,
        };
        var channelData = new Activity();
        channelData.SetTeamsChannelData(new TeamsChannelData { Tenant = new TenantInfo(TestActivities.TenantId) });
        parameters.ChannelData = channelData.ChannelData;

        var result = await client.CreateConversationAsync(_server.ServiceUrl, parameters, CancellationToken.None);

        Assert.Equal("a:new-1on1", result.Value!.Id);
        var request = Assert.Single(_server.Requests);
        Assert.Equal("/v3/conversations", request.RawTarget);
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal(
            $$$"""{"isGroup":false,"bot":{"id":"{{{TestActivities.BotId}}}"},"members":[{"id":"{{{TestActivities.UserId}}}"}],"channelData":{"tenant":{"id":"{{{TestActivities.TenantId}}}"}},"tenantId":"{{{TestActivities.TenantId}}}"}""",
            JsonSerializer.Serialize(body.RootElement));
    }

    [Fact]
    public async Task GetMembers_ReturnsTeamsAccounts()
    {
        _server.Enqueue(200, """[{"id":"29:a","name":"Alex","aadObjectId":"aad-a","email":"alex@contoso.example","userPrincipalName":"alex@contoso.example"}]""");
        var client = Client();

        var result = await client.GetConversationMembersAsync(_server.ServiceUrl, "a:1", CancellationToken.None);

        var member = Assert.Single(result.Value!);
        Assert.Equal("aad-a", member.AadObjectId);
        Assert.Equal("alex@contoso.example", member.Properties!["email"].GetString());
    }

    [Fact]
    public async Task GetMember_TeamsShape_ReadsEmailUpnNamesTenant_AndObjectIdUnderEitherName()
    {
        _server.Enqueue(200, """{"id":"29:a","name":"Larry Brown","objectId":"9d3e08f9-a7ae-43aa-a4d3-de3f319a8a9c","givenName":"Larry","surname":"Brown","email":"Larry.Brown@fabrikam.example","userPrincipalName":"labrown@fabrikam.example","tenantId":"72f988bf-0000-0000-0000-000000000001","userRole":"user"}""");
        var client = Client();

        var member = (await client.GetConversationMemberAsync(_server.ServiceUrl, "a:1", "29:a", CancellationToken.None)).Value!;

        Assert.Equal(
            ("9d3e08f9-a7ae-43aa-a4d3-de3f319a8a9c", "Larry", "Brown", "Larry.Brown@fabrikam.example", "labrown@fabrikam.example", "72f988bf-0000-0000-0000-000000000001", "user"),
            (member.EntraObjectId, member.GivenName, member.Surname, member.Email, member.UserPrincipalName, member.TenantId, member.UserRole));
    }

    [Fact]
    public async Task GetPagedMembers_SendsPageSizeAndEscapedToken_ReadsMembersAndNextToken()
    {
        _server.Enqueue(200, """{"continuationToken":"next+token/2","members":[{"id":"29:a","aadObjectId":"aad-a","email":"a@contoso.example"}]}""");
        _server.Enqueue(200, """{"members":[]}""");
        var client = Client();

        var first = await client.GetPagedMembersAsync(_server.ServiceUrl, "19:team@thread.tacv2", 100, null, CancellationToken.None);
        var last = await client.GetPagedMembersAsync(_server.ServiceUrl, "19:team@thread.tacv2", null, first.Value!.ContinuationToken, CancellationToken.None);

        Assert.Equal("a@contoso.example", Assert.Single(first.Value.Members!).Email);
        Assert.Null(last.Value!.ContinuationToken);
        Assert.Equal(
            ["/v3/conversations/19%3Ateam%40thread.tacv2/pagedmembers?pageSize=100",
             "/v3/conversations/19%3Ateam%40thread.tacv2/pagedmembers?continuationToken=next%2Btoken%2F2"],
            _server.Requests.Select(r => r.RawTarget));
    }

    [Fact]
    public async Task GetPagedMembers_BadToken403_IsFailedWithTheTeamsCode()
    {
        _server.Enqueue(403, """{"error":{"code":"BadArgument","message":"Failed to decrypt members continuationToken"}}""");
        var client = Client();

        var result = await client.GetPagedMembersAsync(_server.ServiceUrl, "19:team@thread.tacv2", null, "stale", CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Equal(new SendOutcome.Failed(HttpStatusCode.Forbidden, "BadArgument"), result.Outcome);
    }

    [Fact]
    public async Task GetMember_Garbage_IsFailedNotAnException()
    {
        _server.Enqueue(200, "<html>proxy error</html>");
        var client = Client();

        var result = await client.GetConversationMemberAsync(_server.ServiceUrl, "a:1", "29:a", CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Equal(new SendOutcome.Failed(HttpStatusCode.BadGateway, "InvalidResponse"), result.Outcome);
    }

    private static Activity Reply(string text) => new() { Type = ActivityTypes.Message, Text = text, Id = "must-not-be-sent", ServiceUrl = "https://ignored.example/" };

    private static ConnectorClient Client(IConnectorTokenProvider? tokens = null, string? appId = null, int maxRetries = 3)
    {
        var services = new ServiceCollection();
        services.AddHttpClient(ConnectorClient.HttpClientName);
        var provider = services.BuildServiceProvider();
        var connectorOptions = new ConnectorOptions
        {
            MaxRetryAttempts = maxRetries,
            BaseDelay = TimeSpan.FromMilliseconds(10),
            MaxDelay = TimeSpan.FromSeconds(5),
        };
        return new ConnectorClient(
            provider.GetRequiredService<IHttpClientFactory>(),
            tokens ?? new NoToken(),
            new TrustedServiceUrls(Options.Create(new BotFrameworkOptions { MicrosoftAppId = appId })),
            new ConnectorRetryPipeline(Options.Create(connectorOptions), TimeProvider.System),
            NullLogger<ConnectorClient>.Instance);
    }

    private sealed class NoToken : IConnectorTokenProvider
    {
        public ValueTask<string?> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken) => ValueTask.FromResult<string?>(null);
    }

    private sealed class FakeTokenProvider : IConnectorTokenProvider
    {
        private int _issued;

        public List<bool> Requests { get; } = [];

        public ValueTask<string?> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken)
        {
            Requests.Add(forceRefresh);
            if (forceRefresh || _issued == 0)
            {
                _issued++;
            }

            return ValueTask.FromResult<string?>($"token-{_issued}");
        }
    }
}
