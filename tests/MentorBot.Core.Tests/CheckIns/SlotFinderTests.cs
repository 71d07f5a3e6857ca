using System.Globalization;
using MentorBot.Core.CheckIns;
using MentorBot.Core.Profiles;
using MentorBot.Core.Tests.TestSupport;
using NodaTime;

namespace MentorBot.Core.Tests.CheckIns;

public sealed class SlotFinderTests
{
    private static readonly Profile Stockholm = People.In("sven", "Europe/Stockholm");
    private static readonly Profile NewYork = People.In("nia", "America/New_York");

    // Stockholm and New York, both 09–17 on weekdays. Shared hours: Stockholm 15–17 when the gap is 6 h, 14–17
    // during 8–29 Mar 2026 when New York is already on summer time (5 h). Expected starts are UTC.
    [Theory]
    [InlineData("winter, 6 h gap", "2026-03-02T00:00Z", "", "2026-03-02T14:00Z 2026-03-03T14:00Z 2026-03-04T14:00Z")]
    [InlineData("US summer time only, 5 h gap", "2026-03-09T00:00Z", "", "2026-03-09T13:00Z 2026-03-10T13:00Z 2026-03-11T13:00Z")]
    [InlineData("across New York's change on Sun 8 Mar", "2026-03-05T00:00Z", "", "2026-03-05T14:00Z 2026-03-06T14:00Z 2026-03-09T13:00Z")]
    [InlineData("across Stockholm's change on Sun 29 Mar", "2026-03-26T00:00Z", "", "2026-03-26T13:00Z 2026-03-27T13:00Z 2026-03-30T13:00Z")]
    [InlineData("holiday skipped", "2026-03-02T00:00Z", "2026-03-03", "2026-03-02T14:00Z 2026-03-04T14:00Z 2026-03-05T14:00Z")]
    [InlineData("Easter: Good Friday and Easter Monday", "2026-04-02T00:00Z", "2026-04-03 2026-04-06", "2026-04-02T13:00Z 2026-04-07T13:00Z 2026-04-08T13:00Z")]
    [InlineData("weekend skipped", "2026-03-06T00:00Z", "", "2026-03-06T14:00Z 2026-03-09T13:00Z 2026-03-10T13:00Z")]
    [InlineData("not before mid-window", "2026-03-02T15:10Z", "", "2026-03-02T15:30Z 2026-03-03T14:00Z 2026-03-04T14:00Z")]
    public void Find_StockholmAndNewYork_ProposesOneSlotPerDayInBothWorkingHours(string scenario, string notBefore, string holidays, string expected)
    {
        var search = Search(Stockholm, NewYork, notBefore, holidays: holidays);

        var result = SlotFinder.Find(search);

        Assert.True(result.Found, scenario);
        Assert.Equal(expected.Split(' '), result.Slots.Select(s => s.Start.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture)));
        Assert.All(result.Slots, s => Assert.Equal(TimeSpan.FromMinutes(30), s.Length));
    }

    [Fact]
    public void Find_AcrossNewYorkChange_NewYorkKeepsNineWhileStockholmMovesAnHour()
    {
        var result = SlotFinder.Find(Search(Stockholm, NewYork, "2026-03-05T00:00Z"));

        Assert.Equal(["Thu 2026-03-05 15:00", "Fri 2026-03-06 15:00", "Mon 2026-03-09 14:00"], result.Slots.Select(s => People.Local(s.Start, "Europe/Stockholm")));
        Assert.Equal(["Thu 2026-03-05 09:00", "Fri 2026-03-06 09:00", "Mon 2026-03-09 09:00"], result.Slots.Select(s => People.Local(s.Start, "America/New_York")));
    }

    [Fact]
    public void Find_OwnWorkingDays_OnlyDaysBothWork()
    {
        var partTimer = People.In("nia", "America/New_York", days: [IsoDayOfWeek.Tuesday, IsoDayOfWeek.Thursday]);

        var result = SlotFinder.Find(Search(Stockholm, partTimer, "2026-03-02T00:00Z"));

        Assert.Equal(["Tue 2026-03-03 15:00", "Thu 2026-03-05 15:00", "Tue 2026-03-10 14:00"], result.Slots.Select(s => People.Local(s.Start, "Europe/Stockholm")));
    }

    [Fact]
    public void Find_OnlyOneDayInWindow_FillsWithLaterNonOverlappingSlotsThatDay()
    {
        var result = SlotFinder.Find(Search(Stockholm, NewYork, "2026-03-02T00:00Z", searchDays: 1));

        Assert.Equal(["Mon 2026-03-02 15:00", "Mon 2026-03-02 15:30", "Mon 2026-03-02 16:00"], result.Slots.Select(s => People.Local(s.Start, "Europe/Stockholm")));
    }

    [Fact]
    public void Find_BusyWithAnotherCheckIn_SlotMovesPastIt()
    {
        var busy = new TimeSlot(People.Utc(2026, 3, 2, 14), People.Utc(2026, 3, 2, 15));

        var result = SlotFinder.Find(Search(Stockholm, NewYork, "2026-03-02T00:00Z") with { Busy = [busy] });

        Assert.Equal(People.Utc(2026, 3, 2, 15), result.Slots[0].Start);
    }

    // New York springs forward at 02:00 on 8 Mar 2026: 02:00–02:59 does not exist. A night-shift worker is never
    // offered 02:00 or 02:30, and the 01:30 slot is a real half hour that ends at 03:00 on the wall clock.
    [Fact]
    public void Find_LocalTimesThatDoNotExist_AreNeverProposed()
    {
        var nightShift = People.In("nia", "America/New_York", 1, 5, days: [.. Enum.GetValues<IsoDayOfWeek>().Skip(1)]);
        var london = People.In("lee", "Europe/London", 5, 10, days: [.. Enum.GetValues<IsoDayOfWeek>().Skip(1)]);

        var result = SlotFinder.Find(Search(nightShift, london, "2026-03-08T05:00Z", count: 6, searchDays: 1));

        Assert.Equal(
            ["01:00", "01:30", "03:00", "03:30", "04:00", "04:30"],
            result.Slots.Select(s => People.Local(s.Start, "America/New_York")[^5..]));
        Assert.All(result.Slots, s => Assert.Equal(TimeSpan.FromMinutes(30), s.Length));
        Assert.Equal("Sun 2026-03-08 03:00", People.Local(result.Slots[1].End, "America/New_York"));
    }

    // New York falls back on 1 Nov 2026: 01:00–01:59 happens twice. Both occurrences are distinct real slots.
    [Fact]
    public void Find_AmbiguousLocalTimes_OfferedOncePerOccurrence()
    {
        var nightShift = People.In("nia", "America/New_York", 0, 4, days: [.. Enum.GetValues<IsoDayOfWeek>().Skip(1)]);
        var london = People.In("lee", "Europe/London", 4, 9, days: [.. Enum.GetValues<IsoDayOfWeek>().Skip(1)]);

        var result = SlotFinder.Find(Search(nightShift, london, "2026-11-01T04:00Z", count: 10, searchDays: 1));

        Assert.Equal(
            ["00:00", "00:30", "01:00", "01:30", "01:00", "01:30", "02:00", "02:30", "03:00", "03:30"],
            result.Slots.Select(s => People.Local(s.Start, "America/New_York")[^5..]));
        Assert.Equal(10, result.Slots.Select(s => s.Start).Distinct().Count());
        Assert.Equal(People.Utc(2026, 11, 1, 6), result.Slots[4].Start);
    }

    [Fact]
    public void Find_WorkingHoursNeverOverlap_NoSlotsWithReason()
    {
        var tokyo = People.In("aiko", "Asia/Tokyo");
        var london = People.In("lee", "Europe/London");

        var result = SlotFinder.Find(Search(tokyo, london, "2026-01-12T00:00Z"));

        Assert.False(result.Found);
        Assert.Equal(NoSlotsReason.NoSharedWorkingTime, result.Reason);
    }

    [Fact]
    public void Find_EveryDayAHoliday_NothingFreeInSearchWindow()
    {
        var result = SlotFinder.Find(Search(Stockholm, NewYork, "2026-03-02T00:00Z", searchDays: 3, holidays: "2026-03-02 2026-03-03 2026-03-04"));

        Assert.Equal(NoSlotsReason.NothingFreeInSearchWindow, result.Reason);
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons", 9, 17, NoSlotsReason.UnknownTimeZone)]
    [InlineData("", 9, 17, NoSlotsReason.UnknownTimeZone)]
    [InlineData("America/New_York", 9, 9, NoSlotsReason.WorkingHoursShorterThanMeeting)]
    public void Find_BadProfile_NoSlotsWithReason(string timeZone, int startHour, int endHour, NoSlotsReason reason)
    {
        var other = People.In("nia", timeZone, startHour, endHour);

        var result = SlotFinder.Find(Search(Stockholm, other, "2026-03-02T00:00Z"));

        Assert.Equal(reason, result.Reason);
        Assert.Empty(result.Slots);
    }

    [Fact]
    public void Find_NoWorkingDays_NoSlotsWithReason()
    {
        var result = SlotFinder.Find(Search(Stockholm, People.In("nia", "America/New_York", days: []), "2026-03-02T00:00Z"));

        Assert.Equal(NoSlotsReason.NoWorkingDays, result.Reason);
    }

    [Fact]
    public void Find_SameInput_SameSlots()
    {
        var search = Search(Stockholm, NewYork, "2026-03-05T00:00Z");

        var first = SlotFinder.Find(search);
        var second = SlotFinder.Find(search);

        Assert.Equal(first.Slots, second.Slots);
    }

    private static SlotSearch Search(
        Profile organizer, Profile other, string notBefore, int count = 3, int searchDays = 21, string holidays = "") =>
        new(
            organizer,
            other,
            DateTimeOffset.Parse(notBefore, CultureInfo.InvariantCulture),
            TimeSpan.FromMinutes(30),
            count,
            searchDays,
            TimeSpan.FromMinutes(30),
            [.. holidays.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(d => DateOnly.Parse(d, CultureInfo.InvariantCulture))]);
}
