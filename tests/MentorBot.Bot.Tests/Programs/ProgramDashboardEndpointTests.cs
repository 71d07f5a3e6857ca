using System.Net;
using System.Text.Json;
using MentorBot.Bot.Programs;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Profiles;
using MentorBot.Core.Matching.Cohort;
using MentorBot.Core.Programs;
using MentorBot.Core.Programs.Rounds;
using MentorBot.Core.Requests;
using Microsoft.Extensions.DependencyInjection;
using MentorBot.Core;
using static MentorBot.Bot.Tests.Programs.SeededProgram;

namespace MentorBot.Bot.Tests.Programs;

/// <summary>The numbers an owner sees, through the host, against <see cref="SeededProgram"/> (worked out by hand there).</summary>
public sealed class ProgramDashboardEndpointTests(ProgramHost host) : IClassFixture<ProgramHost>
{
    [Fact]
    public async Task Metrics_SeededProgram_AreTheHandWorkedNumbers()
    {
        using var client = host.ClientAs(Owner);

        var json = await GetJsonAsync(client, $"/programs/{Id.Value}/metrics");

        Assert.Equal(6, json.GetProperty("activePairings").GetProperty("value").GetDouble());
        AssertHidden(json.GetProperty("unmatchedPeople"));
        Assert.Equal(10.5, json.GetProperty("medianDaysToFirstMeeting").GetProperty("value").GetDouble());
        var requests = json.GetProperty("requestsByState").EnumerateArray().ToDictionary(r => r.GetProperty("state").GetString()!, r => r.GetProperty("count"));
        Assert.Equal(6, requests[nameof(RequestStatus.Matched)].GetProperty("value").GetDouble());
        AssertHidden(requests[nameof(RequestStatus.Searching)]);
        Assert.Equal(0, requests[nameof(RequestStatus.Offered)].GetProperty("value").GetDouble());
        var weeks = json.GetProperty("checkInsByWeek").EnumerateArray().Select(w => (w.GetProperty("week").GetString(), w.GetProperty("held").GetInt32(), w.GetProperty("planned").GetInt32()));
        Assert.Equal([("2026-W46", 3, 6), ("2026-W47", 6, 6)], weeks);
        var month = Assert.Single(json.GetProperty("satisfactionTrend").EnumerateArray());
        Assert.Equal("2026-11", month.GetProperty("month").GetString());
        Assert.Equal(4.0, month.GetProperty("meanRating").GetProperty("value").GetDouble());
        var top = json.GetProperty("topRequestedSkills").EnumerateArray().ToList();
        Assert.Equal(["power-bi", "negotiation", "short-form-video"], top.Select(s => s.GetProperty("skill").GetString()));
        Assert.Equal(("Power BI", "Negotiation"), (top[0].GetProperty("name").GetString(), top[1].GetProperty("name").GetString()));
        Assert.Equal(5, top[0].GetProperty("count").GetProperty("value").GetDouble());
        AssertHidden(top[1].GetProperty("count"));
        AssertHidden(top[2].GetProperty("count"));
        var missing = json.GetProperty("skillsWithoutMentor").EnumerateArray().ToList();
        Assert.Equal(["negotiation", "storytelling"], missing.Select(s => s.GetProperty("skill").GetString()));
        Assert.Equal(7, missing[0].GetProperty("count").GetProperty("value").GetDouble());
        AssertHidden(missing[1].GetProperty("count"));
        var pairings = json.GetProperty("pairings").EnumerateArray().ToList();
        Assert.Equal(6, pairings.Count);
        Assert.Equal(("Senior 1", "Junior 1", 2, 2), (pairings[0].GetProperty("senior").GetString(), pairings[0].GetProperty("junior").GetString(),
            pairings[0].GetProperty("checkInsPlanned").GetInt32(), pairings[0].GetProperty("checkInsHeld").GetInt32()));
    }

