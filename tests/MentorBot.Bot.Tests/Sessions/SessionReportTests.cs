using MentorBot.Bot.Programs;
using MentorBot.Core;
using MentorBot.Core.Persistence;
using MentorBot.Core.Profiles;
using MentorBot.Core.Sessions;

namespace MentorBot.Bot.Tests.Sessions;

/// <summary>Owners' view of group sessions (decision 0470): the dashboard's small-number rule on every number about people.</summary>
public sealed class SessionReportTests
{
    private static readonly DateTimeOffset Now = new(2027, 4, 20, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void FourPeople_AttendanceSatisfactionAndThanksHidden_DatesHeldShown()
    {
        var report = SessionReport.For([Held("gs-a", people: 4, rated: 4, thanked: 4)], Now);

        Assert.Equal((1, 2, 0), (report.SessionsOffered, report.DatesHeld, report.DatesCancelled));
        Assert.True(report.SeatsTaken.IsSuppressed);
        Assert.True(report.MeanRating.IsSuppressed);
        Assert.True(report.HostsThanked.IsSuppressed);
        var page = SessionDashboard.Render("Pilot <cohort>", "p1", report, "?as=x");
        Assert.Contains("Pilot &lt;cohort&gt;: group sessions", page, StringComparison.Ordinal);
        Assert.Equal(3, page.Split("hidden (fewer than 5 people)").Length - 1);
    }

    [Fact]
    public void FivePeopleAcrossTwoSessions_NumbersShown_CancelledDatesCountedApart()
    {
        var cancelled = Held("gs-c", people: 2, rated: 0, thanked: 0);
        cancelled = cancelled with { Session = new(cancelled.Session.Value with { Status = SessionStatus.Cancelled }, cancelled.Session.ETag) };

        var report = SessionReport.For([Held("gs-a", people: 3, rated: 3, thanked: 3), Held("gs-b", people: 2, rated: 2, thanked: 3, offset: 3), cancelled], Now);

        Assert.Equal((3, 4, 2), (report.SessionsOffered, report.DatesHeld, report.DatesCancelled));
        Assert.True(report.SeatsTaken.TryGetValue(out var seats) && seats == 5);
        Assert.True(report.MeanRating.TryGetValue(out var mean) && mean == 4.0);
        Assert.True(report.HostsThanked.TryGetValue(out var hosts) && hosts == 1);
    }

    private static SessionSnapshot Held(string id, int people, int rated, int thanked, int offset = 0)
    {
        var sessionId = new GroupSessionId(id);
        var session = new GroupSession(
            sessionId, [new UserId("aad-host")], "Jo", null, "AI tools", string.Empty, TimeSpan.FromHours(1), 10,
            [Now.AddDays(-14), Now.AddDays(-7)], Now.AddDays(-30)) { SeatsTaken = people };
        var attendees = Enumerable.Range(0, people).Select(i => new Versioned<SessionAttendee>(
            new SessionAttendee(sessionId, new UserId($"aad-p{i + offset}"), AttendeeStatus.Seated, i + 1, Now.AddDays(-20))
            {
                Ratings = i < rated ? [new SessionRating(0, 4, Now.AddDays(-14))] : [],
                ThankedAt = i < thanked ? Now.AddDays(-6) : null,
            },
            new ETag("e"))).ToList();
        return new SessionSnapshot(new Versioned<GroupSession>(session, new ETag("s")), attendees);
    }
}
