using MentorBot.Core.Profiles;
using NodaTime;

namespace MentorBot.Core.CheckIns;

public enum NoSlotsReason
{
    UnknownTimeZone,
    NoWorkingDays,
    WorkingHoursShorterThanMeeting,

    /// <summary>Their working hours never overlap (e.g. Tokyo and California with 9–17 days).</summary>
    NoSharedWorkingTime,

    /// <summary>They do share hours, but holidays or other check-ins filled the whole search window.</summary>
    NothingFreeInSearchWindow,
}

/// <summary>What to search for. <paramref name="Organizer"/>'s local day and grid drive the search.</summary>
/// <param name="Busy">Times either person is already booked (their other mentorships' check-ins).</param>
public sealed record SlotSearch(
    Profile Organizer,
    Profile Other,
    DateTimeOffset NotBefore,
    TimeSpan Length,
    int Count,
    int SearchDays,
    TimeSpan Grid,
    IReadOnlyCollection<DateOnly> Holidays,
    IReadOnlyCollection<TimeSlot>? Busy = null);

public sealed record SlotSearchResult(IReadOnlyList<TimeSlot> Slots, NoSlotsReason? Reason)
{
    public bool Found => Slots.Count > 0;

    public static SlotSearchResult None(NoSlotsReason reason) => new([], reason);
}

/// <summary>
/// Finds check-in times inside both people's working hours, each in their own IANA zone. It walks real instants
/// on the grid rather than local wall-clock times, so a DST gap simply has no candidates and an ambiguous hour
/// is seen twice (once per offset) — nothing is guessed. Deterministic: the same input gives the same slots.
/// </summary>
public static class SlotFinder
{
    public static SlotSearchResult Find(SlotSearch search)
    {
        if (TimeZones.Find(search.Organizer.TimeZoneId) is not { } organizerZone
            || TimeZones.Find(search.Other.TimeZoneId) is not { } otherZone)
        {
            return SlotSearchResult.None(NoSlotsReason.UnknownTimeZone);
        }

        var organizer = new Person(search.Organizer.WorkingHours, organizerZone);
        var other = new Person(search.Other.WorkingHours, otherZone);
        if (organizer.Hours.Days.Count == 0 || other.Hours.Days.Count == 0)
        {
            return SlotSearchResult.None(NoSlotsReason.NoWorkingDays);
        }

        var length = Duration.FromTimeSpan(search.Length);
        if (organizer.DailyLength < length || other.DailyLength < length)
        {
            return SlotSearchResult.None(NoSlotsReason.WorkingHoursShorterThanMeeting);
        }

        var holidays = search.Holidays.Select(LocalDate.FromDateOnly).ToHashSet();
        var busy = search.Busy ?? [];
        var grid = Duration.FromTimeSpan(search.Grid);
        var notBefore = Instant.FromDateTimeOffset(search.NotBefore);
        var firstDay = notBefore.InZone(organizerZone).Date;

        var candidates = new List<(LocalDate Day, Interval Slot)>();
        var sharedHoursSeen = false;
        for (var day = firstDay; day < firstDay.PlusDays(search.SearchDays); day = day.PlusDays(1))
        {
            var dayEnd = organizerZone.AtStartOfDay(day.PlusDays(1)).ToInstant();
            for (var start = organizerZone.AtStartOfDay(day).ToInstant(); start < dayEnd; start += grid)
            {
                var local = start.InZone(organizerZone).TimeOfDay;
                if (start < notBefore || local.TickOfDay % grid.BclCompatibleTicks != 0)
                {
                    continue;
                }

                var slot = new Interval(start, start + length);
                if (!organizer.Works(slot, holidays: null) || !other.Works(slot, holidays: null))
                {
                    continue;
                }

                sharedHoursSeen = true;
                if (organizer.Works(slot, holidays) && other.Works(slot, holidays) && !busy.Any(b => Overlaps(slot, b)))
                {
                    candidates.Add((day, slot));
                }
            }
        }

        if (candidates.Count == 0)
        {
            return SlotSearchResult.None(sharedHoursSeen ? NoSlotsReason.NothingFreeInSearchWindow : NoSlotsReason.NoSharedWorkingTime);
        }

        return new SlotSearchResult(Pick(candidates, search.Count), null);
    }

    // One slot per day first (people choose between days more than between times), then fill from busy days.
    private static List<TimeSlot> Pick(List<(LocalDate Day, Interval Slot)> candidates, int count)
    {
        var chosen = new List<Interval>();
        foreach (var group in candidates.GroupBy(c => c.Day))
        {
            if (chosen.Count == count)
            {
                break;
            }

            chosen.Add(group.First().Slot);
        }

        foreach (var (_, slot) in candidates)
        {
            if (chosen.Count == count)
            {
                break;
            }

            if (!chosen.Any(c => c.Start < slot.End && slot.Start < c.End))
            {
                chosen.Add(slot);
            }
        }

        return [.. chosen.OrderBy(c => c.Start).Select(c => new TimeSlot(c.Start.ToDateTimeOffset(), c.End.ToDateTimeOffset()))];
    }

    private static bool Overlaps(Interval slot, TimeSlot busy) =>
        slot.Start.ToDateTimeOffset() < busy.End && busy.Start < slot.End.ToDateTimeOffset();

    private sealed record Person(WorkingHours Hours, DateTimeZone Zone)
    {
        public Duration DailyLength => Hours.End > Hours.Start ? Period.Between(Hours.Start, Hours.End).ToDuration() : Duration.Zero;

        public bool Works(Interval slot, HashSet<LocalDate>? holidays)
        {
            var start = slot.Start.InZone(Zone).LocalDateTime;
            var end = slot.End.InZone(Zone).LocalDateTime;
            var day = start.Date;
            return Hours.Days.Contains(day.DayOfWeek)
                && holidays?.Contains(day) != true
                && start.TimeOfDay >= Hours.Start
                && end.Date == day
                && end.TimeOfDay <= Hours.End;
        }
    }
}
