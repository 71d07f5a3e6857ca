using System.Net;
using System.Text;
using System.Text.Json;
using MentorBot.Bot.Middleware;
using MentorBot.Bot.Proactive;
using MentorBot.Bot.Protocol.Schema;
using MentorBot.Bot.Storage;
using MentorBot.Bot.Storage.InMemory;
using MentorBot.Bot.Tests.Protocol.Authentication;
using MentorBot.Core.Profiles;
using MentorBot.Core.Skills;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using static MentorBot.Bot.Tests.Flows.Cast;

namespace MentorBot.Bot.Tests.Roster;

/// <summary>
/// The Teams roster through the real host (decision 0360): activities POSTed to <c>/api/messages</c> anonymously, the
/// Connector a loopback stub that serves the members routes. A person's first turn fills their profile's e-mail and
/// UPN; an install in a team pages through the roster; a roster that answers 403, 404 or not at all costs one log line
/// without personal data, and the turn still answers.
/// </summary>
public sealed class RosterFlowTests : IClassFixture<WebApplicationFactory<Program>>, IAsyncLifetime
{
    private const string TeamId = "19:team-general@thread.tacv2";
    private const string ChannelId = "19:team-announcements@thread.tacv2";

    private readonly WebApplicationFactory<Program> _factory;
    private readonly CapturingLoggerProvider _logs = new();
    private LoopbackRoster _roster = null!;
    private int _nextId;

