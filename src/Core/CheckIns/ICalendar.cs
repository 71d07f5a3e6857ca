using MentorBot.Core.Mentorships;
using MentorBot.Core.Profiles;

namespace MentorBot.Core.CheckIns;

/// <summary>A check-in with what a calendar or an invite needs about the pair.</summary>
public sealed record CheckInDetails(CheckIn CheckIn, Mentorship Mentorship, Profile Senior, Profile Junior);

public enum CalendarFailure
{
    /// <summary>A participant has no e-mail address, so nobody can be invited.</summary>
    MissingEmail,

    /// <summary>The check-in has no meeting time (still proposed).</summary>
    NotScheduled,

    /// <summary>The calendar service refused the request (permissions, policy, bad data); retrying will not help.</summary>
    Rejected,

    /// <summary>Throttled or temporarily unavailable; try again after <c>RetryAfter</c> when given.</summary>
    Unavailable,
}

/// <summary>What happened to a calendar request, as a value the caller decides on.</summary>
public abstract record CalendarOutcome
{
    private CalendarOutcome()
    {
    }

    /// <summary>The event exists (created or moved); store the join link and event id on the check-in.</summary>
    public sealed record Scheduled(ScheduledMeeting Meeting) : CalendarOutcome;

    /// <summary>The event was cancelled in both calendars (or was already gone).</summary>
    public sealed record Cancelled : CalendarOutcome;

    /// <summary>No calendar service is configured: offer the .ics invite instead.</summary>
    public sealed record NotConfigured : CalendarOutcome;

    public sealed record Failed(CalendarFailure Reason, TimeSpan? RetryAfter = null) : CalendarOutcome;
}

/// <summary>
/// Puts a check-in in both people's calendars as a Teams meeting. Implementations are safe to retry: a repeated
/// create for the same check-in does not produce a second event.
/// </summary>
public interface ICalendar
{
    /// <summary>Creates the event for a scheduled check-in.</summary>
    Task<CalendarOutcome> CreateAsync(CheckInDetails details, CancellationToken cancellationToken);

    /// <summary>Moves the event after a reschedule; creates one when the check-in has none yet (or it was deleted).</summary>
    Task<CalendarOutcome> UpdateAsync(CheckInDetails details, CancellationToken cancellationToken);

    /// <summary>Cancels the event of a skipped check-in; attendees get the cancellation.</summary>
    Task<CalendarOutcome> CancelAsync(CheckInDetails details, CancellationToken cancellationToken);
}
