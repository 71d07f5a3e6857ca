using System.Text;
using MentorBot.Core.CheckIns;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Profiles;
using MentorBot.Core.Skills;
using MentorBot.Core.Tests.TestSupport;

namespace MentorBot.Core.Tests.CheckIns;

public sealed class CalendarInviteTests
{
    private const string JoinUrl = "https://teams.microsoft.com/l/meetup-join/19%3ameeting_NjQ%40thread.v2/0?context=%7b%22Tid%22%3a%22t%22%7d";
    private static readonly DateTimeOffset Now = People.Utc(2026, 3, 2, 9);
    private static readonly CalendarParty Bot = new("MentorBot", "mentorbot@contoso.com");
    private static readonly Profile Senior = People.In("sven", "Europe/Stockholm") with { DisplayName = "Lindqvist, Sven" };
    private static readonly Profile Junior = People.In("nia", "America/New_York") with { DisplayName = "Nia Okafor" };
    private static readonly Mentorship Pair = Mentorship.Start(
        new MentorshipId("m-1"), Senior.Id, Junior.Id, new SkillId("tiktok-for-business"), null, Now, Now.AddMonths(3), Cadence.Default).Unwrap();

    [Fact]
    public void Write_ScheduledCheckIn_ParsesBackWithRequiredPropertiesInUtc()
    {
        var checkIn = Scheduled();

        var ics = Write(checkIn);

        var lines = ICalendarReader.Read(Encoding.UTF8.GetBytes(ics));
        Assert.Equal(["BEGIN:VCALENDAR", "VERSION", "PRODID", "CALSCALE", "METHOD", "BEGIN:VEVENT"], lines.Take(6).Select(Label));
        Assert.Equal(["END:VEVENT", "END:VCALENDAR"], lines.TakeLast(2).Select(Label));
        Assert.Equal("2.0", Value(lines, "VERSION"));
        Assert.Equal("REQUEST", Value(lines, "METHOD"));
        Assert.Equal("GREGORIAN", Value(lines, "CALSCALE"));
        Assert.Equal("ci-1@mentorbot.contoso.com", Value(lines, "UID"));
        Assert.Equal("20260302T090000Z", Value(lines, "DTSTAMP"));
        Assert.Equal("20260309T130000Z", Value(lines, "DTSTART"));
        Assert.Equal("20260309T133000Z", Value(lines, "DTEND"));
        Assert.Equal("0", Value(lines, "SEQUENCE"));
        Assert.Equal("CONFIRMED", Value(lines, "STATUS"));
        Assert.Equal(JoinUrl, Value(lines, "URL"));
        Assert.Equal("Mentoring check-in: Lindqvist, Sven & Nia Okafor", lines.Single(l => l.Name == "SUMMARY").Text);
        Assert.DoesNotContain(lines, l => l.Name is "DURATION" or "VTIMEZONE" || l.Parameters.ContainsKey("TZID"));
        var organizer = lines.Single(l => l.Name == "ORGANIZER");
        Assert.Equal(("MentorBot", "mailto:mentorbot@contoso.com"), (organizer.Parameters["CN"], organizer.RawValue));
        var attendees = lines.Where(l => l.Name == "ATTENDEE").ToArray();
        Assert.Equal(["mailto:sven@contoso.com", "mailto:nia@contoso.com"], attendees.Select(a => a.RawValue));
        Assert.Equal("Lindqvist, Sven", attendees[0].Parameters["CN"]);
        Assert.All(attendees, a =>
        {
            Assert.Equal("REQ-PARTICIPANT", a.Parameters["ROLE"]);
            Assert.Equal("NEEDS-ACTION", a.Parameters["PARTSTAT"]);
            Assert.Equal("TRUE", a.Parameters["RSVP"]);
        });
    }

    [Fact]
    public void Write_LongUnicodeAgenda_FoldsAt75OctetsWithoutSplittingCharactersAndRoundTrips()
    {
        var topics = new[]
        {
            "Hur använder våra kunder TikTok? Räksmörgås, åäö; och \"citat\"",
            "日本の若い顧客がショート動画で何を求めているか、具体例を三つ",
            "Emoji check 👩🏽‍💻🚀✨ — line\nbreak, comma; semicolon \\ backslash",
        };
        var checkIn = topics.Aggregate(Proposed(), (c, t) => c.AddAgendaTopic(Pair, Senior.Id, t, Now).Unwrap());
        checkIn = checkIn.Schedule(Slot(), JoinUrl).Unwrap();

        var ics = Write(checkIn);

        var physicalLines = ics.Split("\r\n").Select(l => Encoding.UTF8.GetByteCount(l)).ToArray();
        Assert.Contains(75, physicalLines);

        // A line cut short of 75 octets followed by a continuation: the fold stepped back off a multi-byte character.
        Assert.Contains(physicalLines.Zip(ics.Split("\r\n").Skip(1)), p => p.First < 75 && p.Second.StartsWith(' '));
        var description = ICalendarReader.Read(Encoding.UTF8.GetBytes(ics)).Single(l => l.Name == "DESCRIPTION").Text;
        var expected =
            "Check-in 1 for Lindqvist, Sven and Nia Okafor (tiktok-for-business). You'll learn from each other.\n\nAgenda:\n"
            + string.Concat(topics.Select(t => $"- {t.Trim()}\n"))
            + $"\nJoin on Teams: {JoinUrl}";
        Assert.Equal(expected, description);
    }

