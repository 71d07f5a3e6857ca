using MentorBot.Core.Profiles;
using MentorBot.Core.Skills;
using MentorBot.Core.Tenants;

namespace MentorBot.Core.Sessions;

public enum SessionStatus
{
    Open,
    Cancelled,
}

public enum AttendeeStatus
{
    Seated,
    Waitlisted,
    Left,
}

/// <summary>
/// A group session (decision 0470): a host (or two) teaching a group one topic, on one date or a short series of
/// dates. The seat counter (<see cref="SeatsTaken"/>) and the ticket counter (<see cref="NextTicket"/>) live on this
/// record, so every join, leave and promotion is a conditional write of it (its ETag) together with the attendee rows
/// and the messages: first come, first served across instances.
/// </summary>
/// <param name="HostShownName">The only name of the host a public announcement shows: the one the host chose to share.</param>
/// <param name="Skill">The catalog skill the session covers, when it is one (else the topic is free text).</param>
/// <param name="Starts">The dates, in order; a series has up to <see cref="GroupSessionOptions.MaxSeriesLength"/>.</param>
public sealed record GroupSession(
    GroupSessionId Id,
    IReadOnlyList<UserId> Hosts,
    string HostShownName,
    SkillId? Skill,
    string Topic,
    string Description,
    TimeSpan Length,
    int Seats,
    IReadOnlyList<DateTimeOffset> Starts,
    DateTimeOffset CreatedAt)
{
    /// <summary>The hosts' tenant; only people of the same tenant see or join it.</summary>
    public TenantId? Tenant { get; init; }

    public ProgramId? Program { get; init; }

    public SessionStatus Status { get; init; } = SessionStatus.Open;

    /// <summary>Bumps on every move or cancellation: nudges and calendar entries planned for an older one are obsolete.</summary>
    public int Sequence { get; init; }

    public int SeatsTaken { get; init; }

    /// <summary>The ticket the next successful join gets: tickets order the waitlist (first come, first served).</summary>
    public long NextTicket { get; init; } = 1;

    public DateTimeOffset? CancelledAt { get; init; }

    public int SeatsLeft => Math.Max(0, Seats - SeatsTaken);

    public DateTimeOffset FirstStart => Starts[0];

    public DateTimeOffset LastEnd => Starts[^1] + Length;

    public bool IsHost(UserId person) => Hosts.Contains(person);

    /// <summary>Still worth joining: open and its first date not yet begun.</summary>
    public bool IsJoinableAt(DateTimeOffset now) => Status == SessionStatus.Open && now < FirstStart;

    /// <summary>Has a date still to come.</summary>
    public bool IsUpcomingAt(DateTimeOffset now) => Status == SessionStatus.Open && Starts.Any(s => s > now);
}

/// <summary>One person's place in a session: a seat, a place on the waitlist (by <see cref="Ticket"/>) or gone.</summary>
public sealed record SessionAttendee(GroupSessionId Session, UserId Person, AttendeeStatus Status, long Ticket, DateTimeOffset JoinedAt)
{
    public TenantId? Tenant { get; init; }

    /// <summary>When the attendee's thank-you reached the host (one per attendee and session).</summary>
    public DateTimeOffset? ThankedAt { get; init; }

    /// <summary>The attendee's private ratings (1–5), one per date they rated; only totals of five or more are ever shown.</summary>
    public IReadOnlyList<SessionRating> Ratings { get; init; } = [];
}

/// <summary>One private rating of one date of a session.</summary>
public sealed record SessionRating(int Occurrence, int Rating, DateTimeOffset At);

/// <summary>A session with the version it was read at and every attendee row (with theirs).</summary>
public sealed record SessionSnapshot(Persistence.Versioned<GroupSession> Session, IReadOnlyList<Persistence.Versioned<SessionAttendee>> Attendees)
{
    public Persistence.Versioned<SessionAttendee>? Find(UserId person) => Attendees.FirstOrDefault(a => a.Value.Person == person);

    public IEnumerable<SessionAttendee> Seated => Attendees.Select(a => a.Value).Where(a => a.Status == AttendeeStatus.Seated).OrderBy(a => a.Ticket);

    /// <summary>The waitlist, first come first served (lowest ticket first).</summary>
    public IEnumerable<SessionAttendee> Waitlist => Attendees.Select(a => a.Value).Where(a => a.Status == AttendeeStatus.Waitlisted).OrderBy(a => a.Ticket);

    /// <summary>1-based place on the waitlist, or null when not on it.</summary>
    public int? PlaceOf(UserId person)
    {
        var place = 0;
        foreach (var waiting in Waitlist)
        {
            place++;
            if (waiting.Person == person)
            {
                return place;
            }
        }

        return null;
    }
}

/// <summary>An attendee row to write with the session: <see cref="IfMatch"/> null inserts it.</summary>
public sealed record AttendeeWrite(SessionAttendee Attendee, Persistence.ETag? IfMatch);
