using System.ComponentModel.DataAnnotations;

namespace MentorBot.Bot.Calendar;

/// <summary>The .ics invite download (section <c>Calendar</c>).</summary>
public sealed class CalendarOptions
{
    public const string SectionName = "Calendar";

    /// <summary>The bot's public https address, for links in cards; empty means relative links (local tools only).</summary>
    [Url]
    public string? PublicBaseUrl { get; set; }

    /// <summary>
    /// The mailbox invites come from. Empty: the senior organizes (the file is opened by each person; a calendar
    /// treats the organizer's copy as theirs).
    /// </summary>
    [EmailAddress]
    public string? OrganizerEmail { get; set; }

    public string OrganizerName { get; set; } = "MentorBot";

    /// <summary>The right-hand side of each event's UID; stable forever, or calendars see new events.</summary>
    [Required]
    [RegularExpression(@"^[A-Za-z0-9.-]+$")]
    public string UidDomain { get; set; } = "mentorbot.invalid";

    /// <summary>How long a download link works. Cards stay in the chat, so longer than the meeting is far away.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "365.00:00:00")]
    public TimeSpan InviteLinkLifetime { get; set; } = TimeSpan.FromDays(60);
}
