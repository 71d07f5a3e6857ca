using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using MentorBot.Bot.Hosting;
using MentorBot.Bot.Proactive;
using MentorBot.Bot.Protocol.Connector;
using MentorBot.Bot.Protocol.Schema;
using MentorBot.Bot.Tests.Protocol.Fakes;
using MentorBot.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MentorBot.Bot.Tests.Protocol;

/// <summary>POST /api/messages through the real host (WebApplicationFactory), replies caught by a loopback Connector.</summary>
public sealed class BotEndpointTests : IClassFixture<WebApplicationFactory<Program>>, IAsyncLifetime
{
    private readonly WebApplicationFactory<Program> _factory;
    private LoopbackConnector _connector = null!;

    public BotEndpointTests(WebApplicationFactory<Program> factory) =>
        _factory = factory.WithWebHostBuilder(builder => builder.ConfigureAppConfiguration((_, configuration) =>
            configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["MicrosoftAppId"] = string.Empty,
                ["Bot:MaxRequestBodyBytes"] = "4096",
            })));

    public async Task InitializeAsync() => _connector = await LoopbackConnector.StartAsync();

    public async Task DisposeAsync() => await _connector.DisposeAsync();

    [Fact]
    public async Task Message_Anonymous_Answers200AndTheReplyReachesTheConnector()
    {
        using var client = _factory.CreateClient();
        var activity = TestActivities.Message("hello", _connector.ServiceUrl);

        using var response = await client.PostAsync("/api/messages", Json(activity));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        var reply = await _connector.WaitForRequestAsync(r => r.Method == "POST");
        Assert.Equal($"/v3/conversations/{Uri.EscapeDataString(TestActivities.PersonalConversationId)}/activities/1668428301772", reply.RawTarget);
        using var body = JsonDocument.Parse(reply.Body);
        Assert.Contains("Hi Alex, welcome to MentorBot", reply.Body, StringComparison.Ordinal);
        Assert.Equal(TestActivities.BotId, body.RootElement.GetProperty("from").GetProperty("id").GetString());
        Assert.Null(reply.Authorization);
    }

    [Fact]
    public async Task ProactiveSend_AfterFirstContact_ReachesThePersonsOneOnOne()
    {
        using var client = _factory.CreateClient();
        using var first = await client.PostAsync("/api/messages", Json(TestActivities.Message("hello", _connector.ServiceUrl)));
        var messenger = _factory.Services.GetRequiredService<ProactiveMessenger>();

        var outcome = await messenger.SendAsync(
            new PersonKey(TestActivities.UserAadObjectId),
            new Activity { Type = ActivityTypes.Message, Text = "Your check-in starts in 15 minutes" },
            CancellationToken.None);

        Assert.IsType<SendOutcome.Sent>(outcome);
        var proactive = await _connector.WaitForRequestAsync(r => r.Body.Contains("check-in", StringComparison.Ordinal));
        Assert.Equal($"/v3/conversations/{Uri.EscapeDataString(TestActivities.PersonalConversationId)}/activities", proactive.RawTarget);
    }

    [Fact]
    public async Task Install_Anonymous_SendsTheWelcome()
    {
        using var client = _factory.CreateClient();
        var activity = TestActivities.Load("installation-update-add");
        activity.ServiceUrl = _connector.ServiceUrl;

        using var response = await client.PostAsync("/api/messages", Json(activity));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var welcome = await _connector.WaitForRequestAsync(r => r.Method == "POST");
        // The recorded install comes from a Swedish Teams client (locale sv-SE), so the welcome is in Swedish (0380).
        Assert.Contains("Välkommen till MentorBot", System.Text.RegularExpressions.Regex.Unescape(welcome.Body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CardAction_VerbFromAnOldRelease_Answers200WithAFriendlyCard()
    {
        using var client = _factory.CreateClient();
        var activity = TestActivities.Load("invoke-adaptive-card-action");
        activity.ServiceUrl = _connector.ServiceUrl;

        using var response = await client.PostAsync("/api/messages", Json(activity));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("application/vnd.microsoft.card.adaptive", body.RootElement.GetProperty("type").GetString());
        Assert.Contains("out of date", body.RootElement.GetProperty("value").GetRawText(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task CardAction_MalformedValue_Answers200WithAnErrorBody()
    {
        using var client = _factory.CreateClient();
        var activity = TestActivities.Load("invoke-adaptive-card-action");
        activity.ServiceUrl = _connector.ServiceUrl;
        activity.Value = JsonDocument.Parse("[1,2,3]").RootElement.Clone();

        using var response = await client.PostAsync("/api/messages", Json(activity));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("application/vnd.microsoft.error", body.RootElement.GetProperty("type").GetString());
    }

    [Fact]
    public async Task UnknownActivityType_Answers200()
    {
        using var client = _factory.CreateClient();

        using var response = await client.PostAsync("/api/messages", Json("""{"type":"somethingNew","serviceUrl":"http://127.0.0.1:9/","conversation":{"id":"c1"}}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("{\"type\":\"message\",", "application/json", 400)]
    [InlineData("[]", "application/json", 400)]
    [InlineData("{\"text\":\"no type\"}", "application/json", 400)]
    [InlineData("{\"type\":\"\"}", "application/json", 400)]
    [InlineData("{\"type\":\"message\",\"text\":\"no conversation\"}", "application/json", 400)]
    [InlineData("{\"type\":\"message\",\"conversation\":{\"id\":\" \"}}", "application/json", 400)]
    [InlineData("{\"type\":\"message\",\"timestamp\":\"not a date\"}", "application/json", 400)]
    [InlineData("{\"type\":\"message\"}", "text/plain", 415)]
    [InlineData("{\"type\":\"message\"}", null, 415)]
    public async Task ClientMistake_AnsweredWithProblemDetails(string body, string? contentType, int status)
    {
        using var client = _factory.CreateClient();
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        if (contentType is not null)
        {
            content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }

        using var response = await client.PostAsync("/api/messages", content);

        await AssertProblemAsync(response, status);
    }

    [Fact]
    public async Task Oversize_Answers413()
    {
        using var client = _factory.CreateClient();
        var activity = TestActivities.Message(new string('x', 5000), _connector.ServiceUrl);

        using var response = await client.PostAsync("/api/messages", Json(activity));

        await AssertProblemAsync(response, 413);
        Assert.Empty(_connector.Requests);
    }

    [Fact]
    public async Task Oversize_ChunkedWithoutLength_Answers413()
    {
        using var client = _factory.CreateClient();
        using var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes($$"""{"type":"message","text":"{{new string('x', 5000)}}"}""")));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Headers.ContentLength = null;

        using var response = await client.PostAsync("/api/messages", content);

        await AssertProblemAsync(response, 413);
    }

    [Fact]
    public async Task Get_Answers405QuicklyForThePlaygroundProbe()
    {
        using var client = _factory.CreateClient();

        using var response = await client.GetAsync("/api/messages");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("POST", response.Content.Headers.Allow);
    }

    [Fact]
    public async Task Healthz_Answers200()
    {
        using var client = _factory.CreateClient();

        using var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AppIdConfigured_NoAuthorizationHeader_Answers401WithoutDetails()
    {
        using var factory = _factory.WithWebHostBuilder(builder => builder.ConfigureAppConfiguration((_, configuration) =>
            configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["MicrosoftAppId"] = "11111111-1111-1111-1111-111111111111",
                ["MicrosoftAppPassword"] = "not-a-real-secret",
                ["Bot:TenantMode"] = "Isolated",
            })));
        using var client = factory.CreateClient();

        using var response = await client.PostAsync("/api/messages", Json(TestActivities.Message("hi", _connector.ServiceUrl)));

        await AssertProblemAsync(response, 401);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.DoesNotContain("Token", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(_connector.Requests);
    }

    private static StringContent Json(Activity activity) =>
        Json(JsonSerializer.Serialize(activity, ProtocolJsonContext.Default.Activity));

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task AssertProblemAsync(HttpResponseMessage response, int status)
    {
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(status, problem.RootElement.GetProperty("status").GetInt32());
    }
}
