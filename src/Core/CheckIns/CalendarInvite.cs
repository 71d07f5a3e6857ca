using System.Globalization;
using System.Text;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Profiles;

namespace MentorBot.Core.CheckIns;

/// <summary>iTIP method (RFC 5546): an invite or update is REQUEST, a skipped check-in is CANCEL.</summary>
public enum CalendarMethod
{
    Request,
    Cancel,
}

public sealed record CalendarParty(string Name, string Email);

/// <summary>
/// The words of an invite in one language, given by the Bot (Core holds no sentences, issue 19): <see cref="Summary"/>
/// takes {0} the senior and {1} the junior; <see cref="Intro"/> {0} the check-in number, {1} the senior, {2} the junior
/// and {3} the skill; <see cref="SkillName"/> is the skill as this reader reads it. <see cref="English"/> is the
/// wording when none is given.
/// </summary>
public sealed record CalendarInviteWords(
    CultureInfo Culture, string Summary, string Intro, string AgendaHeading, string JoinOnTeams, string TeamsMeeting, string? SkillName = null)
{
    public static CalendarInviteWords English { get; } = new(
        CultureInfo.InvariantCulture,
        "Mentoring check-in: {0} & {1}",
        "Check-in {0} for {1} and {2} ({3}). You'll learn from each other.",
        "Agenda:",
        "Join on Teams:",
        "Microsoft Teams meeting");
}

public enum CalendarInviteError
{
    NotScheduled,
    MissingEmail,
    InvalidEmail,
}

/// <summary>One VEVENT for one check-in. <see cref="Uid"/> is stable for the check-in; <see cref="Sequence"/> moves on
/// every reschedule or cancel so calendar clients replace the event rather than add another.</summary>
public sealed record CalendarInvite(
    string Uid,
    int Sequence,
    CalendarMethod Method,
    DateTimeOffset Stamp,
    TimeSlot Slot,
    string Summary,
    string Description,
    string? JoinUrl,
    CalendarParty Organizer,
    IReadOnlyList<CalendarParty> Attendees)
{
    /// <summary>LOCATION when there is a Teams link, in the invite's language.</summary>
    public string TeamsMeeting { get; init; } = CalendarInviteWords.English.TeamsMeeting;

    public const string ProductId = "-//MentorBot//MentorBot Check-ins 1.0//EN";

    /// <summary>MIME type of the attachment; its <c>method</c> must match the METHOD inside.</summary>
    public string ContentType => $"text/calendar; charset=UTF-8; method={MethodName}";

    internal string MethodName => Method == CalendarMethod.Cancel ? "CANCEL" : "REQUEST";

    /// <summary>
    /// The invite for a scheduled (or skipped, as a cancellation) check-in, used when Graph cannot create the event.
    /// The organizer is whoever the invite is sent as (the bot's mailbox or the senior); both people are attendees.
    /// </summary>
    public static Result<CalendarInvite, CalendarInviteError> ForCheckIn(
        CheckIn checkIn, Mentorship mentorship, Profile senior, Profile junior, CalendarParty organizer, string uidDomain, DateTimeOffset now,
        CalendarInviteWords? words = null)
    {
        words ??= CalendarInviteWords.English;
        if (checkIn.Meeting is not { } meeting || checkIn.Status is CheckInStatus.Proposed)
        {
            return CalendarInviteError.NotScheduled;
        }

        if (senior.Email is not { } seniorEmail || junior.Email is not { } juniorEmail)
        {
            return CalendarInviteError.MissingEmail;
        }

        CalendarParty[] attendees = [new(senior.DisplayName, seniorEmail), new(junior.DisplayName, juniorEmail)];
        if (!attendees.Append(organizer).All(p => IsPlausibleEmail(p.Email)))
        {
            return CalendarInviteError.InvalidEmail;
        }

        var description = new StringBuilder()
            .Append(string.Format(words.Culture, words.Intro, checkIn.Number, senior.DisplayName, junior.DisplayName, words.SkillName ?? mentorship.Skill.Value))
            .Append('\n');
        if (checkIn.Agenda.Count > 0)
        {
            description.Append('\n').Append(words.AgendaHeading).Append('\n');
            foreach (var topic in checkIn.Agenda)
            {
                description.Append("- ").Append(topic.Text).Append('\n');
            }
        }

        if (meeting.JoinUrl is { } joinUrl)
        {
            description.Append('\n').Append(words.JoinOnTeams).Append(' ').Append(joinUrl).Append('\n');
        }

        return new CalendarInvite(
            $"{checkIn.Id}@{uidDomain}",
            checkIn.Sequence,
            checkIn.Status == CheckInStatus.Skipped ? CalendarMethod.Cancel : CalendarMethod.Request,
            now,
            meeting.Slot,
            string.Format(words.Culture, words.Summary, senior.DisplayName, junior.DisplayName),
            description.ToString().TrimEnd('\n'),
            meeting.JoinUrl,
            organizer,
            attendees) { TeamsMeeting = words.TeamsMeeting };
    }

    private static bool IsPlausibleEmail(string email) =>
        email.Length is > 2 and < 255 && email.IndexOf('@', StringComparison.Ordinal) > 0
        && !email.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '"' or '<' or '>' or ':' or ';' or ',');
}
