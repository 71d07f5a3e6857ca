using MentorBot.Core.Profiles;
using NodaTime;

namespace MentorBot.Core.Tests.TestSupport;

public static class People
{
    public static Profile In(string id, string timeZone, int startHour = 9, int endHour = 17, IsoDayOfWeek[]? days = null) =>
        new(
            new UserId(id),
            id,
            $"{id.ToLowerInvariant()}@contoso.com",
            null,
            null,
            new CareerLevel(3),
            timeZone,
            new WorkingHours(days ?? [.. WorkingHours.Default.Days], new LocalTime(startHour, 0), new LocalTime(endHour, 0)),
            ["en"],
            2,
            Participation.Active,
            ProgramRole.Both,
            [],
            []);

    public static Profile WithHours(this Profile profile, LocalTime start, LocalTime end) =>
        profile with { WorkingHours = profile.WorkingHours with { Start = start, End = end } };

    public static DateTimeOffset Utc(int year, int month, int day, int hour = 0, int minute = 0) =>
        new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    /// <summary>"Mon 2026-03-09 09:00" in the person's zone.</summary>
    public static string Local(DateTimeOffset instant, string timeZone)
    {
        var local = Instant.FromDateTimeOffset(instant).InZone(DateTimeZoneProviders.Tzdb[timeZone]).LocalDateTime;
        return local.ToString("ddd yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
    }
}
