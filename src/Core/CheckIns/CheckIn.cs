using MentorBot.Core.Mentorships;
using MentorBot.Core.Profiles;

namespace MentorBot.Core.CheckIns;

/// <summary>
/// Proposed → Scheduled → Held | Missed, or Skipped. A reschedule keeps the check-in (and its calendar UID) and
/// bumps <see cref="CheckIn.Sequence"/>, so calendars update the existing event instead of adding a second one.
/// </summary>
public enum CheckInStatus
{
    Proposed,
    Scheduled,
    Held,
    Missed,
    Skipped,
}

public enum CheckInError
{
    NoSlots,
    InvalidSlot,
    NotProposed,
    NotScheduled,
    HeldCannotChange,
    Skipped,
    NotAParticipant,
    OnlySenior,
    WrongMentorship,
    NotStartedYet,
    NotHeld,
    EmptyText,
    TextTooLong,
    AgendaFull,
    AlreadyThanked,
    AlreadyPostponed,
}

/// <summary>A meeting time as instants; render it in each person's own zone.</summary>
public sealed record TimeSlot(DateTimeOffset Start, DateTimeOffset End)
{
    public TimeSpan Length => End - Start;
}

/// <param name="JoinUrl">Teams join link (Graph <c>onlineMeeting.joinUrl</c>), once known.</param>
/// <param name="CalendarEventId">Graph event id, when the invite went through Graph rather than an .ics file.</param>
public sealed record ScheduledMeeting(TimeSlot Slot, string? JoinUrl = null, string? CalendarEventId = null);

public sealed record AgendaTopic(UserId AddedBy, string Text, DateTimeOffset AddedAt);

/// <summary>One person's answer to "did you meet?".</summary>
public sealed record AttendanceAnswer(UserId By, bool Met, DateTimeOffset At);

