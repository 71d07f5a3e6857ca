using MentorBot.Core.Matching;
using MentorBot.Core.Profiles;
using NodaTime;

namespace MentorBot.Core.Tests.Matching;

public sealed class WeeklyAvailabilityTests
{
    private static double Shared(DateTimeOffset week, (string Zone, int Start, int End) a, (string Zone, int Start, int End) b)
    {
        var start = WeeklyAvailability.WeekStart(week);
        var first = WeeklyAvailability.Compute(a.Zone, WorkingHours.Default with { Start = new LocalTime(a.Start, 0), End = new LocalTime(a.End, 0) }, start);
        var second = WeeklyAvailability.Compute(b.Zone, WorkingHours.Default with { Start = new LocalTime(b.Start, 0), End = new LocalTime(b.End, 0) }, start);
        return WeeklyAvailability.OverlapMinutes(first, second) / 60.0;
    }

    [Theory]
    [InlineData("Europe/Stockholm", 9, 17, "Europe/Stockholm", 9, 17, 40)]
    [InlineData("Europe/Stockholm", 9, 17, "America/New_York", 9, 17, 10)]
    [InlineData("Europe/Stockholm", 9, 17, "Asia/Kolkata", 9, 17, 17.5)]
    [InlineData("America/New_York", 9, 17, "Asia/Tokyo", 9, 17, 0)]
    [InlineData("Australia/Sydney", 9, 17, "America/Los_Angeles", 9, 17, 12)]
    [InlineData("Europe/London", 22, 6, "Asia/Singapore", 9, 17, 20)]
    public void OverlapMinutes_TypicalWeek(string zoneA, int startA, int endA, string zoneB, int startB, int endB, double hours)
    {
        var shared = Shared(new DateTimeOffset(2026, 11, 18, 12, 0, 0, TimeSpan.Zero), (zoneA, startA, endA), (zoneB, startB, endB));

        Assert.Equal(hours, shared);
    }

    [Fact]
    public void OverlapMinutes_WeekBetweenDstChanges_UsesThatWeeksOffsets()
    {
        // 9–20 March 2026: New York is already on summer time, Stockholm not yet: 5 h apart instead of 6.
        var shared = Shared(new DateTimeOffset(2026, 3, 18, 12, 0, 0, TimeSpan.Zero), ("Europe/Stockholm", 9, 17), ("America/New_York", 9, 17));

        Assert.Equal(15, shared);
    }

    [Fact]
    public void Compute_UnknownZone_IsEmpty()
    {
        var intervals = WeeklyAvailability.Compute("Nowhere/Land", WorkingHours.Default, WeeklyAvailability.WeekStart(DateTimeOffset.UnixEpoch));

        Assert.Empty(intervals);
    }
}
