using MentorBot.Core.Profiles;
using NodaTime;

namespace MentorBot.Core.Matching;

/// <summary>
/// When two people's working hours meet in a typical week (the week of <c>asOf</c>, so its DST applies): the same
/// reference week and overlap matching scores, as instants, for a card to show in its reader's own zone.
/// </summary>
public static class SharedWorkingHours
{
    /// <summary>The shared stretches, in time order; empty when they never overlap or a zone is unknown.</summary>
    public static IReadOnlyList<(Instant Start, Instant End)> Find(Profile a, Profile b, DateTimeOffset asOf)
    {
        var weekStart = WeeklyAvailability.WeekStart(asOf);
        var first = WeeklyAvailability.Compute(a.TimeZoneId, a.WorkingHours, weekStart);
        var second = WeeklyAvailability.Compute(b.TimeZoneId, b.WorkingHours, weekStart);
        var shared = new List<(Instant, Instant)>();
        int i = 0, j = 0;
        while (i < first.Length && j < second.Length)
        {
            var start = Math.Max(first[i], second[j]);
            var end = Math.Min(first[i + 1], second[j + 1]);
            if (end > start)
            {
                shared.Add((weekStart + Duration.FromMinutes(start), weekStart + Duration.FromMinutes(end)));
            }

            if (first[i + 1] < second[j + 1])
            {
                i += 2;
            }
            else
            {
                j += 2;
            }
        }

        return shared;
    }
}
