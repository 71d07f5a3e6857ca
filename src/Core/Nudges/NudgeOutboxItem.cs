using MentorBot.Core.CheckIns;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Profiles;

namespace MentorBot.Core.Nudges;

public enum NudgeKind
{
    /// <summary>24 h before: add what you'd like to talk about.</summary>
    AgendaPrep,

    /// <summary>15 min before, with the join link. Never deferred: later it is pointless.</summary>
    StartingSoon,

    /// <summary>After the meeting: "did you meet?" and a short, private feedback form.</summary>
    PostMeeting,

    /// <summary>To the senior after a held meeting: thank your mentor.</summary>
    ThankYouPrompt,

    /// <summary>Nothing held or scheduled for a while: a gentle "shall we find a time?".</summary>
    Inactivity,

    /// <summary>At the planned end: a short survey and "continue or close?".</summary>
    EndOfPeriod,

    /// <summary>
    /// Not a nudge: a message a state change recorded with itself (an offer, an introduction; decision 0306). It is
    /// leased, retried, rate-limited and dead-lettered like a nudge; <see cref="NudgeOutboxItem.Message"/> says what.
    /// </summary>
    Message,
}

/// <summary>
/// Identifies one nudge to one person for one occasion. Re-planning produces the same key, so the outbox's
/// enqueue-if-absent makes planning idempotent. Meeting-bound keys carry the calendar sequence: a rescheduled
/// meeting deserves a fresh agenda/starting-soon nudge for its new time.
/// </summary>
public readonly record struct NudgeKey(string Value)
{
    public override string ToString() => Value;
}

public enum NudgeStatus
{
    Pending,
    Sent,

    /// <summary>Dead-lettered: retries exhausted or the recipient is gone; kept for the operator, never retried.</summary>
    Dead,

    /// <summary>Not sent on purpose: by send time it was obsolete, expired or muted (see <see cref="NudgeRelevance"/>).</summary>
    Dropped,
}

/// <summary>References the card builder needs; the card loads the rest (names, agenda) when it is rendered.</summary>
public sealed record NudgePayload(
    MentorshipId MentorshipId,
    CheckInId? CheckInId = null,
    int? Sequence = null,
    DateTimeOffset? MeetingStart = null,
    string? JoinUrl = null);

/// <param name="TraceParent">The W3C <c>traceparent</c> of the turn that queued it, so the send joins that turn's trace;
/// null when planned in the background. Telemetry only: ids of a span, nothing about a person.</param>
/// <param name="Message">For <see cref="NudgeKind.Message"/> only: what to say, as the storage adapter that recorded
/// it with its state change wrote it; the sender reads it back.</param>
public sealed record NudgeOutboxItem(
    NudgeKey Key,
    UserId Recipient,
    NudgeKind Kind,
    DateTimeOffset DueAt,
    NudgePayload Payload,
    NudgeStatus Status = NudgeStatus.Pending,
    int Attempts = 0,
    DateTimeOffset? NextAttemptAt = null,
    DateTimeOffset? SentAt = null,
    string? LastFailure = null,
    string? TraceParent = null,
    string? Message = null)
{
    /// <summary>The payload of a <see cref="NudgeKind.Message"/>, which belongs to no pairing yet.</summary>
    public static NudgePayload NoPairing { get; } = new(new MentorshipId(string.Empty));

    /// <summary>When a dispatcher may next pick it up.</summary>
    public DateTimeOffset ReadyAt => NextAttemptAt ?? DueAt;
}