    public RosterFlowTests(WebApplicationFactory<Program> factory) =>
        _factory = factory.WithWebHostBuilder(builder =>
        {
            builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["MicrosoftAppId"] = string.Empty,
                ["Roster:LookupTimeout"] = "00:00:00.500",
            }));
            builder.ConfigureLogging(logging => logging.AddProvider(_logs).SetMinimumLevel(LogLevel.Debug));
            builder.ConfigureTestServices(services =>
                services.Replace(ServiceDescriptor.Singleton<ITableEngine>(sp => new InMemoryTableEngine("roster", TimeProvider.System))));
        });

    private IProfileStore Profiles => _factory.Services.GetRequiredService<IProfileStore>();

    public async Task InitializeAsync() => _roster = await LoopbackRoster.StartAsync();

    public async Task DisposeAsync() => await _roster.DisposeAsync();

    [Fact]
    public async Task FirstTurn_ChatOnlyProfile_RosterEmailAndUpnStored_ValuesNeverLogged()
    {
        using var client = _factory.CreateClient();
        await Profiles.InsertAsync(Junior(Jo, SkillLevel.Expert, "Marketing"), CancellationToken.None);
        _roster.Add(Jo.TeamsId, Jo.Id.AadObjectId, Jo.Name, "jo.junior@mail.contoso.example", "jjunior@contoso.example");

        await PostAsync(client, Message(Jo, "hi"));

        var stored = (await Profiles.GetAsync(Jo.Id, CancellationToken.None))!.Value;
        Assert.Equal("jo.junior@mail.contoso.example", stored.Email);
        Assert.Equal("jjunior@contoso.example", stored.Directory?.UserPrincipalName);
        Assert.Contains($"/v3/conversations/{Uri.EscapeDataString(Jo.ConversationId)}/members/{Uri.EscapeDataString(Jo.TeamsId)}", _roster.Requests);
        Assert.Contains(_roster.Sent, s => s.Path.StartsWith($"/v3/conversations/{Uri.EscapeDataString(Jo.ConversationId)}/activities", StringComparison.Ordinal));
        Assert.DoesNotContain(_logs.Entries, e => e.Message.Contains("contoso.example", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task SecondTurn_WithinAWeek_RosterNotAskedAgain()
    {
        using var client = _factory.CreateClient();
        await Profiles.InsertAsync(Junior(Kim, SkillLevel.Expert, "Data"), CancellationToken.None);
        _roster.Add(Kim.TeamsId, Kim.Id.AadObjectId, Kim.Name, "kim@mail.contoso.example", "kim@contoso.example");

        await PostAsync(client, Message(Kim, "hi"));
        await PostAsync(client, Message(Kim, "help"));

        Assert.Single(_roster.Requests, r => r.Contains("/members/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NoProfileYet_NothingStored_ThenTheTurnThatCreatesItFillsTheEmail()
    {
        using var client = _factory.CreateClient();
        var newcomer = Flows.Person.Create("Noor Newcomer", 41);
        _roster.Add(newcomer.TeamsId, newcomer.Id.AadObjectId, newcomer.Name, "noor@mail.contoso.example", "noor@contoso.example");

        await PostAsync(client, Message(newcomer, "hi"));
        Assert.Null(await Profiles.GetAsync(newcomer.Id, CancellationToken.None));

        await Profiles.InsertAsync(Junior(newcomer, SkillLevel.Working, "Sales") with { Email = null }, CancellationToken.None);
        await PostAsync(client, Message(newcomer, "help"));

        Assert.Equal("noor@mail.contoso.example", (await Profiles.GetAsync(newcomer.Id, CancellationToken.None))!.Value.Email);
    }

    public static TheoryData<int, string, string> Refusals => new()
    {
        { 403, "BotNotInConversationRoster", "status 403" },
        { 403, "NotEnoughPermissions", "status 403" },
        { 404, "MemberNotFoundInConversation", "NotFound" },
        { 400, "MemberNotFoundInConversation", "NotFound" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task RosterRefuses_TurnStillAnswers_OneLogLineWithoutPersonalData(int status, string code, string expected)
    {
        using var client = _factory.CreateClient();
        await Profiles.InsertAsync(Junior(Lee, SkillLevel.Expert, "Finance") with { Email = "lee@import.contoso.example" }, CancellationToken.None);
        _roster.MemberFaults[Lee.TeamsId] = new RosterFault(status, code);

        await PostAsync(client, Message(Lee, "help"));

        Assert.Contains(_roster.Sent, s => s.Path.Contains(Uri.EscapeDataString(Lee.ConversationId), StringComparison.Ordinal));
        Assert.Equal("lee@import.contoso.example", (await Profiles.GetAsync(Lee.Id, CancellationToken.None))!.Value.Email);
        var line = Assert.Single(_logs.Entries, e => e.Category == typeof(RosterPersonDirectory).FullName);
        Assert.Equal(LogLevel.Warning, line.Level);
        Assert.Contains(expected, line.Message, StringComparison.Ordinal);
        AssertNamesNobody(line.Message, Lee);
    }

    [Fact]
    public async Task RosterTimesOut_TurnStillAnswersWithinTheBudget_OneLogLine()
    {
        using var client = _factory.CreateClient();
        await Profiles.InsertAsync(Junior(Lee, SkillLevel.Expert, "Finance"), CancellationToken.None);
        _roster.MemberFaults[Lee.TeamsId] = new RosterFault(200, "late", TimeSpan.FromSeconds(20));
        var took = System.Diagnostics.Stopwatch.StartNew();

        await PostAsync(client, Message(Lee, "help"));

        Assert.True(took.Elapsed < TimeSpan.FromSeconds(15), $"The turn waited {took.Elapsed} for the roster.");
        Assert.Contains(_roster.Sent, s => s.Path.Contains(Uri.EscapeDataString(Lee.ConversationId), StringComparison.Ordinal));
        var line = Assert.Single(_logs.Entries, e => e.Category == typeof(RosterPersonDirectory).FullName);
        Assert.Contains("Timeout", line.Message, StringComparison.Ordinal);
        AssertNamesNobody(line.Message, Lee);
    }

    [Fact]
    public async Task RosterFailed_NextTurnSoonAfter_DoesNotAskAgain()
    {
        using var client = _factory.CreateClient();
        await Profiles.InsertAsync(Junior(Lee, SkillLevel.Expert, "Finance"), CancellationToken.None);
        _roster.MemberFaults[Lee.TeamsId] = new RosterFault(403, "BotNotInConversationRoster");

        await PostAsync(client, Message(Lee, "help"));
        await PostAsync(client, Message(Lee, "help"));

        Assert.Single(_roster.Requests, r => r.Contains("/members/", StringComparison.Ordinal));
        Assert.Single(_logs.Entries, e => e.Category == typeof(RosterPersonDirectory).FullName);
    }

    [Fact]
    public async Task InstalledInTeam_RosterPagedThrough_KnownProfilesUpdated_StrangersNotStored_GreetedOnce()
    {
        using var client = _factory.CreateClient();
        await Profiles.InsertAsync(Junior(Jo, SkillLevel.Expert, "Marketing"), CancellationToken.None);
        await Profiles.InsertAsync(Junior(Kim, SkillLevel.Expert, "Data") with { Participation = Participation.Invited }, CancellationToken.None);
        _roster.Add(Jo.TeamsId, Jo.Id.AadObjectId, Jo.Name, "jo@mail.contoso.example", "jo@contoso.example");
        _roster.Add(Kim.TeamsId, Kim.Id.AadObjectId, Kim.Name, "kim@mail.contoso.example", "kim@contoso.example");
        var stranger = Flows.Person.Create("Sol Stranger", 42);
        _roster.Add(stranger.TeamsId, stranger.Id.AadObjectId, stranger.Name, "sol@mail.contoso.example", "sol@contoso.example");
        _roster.Add("29:zz-guest", "not-a-guid", "Guest", null, null);
        _roster.PageSize = 1;

        // Teams sends both, concurrently, when the app is added to a team.
        await Task.WhenAll(
            PostAsync(client, TeamActivity(ActivityTypes.InstallationUpdate, a => a.Action = InstallationUpdateActions.Add)),
            PostAsync(client, TeamActivity(ActivityTypes.ConversationUpdate, a => a.MembersAdded = [new ChannelAccount { Id = "28:mentorbot" }])));

        Assert.Equal("jo@mail.contoso.example", (await Profiles.GetAsync(Jo.Id, CancellationToken.None))!.Value.Email);
        var kim = (await Profiles.GetAsync(Kim.Id, CancellationToken.None))!.Value;
        Assert.Equal("kim@mail.contoso.example", kim.Email);
        Assert.Equal(Participation.Invited, kim.Participation);
        Assert.Null(await Profiles.GetAsync(stranger.Id, CancellationToken.None));
        var pages = _roster.Requests.Where(r => r.Contains("/pagedmembers", StringComparison.Ordinal)).ToList();
        Assert.All(pages, p => Assert.StartsWith($"/v3/conversations/{Uri.EscapeDataString(TeamId)}/pagedmembers?pageSize=200", p, StringComparison.Ordinal));
        Assert.Contains(pages, p => p.EndsWith("continuationToken=page-3", StringComparison.Ordinal));
        var greeting = Assert.Single(_roster.Sent, s => s.Activity["text"]?.GetValue<string>()?.Contains("I'm MentorBot", StringComparison.Ordinal) == true);
        Assert.Contains(Uri.EscapeDataString(ChannelId), greeting.Path, StringComparison.Ordinal);
        Assert.Null(greeting.Activity["attachments"]);
        Assert.DoesNotContain(_logs.Entries, e => e.Message.Contains("contoso.example", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task InstalledInTeam_SecondPageRefused_FirstPageKept_OneLogLine_TurnAnswers()
    {
        using var client = _factory.CreateClient();
        await Profiles.InsertAsync(Junior(Jo, SkillLevel.Expert, "Marketing"), CancellationToken.None);
        await Profiles.InsertAsync(Junior(Kim, SkillLevel.Expert, "Data"), CancellationToken.None);
        _roster.Add(Jo.TeamsId, Jo.Id.AadObjectId, Jo.Name, "jo@mail.contoso.example", "jo@contoso.example");
        _roster.Add(Kim.TeamsId, Kim.Id.AadObjectId, Kim.Name, "kim@mail.contoso.example", "kim@contoso.example");
        _roster.PageSize = 1;
        _roster.PageFaults[1] = new RosterFault(403, "BadArgument");

        await PostAsync(client, TeamActivity(ActivityTypes.InstallationUpdate, a => a.Action = InstallationUpdateActions.Add));

        Assert.Equal("jo@mail.contoso.example", (await Profiles.GetAsync(Jo.Id, CancellationToken.None))!.Value.Email);
        Assert.Null((await Profiles.GetAsync(Kim.Id, CancellationToken.None))!.Value.Email);
        var line = Assert.Single(_logs.Entries, e => e.Category == typeof(RosterMiddleware).FullName && e.Level == LogLevel.Warning);
        Assert.Contains("status 403", line.Message, StringComparison.Ordinal);
        Assert.Single(_roster.Sent, s => s.Activity["text"]?.GetValue<string>()?.Contains("I'm MentorBot", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task SomeoneElseJoinsTheTeam_NoGreetingAndNoRosterRead()
    {
        using var client = _factory.CreateClient();

        await PostAsync(client, TeamActivity(ActivityTypes.ConversationUpdate, a => a.MembersAdded = [new ChannelAccount { Id = "29:someone-new" }]));

        Assert.Empty(_roster.Sent);
        Assert.DoesNotContain(_roster.Requests, r => r.Contains("/pagedmembers", StringComparison.Ordinal));
    }

    private static void AssertNamesNobody(string message, Flows.Person person)
    {
        Assert.DoesNotContain(person.TeamsId, message, StringComparison.Ordinal);
        Assert.DoesNotContain(person.Id.AadObjectId, message, StringComparison.Ordinal);
        Assert.DoesNotContain(person.ConversationId, message, StringComparison.Ordinal);
        Assert.DoesNotContain("@", message, StringComparison.Ordinal);
    }

    private Activity Message(Flows.Person person, string? text) => new()
    {
        Type = ActivityTypes.Message,
        Id = $"activity-{Interlocked.Increment(ref _nextId)}",
        ChannelId = "msteams",
        ServiceUrl = _roster.ServiceUrl,
        From = new ChannelAccount { Id = person.TeamsId, AadObjectId = person.Id.AadObjectId, Name = person.Name },
        Recipient = new ChannelAccount { Id = "28:mentorbot", Name = "MentorBot" },
        Conversation = new ConversationAccount { Id = person.ConversationId, ConversationType = "personal", TenantId = "tenant-1" },
        Locale = "en-GB",
        Text = text,
    };

    private Activity TeamActivity(string type, Action<Activity> shape)
    {
        var activity = Message(Jo, null);
        activity.Type = type;
        activity.Text = null;
        activity.Conversation = new ConversationAccount { Id = ChannelId, ConversationType = "channel", IsGroup = true, TenantId = "tenant-1" };
        activity.SetTeamsChannelData(new TeamsChannelData { Team = new TeamInfo(TeamId, "Contoso People"), Tenant = new TenantInfo("tenant-1") });
        shape(activity);
        return activity;
    }

    private static async Task PostAsync(HttpClient client, Activity activity)
    {
        using var response = await client.PostAsync(
            "/api/messages", new StringContent(JsonSerializer.Serialize(activity, ProtocolJsonContext.Default.Activity), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