    [Fact]
    public void Write_Rescheduled_SameUidHigherSequence()
    {
        var first = Scheduled();
        var moved = first.Reschedule(new TimeSlot(People.Utc(2026, 3, 10, 13), People.Utc(2026, 3, 10, 13, 30))).Unwrap();

        var before = ICalendarReader.Read(Encoding.UTF8.GetBytes(Write(first)));
        var after = ICalendarReader.Read(Encoding.UTF8.GetBytes(Write(moved)));

        Assert.Equal(Value(before, "UID"), Value(after, "UID"));
        Assert.Equal("1", Value(after, "SEQUENCE"));
        Assert.Equal("20260310T130000Z", Value(after, "DTSTART"));
    }

    [Fact]
    public void Write_SkippedCheckIn_IsACancellation()
    {
        var skipped = Scheduled().Skip(Now).Unwrap();

        var invite = CalendarInvite.ForCheckIn(skipped, Pair, Senior, Junior, Bot, "mentorbot.contoso.com", Now).Unwrap();
        var lines = ICalendarReader.Read(Encoding.UTF8.GetBytes(CalendarInviteWriter.Write(invite)));

        Assert.Equal("text/calendar; charset=UTF-8; method=CANCEL", invite.ContentType);
        Assert.Equal("CANCEL", Value(lines, "METHOD"));
        Assert.Equal("CANCELLED", Value(lines, "STATUS"));
        Assert.Equal("1", Value(lines, "SEQUENCE"));
    }

    [Fact]
    public void ForCheckIn_NotScheduledYet_NotScheduledError()
    {
        var result = CalendarInvite.ForCheckIn(Proposed(), Pair, Senior, Junior, Bot, "mentorbot.contoso.com", Now);

        Assert.Equal(CalendarInviteError.NotScheduled, result.Error);
    }

    [Theory]
    [InlineData(null, CalendarInviteError.MissingEmail)]
    [InlineData("nia@contoso.com\r\nATTENDEE:mailto:evil@example.com", CalendarInviteError.InvalidEmail)]
    [InlineData("not-an-address", CalendarInviteError.InvalidEmail)]
    public void ForCheckIn_BadAttendeeEmail_TypedError(string? email, CalendarInviteError error)
    {
        var result = CalendarInvite.ForCheckIn(Scheduled(), Pair, Senior, Junior with { Email = email }, Bot, "mentorbot.contoso.com", Now);

        Assert.Equal(error, result.Error);
    }

    [Fact]
    public void Write_NameWithControlCharactersAndQuotes_StaysOneWellFormedLine()
    {
        var invite = CalendarInvite.ForCheckIn(Scheduled(), Pair, Senior with { DisplayName = "Sven \"The Boss\"\r\nX-EVIL:1" }, Junior, Bot, "mentorbot.contoso.com", Now).Unwrap();

        var lines = ICalendarReader.Read(Encoding.UTF8.GetBytes(CalendarInviteWriter.Write(invite)));

        Assert.DoesNotContain(lines, l => l.Name == "X-EVIL");
        Assert.Equal("Sven The BossX-EVIL:1", lines.First(l => l.Name == "ATTENDEE").Parameters["CN"]);
    }

    private static string Label(ContentLine line) => line.Name is "BEGIN" or "END" ? $"{line.Name}:{line.RawValue}" : line.Name;

    private static string Value(IReadOnlyList<ContentLine> lines, string name) => lines.Single(l => l.Name == name).RawValue;

    private static TimeSlot Slot() => new(People.Utc(2026, 3, 9, 13), People.Utc(2026, 3, 9, 13, 30));

    private static CheckIn Proposed() => CheckIn.Propose(new CheckInId("ci-1"), Pair, 1, [Slot()], Now).Unwrap();

    private static CheckIn Scheduled() => Proposed().Schedule(Slot(), JoinUrl).Unwrap();

    private static string Write(CheckIn checkIn) =>
        CalendarInviteWriter.Write(CalendarInvite.ForCheckIn(checkIn, Pair, Senior, Junior, Bot, "mentorbot.contoso.com", Now).Unwrap());
}
