using MentorBot.Core;
using MentorBot.Core.CheckIns;
using MentorBot.Core.Sessions;
using static MentorBot.Bot.Tests.Flows.Cast;

namespace MentorBot.Bot.Tests.Sessions;

/// <summary>
/// A session date as an iCalendar entry (decision 0475), parsed back: stable UID per session and date, UTC times, the
/// host and every attendee with a known address; a move keeps the UID and raises SEQUENCE, a cancel is METHOD:CANCEL.
/// </summary>
public sealed class SessionCalendarTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 20, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void SecondDate_OfASeriesCrossingDst_UtcTimesUidAndAttendees_MoveAndCancelKeepTheUid()
    {
        // 10:00 in Stockholm on both sides of the spring change: 09:00Z, then 08:00Z.
        var starts = new[] { new DateTimeOffset(2026, 3, 24, 10, 0, 0, TimeSpan.FromHours(1)), new DateTimeOffset(2026, 3, 31, 10, 0, 0, TimeSpan.FromHours(2)) };
        var session = new GroupSession(GroupSessionId.New(Guid.Parse("6f0c1a4e-0000-4000-8000-000000000001")), [Jo.Id], "Jo", PowerBi, "Power BI", "Basics", TimeSpan.FromMinutes(90), 5, starts, Now);
        var people = new[]
        {
            Junior(Jo, Core.Skills.SkillLevel.Expert, "Finance") with { Email = "jo@example.com" },
            Senior(Sam) with { Email = "sam@example.com" },
            Senior(Lee) with { Email = null },
        };
        var organizer = new CalendarParty("MentorBot", "mentorbot@example.com");

        var ics = Parse(SessionCalendar.ForOccurrence(session, 1, people, organizer, "mentorbot.example", Now, "Power BI", "Basics")!);
        var moved = Parse(SessionCalendar.ForOccurrence(session with { Sequence = 1, Starts = [starts[0], starts[1].AddDays(1)] }, 1, people, organizer, "mentorbot.example", Now, "Power BI", "Basics")!);
        var cancelled = Parse(SessionCalendar.ForOccurrence(session with { Sequence = 2, Status = SessionStatus.Cancelled }, 1, people, organizer, "mentorbot.example", Now, "Power BI", "Basics")!);

        Assert.Equal("session-gs-6f0c1a4e000040008000000000000001-1@mentorbot.example", ics["UID"].Single());
        Assert.Equal(("20260331T080000Z", "20260331T093000Z"), (ics["DTSTART"].Single(), ics["DTEND"].Single()));
        Assert.Equal(["mailto:jo@example.com", "mailto:sam@example.com"], ics["ATTENDEE"]);
        Assert.Equal(("REQUEST", "0"), (ics["METHOD"].Single(), ics["SEQUENCE"].Single()));
        Assert.Equal((ics["UID"].Single(), "1", "20260401T080000Z"), (moved["UID"].Single(), moved["SEQUENCE"].Single(), moved["DTSTART"].Single()));
        Assert.Equal((ics["UID"].Single(), "2", "CANCEL", "CANCELLED"), (cancelled["UID"].Single(), cancelled["SEQUENCE"].Single(), cancelled["METHOD"].Single(), cancelled["STATUS"].Single()));
        Assert.Null(SessionCalendar.ForOccurrence(session, 2, people, organizer, "mentorbot.example", Now, "Power BI", "Basics"));
    }

    /// <summary>Unfolds the lines and groups values by property name (parameters dropped).</summary>
    private static Dictionary<string, List<string>> Parse(CalendarInvite invite)
    {
        var text = CalendarInviteWriter.Write(invite).Replace("\r\n ", string.Empty, StringComparison.Ordinal);
        return text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(line => (Name: line[..line.IndexOfAny([':', ';'])], Value: line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..]))
            .GroupBy(p => p.Name)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Value).ToList());
    }
}
