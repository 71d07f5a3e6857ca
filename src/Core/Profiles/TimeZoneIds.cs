using NodaTime;

namespace MentorBot.Core.Profiles;

/// <summary>
/// Turns what Teams, Graph or an HR export gives us (IANA "Europe/Stockholm", Windows "W. Europe Standard Time",
/// links like "Asia/Calcutta") into an IANA id that NodaTime's TZDB knows.
/// </summary>
public static class TimeZoneIds
{
    /// <param name="region">ISO country code to pick the right IANA zone for a Windows id ("SE" → Europe/Stockholm).</param>
    public static bool TryNormalize(string? id, out string ianaId, string? region = null)
    {
        ianaId = string.Empty;
        if (string.IsNullOrWhiteSpace(id))
        {
            return false;
        }

        var trimmed = id.Trim();
        if (Canonical(trimmed) is { } known)
        {
            ianaId = known;
            return true;
        }

        var converted = region is null
            ? TimeZoneInfo.TryConvertWindowsIdToIanaId(trimmed, out var iana)
            : TimeZoneInfo.TryConvertWindowsIdToIanaId(trimmed, region, out iana);
        if (converted && iana is not null && Canonical(iana) is { } fromWindows)
        {
            ianaId = fromWindows;
            return true;
        }

        return false;
    }

    /// <summary>The NodaTime zone for an id <see cref="TryNormalize"/> accepted; null for anything else.</summary>
    public static DateTimeZone? Find(string ianaId) => DateTimeZoneProviders.Tzdb.GetZoneOrNull(ianaId);

    // Deliberately not mapped to TZDB's canonical id: since 2022 TZDB links zones like Europe/Stockholm to
    // Europe/Berlin, and people should see the zone they chose.
    private static string? Canonical(string id) => DateTimeZoneProviders.Tzdb.GetZoneOrNull(id) is null ? null : id;
}
