using Azure.Core;
using MentorBot.Bot.Calendar;
using MentorBot.Bot.Hosting;
using MentorBot.Bot.Proactive;
using MentorBot.Bot.Tests.Proactive;
using MentorBot.Core.CheckIns;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Kiota.Abstractions.Authentication;

namespace MentorBot.Bot.Tests.Calendar;

public sealed class GraphCalendarTests : IAsyncLifetime
{
    private const string Organizer = "mentorbot@contoso.example";

    private static readonly DateTimeOffset Start = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    private readonly List<IHost> _hosts = [];
    private LoopbackGraph _graph = null!;

    public async Task InitializeAsync() => _graph = await LoopbackGraph.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            host.Dispose();
        }

        await _graph.DisposeAsync();
    }

    [Fact]
    public async Task CreateAsync_Configured_PostsATeamsMeetingForBothAndKeepsTheJoinUrl()
    {
        var calendar = Calendar(Configured());

        var outcome = await calendar.CreateAsync(Details(), CancellationToken.None);

        var scheduled = Assert.IsType<CalendarOutcome.Scheduled>(outcome);
        Assert.Equal(LoopbackGraph.JoinUrl, scheduled.Meeting.JoinUrl);
        Assert.Equal("AAMkAGI1-event-1", scheduled.Meeting.CalendarEventId);
        var request = Assert.Single(_graph.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal($"/v1.0/users/{Organizer}/events", request.Path);
        Assert.Equal("Bearer graph-test-token", request.Authorization);
        var body = request.Body!.Value;
        Assert.True(body.GetProperty("isOnlineMeeting").GetBoolean());
        Assert.Equal("teamsForBusiness", body.GetProperty("onlineMeetingProvider").GetString());
        Assert.Equal("2026-11-24T09:00:00", body.GetProperty("start").GetProperty("dateTime").GetString());
        Assert.Equal("UTC", body.GetProperty("start").GetProperty("timeZone").GetString());
        Assert.Equal("2026-11-24T09:30:00", body.GetProperty("end").GetProperty("dateTime").GetString());
        Assert.Equal(
            ["alex@contoso.example", "pat@contoso.example"],
            body.GetProperty("attendees").EnumerateArray().Select(a => a.GetProperty("emailAddress").GetProperty("address").GetString()).Order());
        Assert.All(body.GetProperty("attendees").EnumerateArray(), a => Assert.Equal("required", a.GetProperty("type").GetString()));
        Assert.True(Guid.TryParse(body.GetProperty("transactionId").GetString(), out _));
        Assert.Equal("html", body.GetProperty("body").GetProperty("contentType").GetString(), ignoreCase: true);
        Assert.Contains("&lt;b&gt;Budgets&lt;/b&gt; &amp; agencies", body.GetProperty("body").GetProperty("content").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_Twice_SameTransactionIdSoGraphKeepsOneEvent()
    {
        var calendar = Calendar(Configured());

        await calendar.CreateAsync(Details(), CancellationToken.None);
        await calendar.CreateAsync(Details(), CancellationToken.None);

        Assert.Single(_graph.Requests.Select(r => r.Body!.Value.GetProperty("transactionId").GetString()).Distinct());
    }

    [Fact]
    public async Task UpdateAsync_Rescheduled_PatchesTheEventWithTheNewTime()
    {
        var calendar = Calendar(Configured());
        var details = Details();
        var moved = details.CheckIn.Reschedule(new TimeSlot(Start.AddDays(1), Start.AddDays(1).AddMinutes(30))).Unwrap();

        var outcome = await calendar.UpdateAsync(details with { CheckIn = moved }, CancellationToken.None);

        Assert.IsType<CalendarOutcome.Scheduled>(outcome);
        var request = Assert.Single(_graph.Requests);
        Assert.Equal("PATCH", request.Method);
        Assert.Equal($"/v1.0/users/{Organizer}/events/event-7", request.Path);
        Assert.Equal("2026-11-25T09:00:00", request.Body!.Value.GetProperty("start").GetProperty("dateTime").GetString());
    }

    [Fact]
    public async Task CancelAsync_Skipped_PostsCancelToTheEvent()
    {
        var calendar = Calendar(Configured());
        var details = Details();

        var outcome = await calendar.CancelAsync(details with { CheckIn = details.CheckIn.Skip(Start).Unwrap() }, CancellationToken.None);

        Assert.IsType<CalendarOutcome.Cancelled>(outcome);
        var request = Assert.Single(_graph.Requests);
        Assert.Equal(("POST", $"/v1.0/users/{Organizer}/events/event-7/cancel"), (request.Method, request.Path));
    }

    [Fact]
    public async Task CreateAsync_GraphRefuses_RejectedWithoutRetry()
    {
        var calendar = Calendar(Configured());
        _graph.ForceStatus = 403;

        var outcome = await calendar.CreateAsync(Details(), CancellationToken.None);

        Assert.Equal(new CalendarOutcome.Failed(CalendarFailure.Rejected), outcome);
        Assert.Single(_graph.Requests);
    }

    [Fact]
    public async Task CreateAsync_GraphThrottles_SdkRetriesThenUnavailableWithRetryAfter()
    {
        var calendar = Calendar(Configured());
        _graph.ForceStatus = 429;
        _graph.RetryAfterSeconds = 0;

        var outcome = await calendar.CreateAsync(Details(), CancellationToken.None);

        Assert.Equal(new CalendarOutcome.Failed(CalendarFailure.Unavailable, TimeSpan.Zero), outcome);
        Assert.True(_graph.Requests.Count > 1, "the Graph SDK's retry handler should have retried the POST");
        Assert.Single(_graph.Requests.Select(r => r.Body!.Value.GetProperty("transactionId").GetString()).Distinct());
    }

    [Fact]
    public async Task CreateAsync_JuniorHasNoEmail_FailsWithoutCallingGraph()
    {
        var calendar = Calendar(Configured());
        var details = Details();

        var outcome = await calendar.CreateAsync(details with { Junior = details.Junior with { Email = null } }, CancellationToken.None);

        Assert.Equal(new CalendarOutcome.Failed(CalendarFailure.MissingEmail), outcome);
        Assert.Empty(_graph.Requests);
    }

    [Fact]
    public async Task CreateAsync_GraphNotConfigured_IcsOnlyAndNothingCalled()
    {
        var calendar = Calendar(new Dictionary<string, string?> { ["Graph:BaseUrl"] = _graph.BaseUrl.ToString() });

        var outcome = await calendar.CreateAsync(Details(), CancellationToken.None);

        Assert.IsType<IcsOnlyCalendar>(calendar);
        Assert.IsType<CalendarOutcome.NotConfigured>(outcome);
        Assert.Empty(_graph.Requests);
    }

    [Fact]
    public void Resolve_GraphPartlyConfigured_FailsNamingWhatIsMissing()
    {
        var settings = Configured();
        settings.Remove("Graph:OrganizerUserId");

        var exception = Assert.Throws<OptionsValidationException>(() => Calendar(settings));

        Assert.Contains("OrganizerUserId", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAuthorizationTokenAsync_HostOtherThanGraph_NoToken()
    {
        var provider = new GraphAccessTokenProvider(new StaticCredential(), _graph.BaseUrl);

        var forGraph = await provider.GetAuthorizationTokenAsync(new Uri(_graph.BaseUrl, "/v1.0/users"));
        var elsewhere = await provider.GetAuthorizationTokenAsync(new Uri("https://attacker.example/v1.0/users"));

        Assert.Equal("graph-test-token", forGraph);
        Assert.Empty(elsewhere);
    }

    private static CheckInDetails Details()
    {
        var pat = NudgeTestData.Person("pat", "Pat Morgan", "Europe/Stockholm");
        var alex = NudgeTestData.Person("alex", "Alex Kim", "Europe/London");
        var pair = NudgeTestData.Pair("m1", pat, alex, Start, new AgendaTopic(pat.Id, "<b>Budgets</b> & agencies", Start.AddDays(-1)));
        var checkIn = pair.Pair.CheckIns[0] with { Meeting = pair.Pair.CheckIns[0].Meeting! with { CalendarEventId = "event-7", JoinUrl = null } };
        return new CheckInDetails(checkIn, pair.Pair.Mentorship, pat, alex);
    }

    private Dictionary<string, string?> Configured() => new()
    {
        ["Graph:TenantId"] = "00000000-0000-0000-0000-000000000001",
        ["Graph:ClientId"] = "00000000-0000-0000-0000-000000000002",
        ["Graph:ClientSecret"] = "not-a-real-secret",
        ["Graph:OrganizerUserId"] = Organizer,
        ["Graph:BaseUrl"] = _graph.BaseUrl.ToString(),
    };

    private ICalendar Calendar(Dictionary<string, string?> settings)
    {
        // The product's composition (built, not started), with the real token provider on a credential that never calls Entra.
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Development });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(settings) { ["MicrosoftAppId"] = string.Empty });
        builder.AddMentorBotProduct();
        builder.Services.Replace(ServiceDescriptor.Singleton<IAccessTokenProvider>(new GraphAccessTokenProvider(new StaticCredential(), _graph.BaseUrl)));
        var host = builder.Build();
        _hosts.Add(host);
        return host.Services.GetRequiredService<ICalendar>();
    }

    private sealed class StaticCredential : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new("graph-test-token", DateTimeOffset.UtcNow.AddHours(1));

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
