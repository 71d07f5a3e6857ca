using System.Globalization;
using System.Security.Cryptography;
using MentorBot.Core.CheckIns;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using MentorBot.Core;

namespace MentorBot.Bot.Calendar;

/// <summary>
/// Unguessable, expiring download links for a check-in's .ics file. The <c>sig</c> is the check-in id and expiry,
/// authenticated (HMAC-SHA256) and encrypted by ASP.NET Core Data Protection, so keys rotate without our code and a
/// link names nothing readable (decision 0124). All instances must share the key ring.
/// </summary>
public sealed class CheckInInviteLinks(IDataProtectionProvider dataProtection, IOptions<CalendarOptions> options, TimeProvider timeProvider)
{
    public const string Purpose = "MentorBot.Calendar.CheckInInvite.v1";

    private readonly IDataProtector _protector = dataProtection.CreateProtector(Purpose);

    /// <summary>The path of the download for a check-in; absolute when <c>Calendar:PublicBaseUrl</c> is set.</summary>
    /// <param name="reader">Whose card carries the link: the invite's text is in their language (<c>lang=</c>, not signed:
    /// it only chooses words).</param>
    public Uri Create(CheckInId checkInId, CultureInfo? reader = null)
    {
        var expires = timeProvider.GetUtcNow() + options.Value.InviteLinkLifetime;
        var payload = string.Create(CultureInfo.InvariantCulture, $"{checkInId.Value}\n{expires.ToUnixTimeSeconds()}");
        var path = $"checkins/{Uri.EscapeDataString(checkInId.Value)}/invite.ics?sig={_protector.Protect(payload)}"
            + (reader is null || string.IsNullOrEmpty(reader.Name) ? "" : "&lang=" + Uri.EscapeDataString(reader.Name));
        return options.Value.PublicBaseUrl is { Length: > 0 } baseUrl
            ? new Uri(new Uri(baseUrl.TrimEnd('/') + "/"), path)
            : new Uri("/" + path, UriKind.Relative);
    }

    /// <summary>True when <paramref name="signature"/> was made for this check-in and has not expired.</summary>
    public bool IsValid(string checkInId, string? signature)
    {
        if (string.IsNullOrEmpty(signature))
        {
            return false;
        }

        string payload;
        try
        {
            payload = _protector.Unprotect(signature);
        }
        catch (Exception exception) when (exception is CryptographicException or FormatException)
        {
            // Tampered, truncated, made with another key ring, or not base64url at all: all the same to a caller.
            return false;
        }

        var parts = payload.Split('\n');
        return parts.Length == 2
            && string.Equals(parts[0], checkInId, StringComparison.Ordinal)
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
            && timeProvider.GetUtcNow().ToUnixTimeSeconds() < expires;
    }
}
