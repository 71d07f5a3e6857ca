using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MentorBot.Bot.Cards.Actions;
using MentorBot.Bot.Flows;
using MentorBot.Bot.Protocol.Schema;
using MentorBot.Bot.Storage;
using MentorBot.Bot.Storage.InMemory;
using MentorBot.Bot.Tests.Protocol.Fakes;
using MentorBot.Testing;
using MentorBot.Core.Profiles;
using MentorBot.Core.Requests;
using MentorBot.Core.Skills;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using static MentorBot.Bot.Tests.Flows.Cast;
using MentorBot.Bot.Turns;

namespace MentorBot.Bot.Tests.Flows;

/// <summary>
/// The flows through the real host: POST /api/messages anonymously (as the Agents Playground does), replies and
/// proactive messages caught by a loopback Connector. The senior is a Playground user, whose ids are not GUIDs.
/// </summary>
public sealed class FlowEndpointTests : IClassFixture<WebApplicationFactory<Program>>, IAsyncLifetime
{

    private readonly WebApplicationFactory<Program> _factory;
    private LoopbackConnector _connector = null!;
    private PlaygroundActivities? _activities;

    private PlaygroundActivities Activities => _activities ??= new(() => _connector.ServiceUrl);

    public FlowEndpointTests(WebApplicationFactory<Program> factory) =>
        _factory = factory.WithWebHostBuilder(builder =>
        {
            builder.ConfigureAppConfiguration((_, configuration) =>
                configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["MicrosoftAppId"] = string.Empty }));
            builder.ConfigureTestServices(services =>
                services.Replace(ServiceDescriptor.Singleton<ITableEngine>(sp => new InMemoryTableEngine("endpoint", TimeProvider.System))));
        });

    public async Task InitializeAsync() => _connector = await LoopbackConnector.StartAsync();

    public async Task DisposeAsync() => await _connector.DisposeAsync();

    [Fact]
    public async Task InstallAndConversationUpdateTogether_WelcomeIsSentOnce()
    {
        using var client = _factory.CreateClient();

        var answers = await Task.WhenAll(
            client.PostAsync("/api/messages", Json(Activities.FromPlayground(ActivityTypes.InstallationUpdate, a => a.Action = InstallationUpdateActions.Add))),
            client.PostAsync("/api/messages", Json(Activities.FromPlayground(ActivityTypes.ConversationUpdate, a => a.MembersAdded = [a.From!, a.Recipient!]))));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        await _connector.WaitForRequestAsync(r => r.Body.Contains("welcome to MentorBot", StringComparison.Ordinal));
        await Task.Delay(200);
        Assert.Single(_connector.Requests, r => r.Body.Contains("welcome to MentorBot", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PlaygroundSenior_OnboardsAsksAndLetsMentorBotChoose_TheJuniorGetsTheOffer()
    {
        using var client = _factory.CreateClient();
        var profiles = _factory.Services.GetRequiredService<IProfileStore>();
        await profiles.InsertAsync(Junior(Jo, SkillLevel.Expert, "Marketing"), CancellationToken.None);
        await PostAsync(client, Activities.Message("hi", Jo.TeamsId, Jo.Id.AadObjectId, Jo.ConversationId));

        var started = await PostAsync(client, Activities.FromPlayground(ActivityTypes.Invoke, PlaygroundActivities.Execute(CardVerbs.SetUpProfile, new JsonObject())));
        await _connector.WaitForRequestAsync(r => r.Body.Contains(CardVerbs.SaveProfile, StringComparison.Ordinal));
        await PostAsync(client, Activities.FromPlayground(ActivityTypes.Invoke, PlaygroundActivities.Execute(CardVerbs.SaveProfile, JsonSerializer.SerializeToNode(FlowScriptTests.ProfileForm)!.AsObject())));
        await _connector.WaitForRequestAsync(r => r.Body.Contains("your profile is saved", StringComparison.Ordinal));
        await PostAsync(client, Activities.FromPlayground(ActivityTypes.Message, a => a.Text = "I need help with Power BI"));
        await _connector.WaitForRequestAsync(r => r.Body.Contains(CardVerbs.AskForHelp, StringComparison.Ordinal));
        await PostAsync(client, Activities.FromPlayground(ActivityTypes.Invoke, PlaygroundActivities.Execute(CardVerbs.AskForHelp, JsonSerializer.SerializeToNode(FlowScriptTests.PowerBiAsk)!.AsObject())));
        await _connector.WaitForRequestAsync(r => r.Body.Contains("Colleagues who could help with Power BI", StringComparison.Ordinal));
        var senior = TurnPerson.UserIdOf(new ChannelAccount { Id = PlaygroundActivities.UserId, AadObjectId = PlaygroundActivities.AadObjectId })!.Value;
        var request = (await _factory.Services.GetRequiredService<IRequestStore>().ListBySeniorAsync(senior, CancellationToken.None)).Single();
        var chosen = await PostAsync(client, Activities.FromPlayground(ActivityTypes.Invoke, PlaygroundActivities.Execute(CardVerbs.LetMentorBotChoose, new JsonObject { ["requestId"] = request.Id.Value, ["version"] = 0 })));

        Assert.Equal("application/vnd.microsoft.activity.message", JsonDocument.Parse(started).RootElement.GetProperty("type").GetString());
        Assert.Contains("I\\u0027ve asked Jo Junior", chosen, StringComparison.Ordinal);
        var offer = await _connector.WaitForRequestAsync(r => r.Body.Contains("would like to learn from you", StringComparison.Ordinal));
        Assert.Equal($"/v3/conversations/{Uri.EscapeDataString(Jo.ConversationId)}/activities", offer.RawTarget);
    }

    private static async Task<string> PostAsync(HttpClient client, Activity activity)
    {
        using var response = await client.PostAsync("/api/messages", Json(activity));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static StringContent Json(Activity activity) =>
        new(JsonSerializer.Serialize(activity, ProtocolJsonContext.Default.Activity), Encoding.UTF8, "application/json");
}