public sealed record CheckIn(
    CheckInId Id,
    MentorshipId MentorshipId,
    int Number,
    CheckInStatus Status,
    IReadOnlyList<TimeSlot> ProposedSlots,
    ScheduledMeeting? Meeting,
    int Sequence,
    IReadOnlyList<AgendaTopic> Agenda,
    IReadOnlyList<AttendanceAnswer> Attendance,
    string? Notes,
    string? OneThingToTry,
    DateTimeOffset? ThankedAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ResolvedAt,
    DateTimeOffset? ThanksRemindAt = null)
{
    public const int MaxTopics = 10;

    /// <summary>An agenda topic's documented maximum (<see cref="TextLimits"/>, README "Free-text limits").</summary>
    public static int MaxTopicLength => TextLimits.MaxLength(FreeTextField.AgendaTopic);

    public const int MaxNotesLength = 4000;

    public bool IsOpen => Status is CheckInStatus.Proposed or CheckInStatus.Scheduled;

    public bool HasAnswered(UserId user) => Attendance.Any(a => a.By == user);

    public static Result<CheckIn, CheckInError> Propose(
        CheckInId id, Mentorship mentorship, int number, IReadOnlyList<TimeSlot> slots, DateTimeOffset now)
    {
        if (slots.Count == 0)
        {
            return CheckInError.NoSlots;
        }

        if (slots.Any(s => s.End <= s.Start))
        {
            return CheckInError.InvalidSlot;
        }

        return new CheckIn(id, mentorship.Id, number, CheckInStatus.Proposed, [.. slots], null, 0, [], [], null, null, null, now, null);
    }

    /// <summary>New times for a proposal nobody picked from before its times passed.</summary>
    public Result<CheckIn, CheckInError> Repropose(IReadOnlyList<TimeSlot> slots)
    {
        if (Status != CheckInStatus.Proposed)
        {
            return ErrorForClosedOr(CheckInError.NotProposed);
        }

        if (slots.Count == 0)
        {
            return CheckInError.NoSlots;
        }

        return slots.Any(s => s.End <= s.Start) ? CheckInError.InvalidSlot : this with { ProposedSlots = [.. slots] };
    }

    /// <summary>The pair picked a time (one of the proposals, or their own).</summary>
    public Result<CheckIn, CheckInError> Schedule(TimeSlot slot, string? joinUrl = null, string? calendarEventId = null)
    {
        if (Status != CheckInStatus.Proposed)
        {
            return ErrorForClosedOr(CheckInError.NotProposed);
        }

        return slot.End <= slot.Start
            ? CheckInError.InvalidSlot
            : this with { Status = CheckInStatus.Scheduled, Meeting = new ScheduledMeeting(slot, joinUrl, calendarEventId) };
    }

    /// <summary>Graph answered with the Teams meeting after the time was chosen.</summary>
    public Result<CheckIn, CheckInError> AttachMeeting(string? joinUrl, string? calendarEventId) =>
        Status == CheckInStatus.Scheduled && Meeting is { } meeting
            ? this with { Meeting = meeting with { JoinUrl = joinUrl, CalendarEventId = calendarEventId } }
            : ErrorForClosedOr(CheckInError.NotScheduled);

    /// <summary>
    /// Move a scheduled (or missed) meeting. The same calendar event is updated, so the join link and event id stay;
    /// earlier "did you meet?" answers belonged to the old time and are dropped.
    /// </summary>
    public Result<CheckIn, CheckInError> Reschedule(TimeSlot slot)
        => RescheduleCore(slot);

    /// <summary>New times for a booked meeting that has to move; the booking stands until one of them is picked.</summary>
    public Result<CheckIn, CheckInError> OfferNewTimes(IReadOnlyList<TimeSlot> slots)
    {
        if (Status is not (CheckInStatus.Scheduled or CheckInStatus.Missed))
        {
            return ErrorForClosedOr(CheckInError.NotScheduled);
        }

        return slots.Count == 0 ? CheckInError.NoSlots : this with { ProposedSlots = [.. slots] };
    }

    private Result<CheckIn, CheckInError> RescheduleCore(TimeSlot slot)
    {
        if (Status is not (CheckInStatus.Scheduled or CheckInStatus.Missed) || Meeting is not { } meeting)
        {
            return ErrorForClosedOr(CheckInError.NotScheduled);
        }

        if (slot.End <= slot.Start)
        {
            return CheckInError.InvalidSlot;
        }

        return this with
        {
            Status = CheckInStatus.Scheduled,
            Meeting = meeting with { Slot = slot },
            Sequence = Sequence + 1,
            Attendance = [],
            ResolvedAt = null,
        };
    }

    /// <summary>Skip this one; a scheduled meeting is cancelled in calendars (so the sequence moves on).</summary>
    public Result<CheckIn, CheckInError> Skip(DateTimeOffset now) => Status switch
    {
        CheckInStatus.Proposed => this with { Status = CheckInStatus.Skipped, ResolvedAt = now },
        CheckInStatus.Scheduled or CheckInStatus.Missed =>
            this with { Status = CheckInStatus.Skipped, Sequence = Sequence + 1, ResolvedAt = now },
        _ => ErrorForClosedOr(CheckInError.NotScheduled),
    };

    /// <summary>
    /// "Did you meet?". A "yes" from either person wins: someone who met knows it, while a "no" can mean "not yet"
    /// or a mix-up; a later "yes" therefore upgrades Missed to Held, and a later "no" never downgrades Held.
    /// </summary>
    public Result<CheckIn, CheckInError> RecordAttendance(Mentorship mentorship, UserId by, bool met, DateTimeOffset now)
    {
        if (Check(mentorship, by) is { } error)
        {
            return error;
        }

        if (Status is not (CheckInStatus.Scheduled or CheckInStatus.Held or CheckInStatus.Missed) || Meeting is not { } meeting)
        {
            return ErrorForClosedOr(CheckInError.NotScheduled);
        }

        if (now < meeting.Slot.Start)
        {
            return CheckInError.NotStartedYet;
        }

        var answers = Attendance.Where(a => a.By != by).Append(new AttendanceAnswer(by, met, now)).ToArray();
        var status = answers.Any(a => a.Met) ? CheckInStatus.Held : CheckInStatus.Missed;
        return this with { Status = status, Attendance = answers, ResolvedAt = ResolvedAt ?? now };
    }

    public Result<CheckIn, CheckInError> AddAgendaTopic(Mentorship mentorship, UserId by, string text, DateTimeOffset now)
    {
        if (Check(mentorship, by) is { } error)
        {
            return error;
        }

        if (!IsOpen)
        {
            return ErrorForClosedOr(CheckInError.NotScheduled);
        }

        if (CleanText(FreeTextField.AgendaTopic, text) is not { } topic)
        {
            return string.IsNullOrWhiteSpace(text) ? CheckInError.EmptyText : CheckInError.TextTooLong;
        }

        return Agenda.Count >= MaxTopics
            ? CheckInError.AgendaFull
            : this with { Agenda = [.. Agenda, new AgendaTopic(by, topic, now)] };
    }

    /// <summary>Shared notes of a meeting, shown to both on the next agenda card; appended per person.</summary>
    public Result<CheckIn, CheckInError> RecordNotes(Mentorship mentorship, UserId by, string notes)
    {
        if (Check(mentorship, by) is { } error)
        {
            return error;
        }

        // Each note is one shared-note answer (its own limit); the appended notes of both people have a larger one.
        if (CleanText(FreeTextField.SharedNote, notes) is not { } clean)
        {
            return string.IsNullOrWhiteSpace(notes) ? CheckInError.EmptyText : CheckInError.TextTooLong;
        }

        // Both people may add notes (each on their own feedback card): a second note is appended, never overwrites.
        var combined = Notes is null ? clean : $"{Notes}\n\n{clean}";
        if (combined.Length > MaxNotesLength)
        {
            return CheckInError.TextTooLong;
        }

        return Status == CheckInStatus.Skipped ? CheckInError.Skipped : this with { Notes = combined };
    }

    /// <summary>The senior's commitment after a held meeting: the one thing they will try before the next one.</summary>
    public Result<CheckIn, CheckInError> RecordOneThingToTry(Mentorship mentorship, UserId by, string text)
    {
        if (CheckSeniorAfterHeld(mentorship, by) is { } error)
        {
            return error;
        }

        // One of the feedback card's answers, so it has their limit.
        if (CleanText(FreeTextField.FeedbackAnswer, text) is not { } clean)
        {
            return string.IsNullOrWhiteSpace(text) ? CheckInError.EmptyText : CheckInError.TextTooLong;
        }

        return this with { OneThingToTry = clean };
    }

    /// <summary>The senior thanked the junior (the thank-you prompt stops once this is set).</summary>
    public Result<CheckIn, CheckInError> RecordThanks(Mentorship mentorship, UserId by, DateTimeOffset now)
    {
        if (Check(mentorship, by) is { } error)
        {
            return error;
        }

        if (by != mentorship.Senior)
        {
            return CheckInError.OnlySenior;
        }

        return Status == CheckInStatus.Held ? this with { ThankedAt = ThankedAt ?? now } : CheckInError.NotHeld;
    }

    /// <summary>
    /// The senior's "Maybe later" on the thank-you prompt: one more prompt at <paramref name="remindAt"/>, once. A second
    /// "later" is <see cref="CheckInError.AlreadyPostponed"/>: MentorBot stops asking rather than nag about gratitude.
    /// </summary>
    public Result<CheckIn, CheckInError> PostponeThanks(Mentorship mentorship, UserId by, DateTimeOffset remindAt)
    {
        if (CheckSeniorAfterHeld(mentorship, by) is { } error)
        {
            return error;
        }

        if (ThankedAt is not null)
        {
            return CheckInError.AlreadyThanked;
        }

        return ThanksRemindAt is null ? this with { ThanksRemindAt = remindAt } : CheckInError.AlreadyPostponed;
    }

    /// <summary>What only the senior may do, and only after a held meeting (commit to something, postpone thanks).</summary>
    private CheckInError? CheckSeniorAfterHeld(Mentorship mentorship, UserId by)
    {
        if (Check(mentorship, by) is { } error)
        {
            return error;
        }

        if (by != mentorship.Senior)
        {
            return CheckInError.OnlySenior;
        }

        return Status == CheckInStatus.Held ? null : CheckInError.NotHeld;
    }

    private CheckInError? Check(Mentorship mentorship, UserId by)
    {
        if (mentorship.Id != MentorshipId)
        {
            return CheckInError.WrongMentorship;
        }

        return mentorship.Involves(by) ? null : CheckInError.NotAParticipant;
    }

    private CheckInError ErrorForClosedOr(CheckInError otherwise) => Status switch
    {
        CheckInStatus.Held => CheckInError.HeldCannotChange,
        CheckInStatus.Skipped => CheckInError.Skipped,
        _ => otherwise,
    };

    /// <summary>
    /// The trimmed text, or null when it is blank or over the field's limit. The limit applies to what was typed, as
    /// the Bot's check of the card submit does (decision 0251), so both refuse exactly the same inputs.
    /// </summary>
    private static string? CleanText(FreeTextField field, string text)
    {
        var trimmed = text.Trim();
        return trimmed.Length == 0 || TextLimits.Check(field, text) is not null ? null : trimmed;
    }
}
