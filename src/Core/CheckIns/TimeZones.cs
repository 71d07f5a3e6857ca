using NodaTime;

namespace MentorBot.Core.CheckIns;

/// <summary>IANA zones from NodaTime's embedded TZDB, which is newer than the OS tzdata on our images.</summary>
public static class TimeZones
{
    public static DateTimeZone? Find(string? ianaId) =>
        string.IsNullOrWhiteSpace(ianaId) ? null : DateTimeZoneProviders.Tzdb.GetZoneOrNull(ianaId);

    /// <summary>Wall-clock time of an instant for a person, for cards and tests ("Mon 09:00 in New York").</summary>
    public static LocalDateTime ToLocal(DateTimeOffset instant, DateTimeZone zone) =>
        Instant.FromDateTimeOffset(instant).InZone(zone).LocalDateTime;
}
