using System.Net;
using MentorBot.Bot.Calendar;
using MentorBot.Bot.Proactive;
using MentorBot.Bot.Tests.Proactive;
using MentorBot.Core.CheckIns;
using MentorBot.Core.Nudges;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using MentorBot.Core;
using InMemoryNudgeOutbox = MentorBot.Testing.InMemoryNudgeOutbox;

namespace MentorBot.Bot.Tests.Calendar;

public sealed class CheckInInviteEndpointTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    private readonly TimerClock _clock = new();
    private readonly FakeCheckInReader _checkIns = new();
    private readonly WebApplicationFactory<Program> _factory;

    public CheckInInviteEndpointTests()
    {
        var pat = NudgeTestData.Person("pat", "Pat Morgan", "Europe/Stockholm");
        var alex = NudgeTestData.Person("alex", "Alex Kim", "Europe/London");
        foreach (var id in new[] { "m1", "m2" })
        {
            var pair = NudgeTestData.Pair(id, pat, alex, Start, new AgendaTopic(pat.Id, "Budgets, agencies; and a very long topic that has to be folded over more than one line", Start));
            _checkIns.Put(new CheckInDetails(pair.Pair.CheckIns[0], pair.Pair.Mentorship, pat, alex));
        }

        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(host =>
        {
            host.UseSetting("Nudges:Enabled", "false");
            host.UseSetting("Calendar:UidDomain", "mentorbot.contoso.example");
            host.ConfigureTestServices(services =>
            {
                services.AddSingleton<TimeProvider>(_clock);
                services.AddSingleton<ICheckInReader>(_checkIns);
                services.AddSingleton<INudgeOutbox>(new InMemoryNudgeOutbox());
                services.AddSingleton<INudgeContextSource>(new FakeNudgeContextSource());
                services.AddSingleton<INudgePreferencesStore>(new InMemoryNudgePreferencesStore());
                services.AddDataProtection().UseEphemeralDataProtectionProvider();
                services.AddSingleton<IStartupFilter, MapInviteEndpoint>();
            });
        });
    }

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Get_SignedLink_ParseableInviteForBothPeople()
    {
        var link = Links().Create(new CheckInId("m1-ci-2"));

        using var response = await _factory.CreateClient().GetAsync(link);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType.CharSet, ignoreCase: true);
        Assert.Contains(response.Content.Headers.ContentType.Parameters, p => p.Name == "method" && p.Value == "REQUEST");
        Assert.True(response.Headers.CacheControl!.NoStore);
        var properties = Unfold(await response.Content.ReadAsStringAsync());
        Assert.Equal(["BEGIN:VCALENDAR", "BEGIN:VEVENT", "END:VEVENT", "END:VCALENDAR"], properties.Where(p => p.StartsWith("BEGIN:", StringComparison.Ordinal) || p.StartsWith("END:", StringComparison.Ordinal)));
        Assert.Contains("METHOD:REQUEST", properties);
        Assert.Contains("UID:m1-ci-2@mentorbot.contoso.example", properties);
        Assert.Contains("DTSTART:20261124T090000Z", properties);
        Assert.Contains("DTEND:20261124T093000Z", properties);
        Assert.Equal(2, properties.Count(p => p.StartsWith("ATTENDEE;", StringComparison.Ordinal)));
        Assert.Contains(properties, p => p.StartsWith("DESCRIPTION:", StringComparison.Ordinal) && p.Contains(@"Budgets\, agencies\; and a very long topic that has to be folded over more than one line", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Get_LinkFromASwedishReadersCard_InviteTextInSwedish_WithoutLanguageEnglish()
    {
        var swedishLink = Links().Create(new CheckInId("m1-ci-2"), System.Globalization.CultureInfo.GetCultureInfo("sv-SE"));
        var plainLink = Links().Create(new CheckInId("m1-ci-2"));
        using var client = _factory.CreateClient();

        var swedish = Unfold(await client.GetStringAsync(swedishLink));
        var english = Unfold(await client.GetStringAsync(plainLink));

        Assert.EndsWith("&lang=sv-SE", swedishLink.ToString(), StringComparison.Ordinal);
        Assert.Contains(swedish, p => p.StartsWith("SUMMARY:Mentorsavstämning: ", StringComparison.Ordinal) && p.Contains(" och ", StringComparison.Ordinal));
        Assert.Contains(swedish, p => p.StartsWith("DESCRIPTION:Avstämning ", StringComparison.Ordinal) && p.Contains("Ni lär er av varandra.", StringComparison.Ordinal));
        Assert.DoesNotContain(swedish, p => p.Contains("learn from each other", StringComparison.Ordinal));
        Assert.Contains(english, p => p.StartsWith("SUMMARY:Mentoring check-in: ", StringComparison.Ordinal));
        Assert.Contains(english, p => p.StartsWith("DESCRIPTION:Check-in ", StringComparison.Ordinal) && p.Contains("You'll learn from each other.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Get_SkippedCheckIn_CancellationInvite()
    {
        var details = (await _checkIns.GetAsync(new CheckInId("m1-ci-2"), CancellationToken.None))!;
        _checkIns.Put(details with { CheckIn = details.CheckIn.Skip(Start).Unwrap() });
        var link = Links().Create(new CheckInId("m1-ci-2"));

        using var response = await _factory.CreateClient().GetAsync(link);

        Assert.Contains(response.Content.Headers.ContentType!.Parameters, p => p.Name == "method" && p.Value == "CANCEL");
        Assert.Contains("STATUS:CANCELLED", Unfold(await response.Content.ReadAsStringAsync()));
    }

    [Theory]
    [InlineData("tampered")]
    [InlineData("other-check-in")]
    [InlineData("missing")]
    [InlineData("garbage")]
    public async Task Get_LinkNotMadeForThisCheckIn_NotFoundProblem(string how)
    {
        var link = Links().Create(new CheckInId("m1-ci-2")).ToString();
        var sig = link[(link.IndexOf("sig=", StringComparison.Ordinal) + 4)..];
        var target = how switch
        {
            "tampered" => $"/checkins/m1-ci-2/invite.ics?sig={sig[..^3]}{(sig[^3] == 'A' ? 'B' : 'A')}{sig[^2..]}",
            "other-check-in" => $"/checkins/m2-ci-2/invite.ics?sig={sig}",
            "missing" => "/checkins/m1-ci-2/invite.ics",
            _ => "/checkins/m1-ci-2/invite.ics?sig=%00%ff not base64",
        };

        using var response = await _factory.CreateClient().GetAsync(new Uri(target, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Get_ExpiredLink_NotFound()
    {
        var link = Links().Create(new CheckInId("m1-ci-2"));
        _clock.Advance(new CalendarOptions().InviteLinkLifetime + TimeSpan.FromSeconds(1));

        using var response = await _factory.CreateClient().GetAsync(link);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Get_CheckInDeleted_NotFound()
    {
        var link = Links().Create(new CheckInId("m1-ci-2"));
        _checkIns.Remove(new CheckInId("m1-ci-2"));

        using var response = await _factory.CreateClient().GetAsync(link);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private CheckInInviteLinks Links() => _factory.Services.GetRequiredService<CheckInInviteLinks>();

    // RFC 5545 §3.1: CRLF followed by one space or tab continues the previous line.
    private static List<string> Unfold(string ics)
    {
        Assert.DoesNotContain("\n", ics.Replace("\r\n", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        return [.. ics.Replace("\r\n ", string.Empty, StringComparison.Ordinal).Replace("\r\n\t", string.Empty, StringComparison.Ordinal)
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries)];
    }

    private sealed class MapInviteEndpoint : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.UseRouting();
            app.UseEndpoints(endpoints => endpoints.MapCheckInInvite());
        };
    }

    private sealed class FakeCheckInReader : ICheckInReader
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<CheckInId, CheckInDetails> _details = new();

        public void Put(CheckInDetails details) => _details[details.CheckIn.Id] = details;

        public void Remove(CheckInId id) => _details.TryRemove(id, out _);

        public Task<CheckInDetails?> GetAsync(CheckInId checkInId, CancellationToken cancellationToken) =>
            Task.FromResult(_details.TryGetValue(checkInId, out var details) ? details : null);
    }
}
