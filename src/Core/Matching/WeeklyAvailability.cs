using MentorBot.Core.Profiles;
using NodaTime;

namespace MentorBot.Core.Matching;

/// <summary>
/// Working hours as minute intervals of one reference week in UTC, so two people's overlap is a merge of two short
/// sorted arrays. The week is a real one (DST on that date applies); times that fall off either end wrap around,
/// because the week stands for "a typical week".
/// </summary>
internal static class WeeklyAvailability
{
    public const int MinutesPerWeek = 7 * 24 * 60;

    public static Instant WeekStart(DateTimeOffset asOf)
    {
        var date = LocalDate.FromDateTime(asOf.UtcDateTime);
        var monday = date.PlusDays(-((int)date.DayOfWeek - 1));
        return monday.AtMidnight().InUtc().ToInstant();
    }

    /// <summary>Sorted, merged [start, end) pairs, flattened; empty for an unknown zone.</summary>
    public static int[] Compute(string timeZoneId, WorkingHours hours, Instant weekStart)
    {
        if (TimeZoneIds.Find(timeZoneId) is not { } zone)
        {
            return [];
        }

        var monday = weekStart.InUtc().Date;
        var intervals = new List<(int Start, int End)>();
        foreach (var day in hours.Days.Distinct())
        {
            var date = monday.PlusDays((int)day - 1);
            var start = (date + hours.Start).InZoneLeniently(zone).ToInstant();
            var endDate = hours.End > hours.Start ? date : date.PlusDays(1);
            var end = (endDate + hours.End).InZoneLeniently(zone).ToInstant();
            var from = (int)Math.Floor((start - weekStart).TotalMinutes);
            var to = (int)Math.Floor((end - weekStart).TotalMinutes);
            if (to <= from)
            {
                continue;
            }

            var length = Math.Min(to - from, MinutesPerWeek);
            from = Modulo(from);
            to = from + length;
            if (to <= MinutesPerWeek)
            {
                intervals.Add((from, to));
            }
            else
            {
                intervals.Add((from, MinutesPerWeek));
                intervals.Add((0, to - MinutesPerWeek));
            }
        }

        intervals.Sort();
        var merged = new List<int>(intervals.Count * 2);
        foreach (var (start, end) in intervals)
        {
            if (merged.Count > 0 && start <= merged[^1])
            {
                merged[^1] = Math.Max(merged[^1], end);
            }
            else
            {
                merged.Add(start);
                merged.Add(end);
            }
        }

        return [.. merged];
    }

    public static int OverlapMinutes(int[] a, int[] b)
    {
        var total = 0;
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            var start = Math.Max(a[i], b[j]);
            var end = Math.Min(a[i + 1], b[j + 1]);
            if (end > start)
            {
                total += end - start;
            }

            if (a[i + 1] < b[j + 1])
            {
                i += 2;
            }
            else
            {
                j += 2;
            }
        }

        return total;
    }

    private static int Modulo(int minutes) => ((minutes % MinutesPerWeek) + MinutesPerWeek) % MinutesPerWeek;
}