    [Fact]
    public async Task Page_SeededProgram_ShowsHeadlineNumbersHiddenMarkersAndTheLocalModeBanner()
    {
        using var client = host.ClientAs(null);

        var response = await client.GetAsync($"/programs/{Id.Value}?as={Owner.AadObjectId}");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("""id="active-pairings">6</div>""", html, StringComparison.Ordinal);
        Assert.Contains("""id="unmatched-people">fewer than 5 people — hidden</div>""", html, StringComparison.Ordinal);
        Assert.Contains("""id="time-to-first-meeting">10.5 days</div>""", html, StringComparison.Ordinal);
        Assert.Contains("<td>2026-W46</td><td>3</td><td>6</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>2026-11</td><td>4.00</td>", html, StringComparison.Ordinal);
        Assert.Contains("LOCAL DEVELOPMENT MODE", html, StringComparison.Ordinal);
        Assert.Contains(Owner.AadObjectId, html, StringComparison.Ordinal);
        Assert.DoesNotContain("cdn", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_PilotWithTwoPairs_SuppressedNumbersCarryNoValue()
    {
        var pilot = new ProgramId("p-pilot");
        var owner = Person(950);
        await host.Services.GetRequiredService<IProgramStore>().InsertAsync(Program(pilot, "Pilot", owner), CancellationToken.None);
        var requests = host.Services.GetRequiredService<IRequestStore>();
        var enrolments = host.Services.GetRequiredService<IEnrolmentStore>();
        for (var n = 1; n <= 2; n++)
        {
            var (senior, junior) = (Person(960 + n), Person(970 + n));
            await enrolments.InsertAsync(Enrolment.SelfEnrol(pilot, senior, Now.AddDays(-30)), CancellationToken.None);
            await enrolments.InsertAsync(Enrolment.SelfEnrol(pilot, junior, Now.AddDays(-30)), CancellationToken.None);
            var request = MentoringRequest.Create(new RequestId($"r-pilot-{n}"), senior, PowerBi, null, default, default, Now.AddDays(-20));
            var etag = await requests.InsertAsync(request, CancellationToken.None);
            var pair = Mentorship.Start(new MentorshipId($"m-pilot-{n}"), senior, junior, PowerBi, pilot, Now.AddDays(-19), Now.AddMonths(3),
                new Cadence(TimeSpan.FromDays(14), TimeSpan.FromMinutes(30))).Unwrap();
            await requests.ReplaceAndStartMentorshipAsync(request with { Status = RequestStatus.Matched }, etag, pair, CancellationToken.None);
        }

        using var client = host.ClientAs(owner);
        var response = await client.GetAsync($"/programs/{pilot.Value}/metrics");
        var body = await response.Content.ReadAsStringAsync();
        var json = JsonDocument.Parse(body).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertHidden(json.GetProperty("activePairings"));
        var matched = json.GetProperty("requestsByState").EnumerateArray().Single(r => r.GetProperty("state").GetString() == "Matched");
        AssertHidden(matched.GetProperty("count"));
        AssertHidden(json.GetProperty("topRequestedSkills")[0].GetProperty("count"));
        Assert.Equal(5, json.GetProperty("minimumPeople").GetInt32());
        Assert.DoesNotContain("\"value\":2", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_ProgramWithTwoRounds_ShowsTheirPairAndUnmatchedCountsNewestFirstWithSuppression()
    {
        var program = new ProgramId("p-rounds");
        var owner = Person(980);
        await host.Services.GetRequiredService<IProgramStore>().InsertAsync(Program(program, "Rounds", owner), CancellationToken.None);
        var rounds = host.Services.GetRequiredService<IRoundStore>();
        var learners = Enumerable.Range(1, 6).Select(n => Person(400 + n)).ToList();
        var mentors = Enumerable.Range(1, 6).Select(n => Person(500 + n)).ToList();
        await rounds.InsertAsync(
            new ProgramRound(
                new RoundId("round-older"), program, owner, Now.AddDays(-2),
                [.. learners.Zip(mentors, (l, m) => new RoundPair(l, m, PowerBi, 0.8, []))],
                [.. Enumerable.Range(1, 2).Select(n => new RoundUnmatched(Person(600 + n), Negotiation, UnmatchedReason.MentorsTaken, ""))],
                [],
                RoundState.Published, owner, Now.AddDays(-2)),
            CancellationToken.None);
        await rounds.InsertAsync(
            new ProgramRound(
                new RoundId("round-newer"), program, owner, Now.AddDays(-1),
                [.. learners.Take(2).Zip(mentors, (l, m) => new RoundPair(l, m, PowerBi, 0.8, []))],
                [.. Enumerable.Range(1, 5).Select(n => new RoundUnmatched(Person(700 + n), Storytelling, UnmatchedReason.NoEligibleMentor, ""))],
                []),
            CancellationToken.None);
        using var client = host.ClientAs(owner);

        var json = await GetJsonAsync(client, $"/programs/{program.Value}/metrics");
        var html = await client.GetStringAsync($"/programs/{program.Value}");

        var shown = json.GetProperty("rounds").EnumerateArray().ToList();
        Assert.Equal(["round-newer", "round-older"], shown.Select(r => r.GetProperty("id").GetString()));
        Assert.Equal(["Previewed", "Published"], shown.Select(r => r.GetProperty("state").GetString()));
        AssertHidden(shown[0].GetProperty("pairs"));
        Assert.Equal(5, shown[0].GetProperty("unmatched").GetProperty("value").GetDouble());
        Assert.Equal(5, shown[0].GetProperty("nobodyEligible").GetProperty("value").GetDouble());
        Assert.Equal(0, shown[0].GetProperty("allHelpersTaken").GetProperty("value").GetDouble());
        Assert.Equal(6, shown[1].GetProperty("pairs").GetProperty("value").GetDouble());
        AssertHidden(shown[1].GetProperty("unmatched"));
        AssertHidden(shown[1].GetProperty("allHelpersTaken"));
        Assert.Contains("<section id=\"section-rounds\">", html, StringComparison.Ordinal);
        Assert.Contains(
            "<td>2026-11-22 09:00</td><td>Previewed</td><td class=\"suppressed\">fewer than 5 people — hidden</td><td>5</td><td>0</td><td>5</td><td>0</td><td>0</td>",
            html,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProgramList_Owner_SeesOnlyTheirPrograms()
    {
        using var client = host.ClientAs(Owner);

        var json = await GetJsonAsync(client, "/programs");

        Assert.Equal([Id.Value], json.EnumerateArray().Select(p => p.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Exports_Owner_GetsCsvFilesWithSuppressedFeedback()
    {
        using var client = host.ClientAs(Owner);

        var pairings = await client.GetAsync($"/programs/{Id.Value}/export/pairings.csv");
        var feedback = await client.GetStringAsync($"/programs/{Id.Value}/export/feedback.csv");
        var unknown = await client.GetAsync($"/programs/{Id.Value}/export/ratings.csv");

        Assert.Equal(HttpStatusCode.OK, pairings.StatusCode);
        Assert.Equal("text/csv", pairings.Content.Headers.ContentType!.MediaType);
        var lines = (await pairings.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(7, lines.Length);
        Assert.StartsWith("pairing,senior,senior_id", lines[0], StringComparison.Ordinal);
        Assert.Contains("p-leadership,(all skills),6,4.00", feedback, StringComparison.Ordinal);
        Assert.Contains("p-leadership,power-bi,6,4.00", feedback, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    private static async Task<JsonElement> GetJsonAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private static void AssertHidden(JsonElement metric)
    {
        Assert.True(metric.GetProperty("suppressed").GetBoolean());
        Assert.Equal(JsonValueKind.Null, metric.GetProperty("value").ValueKind);
        Assert.Equal(MetricView.HiddenText, metric.GetProperty("display").GetString());
    }
}
