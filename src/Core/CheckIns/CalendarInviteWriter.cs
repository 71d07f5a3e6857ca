using System.Globalization;
using System.Text;

namespace MentorBot.Core.CheckIns;

/// <summary>
/// Writes an RFC 5545 / RFC 5546 iCalendar object. Times are UTC (<c>Z</c>) with no VTIMEZONE (decision 0072):
/// every client converts UTC to the viewer's zone correctly, whereas a hand-written VTIMEZONE that disagrees with
/// the client's rules shifts the meeting by an hour around DST changes.
/// </summary>
public static class CalendarInviteWriter
{
    private const int MaxLineOctets = 75;

    public static string Write(CalendarInvite invite)
    {
        var lines = new List<string>
        {
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:" + Text(CalendarInvite.ProductId),
            "CALSCALE:GREGORIAN",
            "METHOD:" + invite.MethodName,
            "BEGIN:VEVENT",
            "UID:" + Text(invite.Uid),
            "SEQUENCE:" + invite.Sequence.ToString(CultureInfo.InvariantCulture),
            "DTSTAMP:" + Utc(invite.Stamp),
            "DTSTART:" + Utc(invite.Slot.Start),
            "DTEND:" + Utc(invite.Slot.End),
            "SUMMARY:" + Text(invite.Summary),
            "DESCRIPTION:" + Text(invite.Description),
        };

        if (invite.JoinUrl is { } url && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http")
        {
            lines.Add("LOCATION:" + Text(invite.TeamsMeeting));

            // URL is a URI value, not TEXT: escaping its commas would break the link.
            lines.Add("URL:" + uri.AbsoluteUri);
        }

        lines.Add("STATUS:" + (invite.Method == CalendarMethod.Cancel ? "CANCELLED" : "CONFIRMED"));
        lines.Add("TRANSP:OPAQUE");
        lines.Add($"ORGANIZER;CN={Param(invite.Organizer.Name)}:mailto:{invite.Organizer.Email}");
        foreach (var attendee in invite.Attendees)
        {
            lines.Add($"ATTENDEE;CN={Param(attendee.Name)};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:{attendee.Email}");
        }

        lines.Add("END:VEVENT");
        lines.Add("END:VCALENDAR");

        var builder = new StringBuilder();
        foreach (var line in lines)
        {
            Fold(line, builder);
        }

        return builder.ToString();
    }

    private static string Utc(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    // RFC 5545 §3.3.11: backslash, semicolon, comma and newline are escaped; other control characters are not
    // allowed in TEXT at all (tab is), so they are dropped rather than passed on to confuse a client.
    internal static string Text(string value)
    {
        var builder = new StringBuilder(value.Length + 8);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '\\': builder.Append(@"\\"); break;
                case ';': builder.Append(@"\;"); break;
                case ',': builder.Append(@"\,"); break;
                case '\r' when i + 1 < value.Length && value[i + 1] == '\n': break;
                case '\r' or '\n': builder.Append(@"\n"); break;
                case '\t': builder.Append(c); break;
                default:
                    if (!char.IsControl(c))
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.ToString();
    }

    // Parameter values cannot be escaped, only quoted; a DQUOTE cannot appear even inside quotes.
    internal static string Param(string value)
    {
        var clean = new string([.. value.Where(c => c != '"' && !char.IsControl(c))]);
        return clean.IndexOfAny([':', ';', ',']) >= 0 ? $"\"{clean}\"" : clean;
    }

    // Fold at 75 octets of UTF-8 (the continuation's leading space counts), never inside a multi-byte sequence:
    // a cut before a continuation byte (10xxxxxx) would leave invalid UTF-8 on both lines.
    internal static void Fold(string line, StringBuilder output)
    {
        var bytes = Encoding.UTF8.GetBytes(line);
        var start = 0;
        var limit = MaxLineOctets;
        while (bytes.Length - start > limit)
        {
            var cut = start + limit;
            while ((bytes[cut] & 0xC0) == 0x80)
            {
                cut--;
            }

            output.Append(Encoding.UTF8.GetString(bytes, start, cut - start)).Append("\r\n ");
            start = cut;
            limit = MaxLineOctets - 1;
        }

        output.Append(Encoding.UTF8.GetString(bytes, start, bytes.Length - start)).Append("\r\n");
    }
}
