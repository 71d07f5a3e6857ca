using MentorBot.Core.Skills;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Persistence;
using MentorBot.Core.Profiles;
using MentorBot.Core.Requests;
using Microsoft.Extensions.Options;
using MentorBot.Core.Outbox;

namespace MentorBot.Core.CheckIns;

/// <summary>What asking for check-in times came to.</summary>
public abstract record ProposeOutcome
{
    private ProposeOutcome()
    {
    }

    /// <summary>New times, offered to both; the caller shows them to the person who asked.</summary>
    public sealed record Proposed(CheckInDetails Details) : ProposeOutcome;

    /// <summary>Times were already offered and some are still ahead: show those again.</summary>
    public sealed record AlreadyProposed(CheckInDetails Details) : ProposeOutcome;

    /// <summary>The next check-in is already booked.</summary>
    public sealed record AlreadyScheduled(CheckInDetails Details) : ProposeOutcome;

    public sealed record NotPossible(NoNextCheckInReason Reason) : ProposeOutcome;

    public sealed record NoTimes(NoSlotsReason Reason) : ProposeOutcome;

    /// <summary>No such pairing, it has ended, or the person is not part of it.</summary>
    public sealed record NotFound : ProposeOutcome;
}

/// <summary>What picking a time came to.</summary>
public abstract record ScheduleOutcome
{
    private ScheduleOutcome()
    {
    }

    public sealed record Scheduled(CheckInDetails Details) : ScheduleOutcome;

    /// <summary>The other person picked first (or this was pressed twice): the check-in as it is booked.</summary>
    public sealed record AlreadyScheduled(CheckInDetails Details) : ScheduleOutcome;

    /// <summary>The time is not one that was offered, or it has passed.</summary>
    public sealed record TimeGone : ScheduleOutcome;

    public sealed record NotFound : ScheduleOutcome;
}

/// <summary>What answering the post-meeting card came to.</summary>
public abstract record FeedbackOutcome
{
    private FeedbackOutcome()
    {
    }

    public sealed record Recorded(CheckInDetails Details, CheckInFeedback Feedback) : FeedbackOutcome;

    public sealed record Refused(FeedbackError Reason) : FeedbackOutcome;

    public sealed record NotFound : FeedbackOutcome;
}

/// <summary>What the senior's thank-you came to.</summary>
public abstract record ThanksOutcome
{
    private ThanksOutcome()
    {
    }

    /// <param name="Manager">What became of the copy to the junior's manager, when the senior asked for one.</param>
    public sealed record Sent(CheckInDetails Details, ManagerCopy Manager = ManagerCopy.NotAsked) : ThanksOutcome;

    /// <summary>"Maybe later": asked again at <paramref name="RemindAt"/>.</summary>
    public sealed record Postponed(CheckInDetails Details, DateTimeOffset RemindAt) : ThanksOutcome;

    /// <summary>"Maybe later" a second time: MentorBot stops asking.</summary>
    public sealed record NoMoreReminders(CheckInDetails Details) : ThanksOutcome;

    /// <summary>No held check-in waits for a thank-you (already thanked, or none held yet).</summary>
    public sealed record NothingToThankFor : ThanksOutcome;

    /// <summary>The note is over its limit (<see cref="TextLimits"/>); nothing was read or changed, nobody was told.</summary>
    public sealed record TooLong(TextTooLong Problem) : ThanksOutcome;

    public sealed record NotFound : ThanksOutcome;
}

/// <summary>The manager copy of a thank-you (recognition for the junior, opt-in per program).</summary>
public enum ManagerCopy
{
    NotAsked,
    Copied,

    /// <summary>The program (or, outside programs, the organisation) does not allow copying managers.</summary>
    NotAllowed,

    /// <summary>The junior's profile names no manager.</summary>
    NoManager,

    /// <summary>The manager has not installed MentorBot (or removed it), so Teams has no chat to post to.</summary>
    Unreachable,
}

/// <summary>What the end-of-period answer came to.</summary>
public abstract record PeriodOutcome
{
    private PeriodOutcome()
    {
    }

    public sealed record Continued(Mentorship Mentorship) : PeriodOutcome;

    public sealed record Closed(Mentorship Mentorship) : PeriodOutcome;

    /// <summary>The highlight is over its limit (<see cref="TextLimits"/>); no answer was kept and the pairing is unchanged.</summary>
    public sealed record TooLong(TextTooLong Problem) : PeriodOutcome;

    public sealed record NotFound : PeriodOutcome;
}

/// <summary>
/// Check-ins of a pair: offers times inside both people's working hours, books the one either of them picks (first
/// pick wins, by ETag), puts it in calendars when a calendar is configured, and tells the other person. What it tells
/// people is written with the check-in's own write and sent through the outbox (decision 0320).
/// </summary>
public sealed class CheckInService(
    ICheckInStore checkIns,
    IMentorshipStore mentorships,
    IProfileStore profiles,
    ICalendar calendar,
    IRequestMessageDelivery delivery,
    IOptions<CheckInOptions> options,
    IManagerCopyPolicy managerCopy,
    TimeProvider time,
    PairingMessages pairingMessages,
    IAvailability? availability = null)
{
    public async Task<ProposeOutcome> ProposeAsync(MentorshipId pairing, UserId by, CancellationToken cancellationToken)
    {
        if (await LoadPairAsync(pairing, by, cancellationToken) is not ({ } mentorship, { } senior, { } junior))
        {
            return new ProposeOutcome.NotFound();
        }

        var now = time.GetUtcNow();
        var existing = await checkIns.ListAsync(pairing, cancellationToken);
        var open = existing.LastOrDefault(c => c.IsOpen);
        if (open is { Status: CheckInStatus.Scheduled } && open.Meeting!.Slot.End > now)
        {
            return new ProposeOutcome.AlreadyScheduled(new CheckInDetails(open, mentorship, senior, junior));
        }

        if (open is { Status: CheckInStatus.Proposed } && open.ProposedSlots.Any(s => s.Start > now))
        {
            return new ProposeOutcome.AlreadyProposed(new CheckInDetails(open, mentorship, senior, junior));
        }

        var next = CheckInCadence.Next(mentorship, existing, senior, options.Value, now);
        if (!next.IsOk)
        {
            return new ProposeOutcome.NotPossible(next.Error!.Value);
        }

        var search = CheckInCadence.SearchFor(next.Value!, mentorship, senior, junior, options.Value);
        var found = SlotFinder.Find(await WithCalendarsAsync(search, cancellationToken));
        if (!found.Found)
        {
            return new ProposeOutcome.NoTimes(found.Reason!.Value);
        }

        CheckIn proposal;
        RequestMessage[] messages;
        if (next.Value!.Replaces is { } stale && existing.FirstOrDefault(c => c.Id == stale) is { } old
            && await checkIns.GetAsync(old.Id, cancellationToken) is { } current)
        {
            proposal = current.Value.Repropose(found.Slots).Unwrap();
            messages = [TellOther(mentorship, proposal, by, RequestMessageKind.CheckInTimesOffered)];
            await checkIns.ReplaceAsync(proposal, current.ETag, messages, cancellationToken);
        }
        else
        {
            proposal = CheckIn.Propose(new CheckInId($"c-{Guid.CreateVersion7(now):N}"), mentorship, next.Value.Number, found.Slots, now).Unwrap();
            messages = [TellOther(mentorship, proposal, by, RequestMessageKind.CheckInTimesOffered)];
            await checkIns.InsertAsync(proposal, messages, cancellationToken);
        }

        await delivery.DeliverAsync(messages, cancellationToken);
        return new ProposeOutcome.Proposed(new CheckInDetails(proposal, mentorship, senior, junior));
    }

    public async Task<ScheduleOutcome> ScheduleAsync(CheckInId id, DateTimeOffset start, UserId by, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (await checkIns.GetAsync(id, cancellationToken) is not { } stored
                || await LoadPairAsync(stored.Value.MentorshipId, by, cancellationToken) is not ({ } mentorship, { } senior, { } junior))
            {
                return new ScheduleOutcome.NotFound();
            }

            var checkIn = stored.Value;
            if (checkIn.Status == CheckInStatus.Scheduled)
            {
                return new ScheduleOutcome.AlreadyScheduled(new CheckInDetails(checkIn, mentorship, senior, junior));
            }

            var slot = checkIn.ProposedSlots.FirstOrDefault(s => s.Start == start);
            if (slot is null || slot.Start <= time.GetUtcNow() || checkIn.Schedule(slot) is not { IsOk: true } scheduled)
            {
                return new ScheduleOutcome.TimeGone();
            }

            ETag etag;
            RequestMessage[] messages = [TellOther(mentorship, scheduled.Value!, by, RequestMessageKind.CheckInBooked)];
            try
            {
                etag = await checkIns.ReplaceAsync(scheduled.Value!, stored.ETag, messages, cancellationToken);
            }
            catch (ConcurrencyConflictException)
            {
                // The other person picked at the same moment: read again and answer with what won.
                continue;
            }

            var booked = scheduled.Value!;
            if (await calendar.CreateAsync(new CheckInDetails(booked, mentorship, senior, junior), cancellationToken) is CalendarOutcome.Scheduled { Meeting: var meeting }
                && booked.AttachMeeting(meeting.JoinUrl, meeting.CalendarEventId) is { IsOk: true } withMeeting)
            {
                try
                {
                    await checkIns.ReplaceAsync(withMeeting.Value!, etag, cancellationToken);
                    booked = withMeeting.Value!;
                }
                catch (ConcurrencyConflictException)
                {
                    // Someone changed it meanwhile (a topic added); the event exists, the link shows on the next read.
                }
            }

            // Sent after the calendar step, so the card the other person gets shows the meeting link when there is one.
            await delivery.DeliverAsync(messages, cancellationToken);
            return new ScheduleOutcome.Scheduled(new CheckInDetails(booked, mentorship, senior, junior));
        }

        return new ScheduleOutcome.TimeGone();
    }

    /// <summary>
    /// Records "did we meet?" and the private feedback with it (both or neither). Feedback is never shown to the
    /// other person; answering stops the post-meeting nudge for this person.
    /// </summary>
    public async Task<FeedbackOutcome> SubmitFeedbackAsync(CheckInId id, FeedbackSubmission submission, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (await checkIns.GetAsync(id, cancellationToken) is not { } stored
                || await LoadPairAsync(stored.Value.MentorshipId, submission.From, cancellationToken) is not ({ } mentorship, { } senior, { } junior))
            {
                return new FeedbackOutcome.NotFound();
            }

            var recorded = CheckInFeedback.Submit(mentorship, stored.Value, submission, time.GetUtcNow());
            if (!recorded.IsOk)
            {
                return new FeedbackOutcome.Refused(recorded.Error!.Value);
            }

            try
            {
                await checkIns.RecordFeedbackAsync(recorded.Value!.CheckIn, stored.ETag, recorded.Value.Feedback, cancellationToken);
            }
            catch (ConcurrencyConflictException)
            {
                // The other person answered at the same moment: apply this answer to what they saved.
                continue;
            }

            return new FeedbackOutcome.Recorded(new CheckInDetails(recorded.Value.CheckIn, mentorship, senior, junior), recorded.Value.Feedback);
        }

        return new FeedbackOutcome.NotFound();
    }

    /// <summary>The senior thanks the junior for the latest held check-in; the junior gets the note.</summary>
    /// <param name="copyManager">The senior ticked "copy their manager"; honoured only where <see cref="IManagerCopyPolicy"/> allows.</param>
    public async Task<ThanksOutcome> ThankAsync(MentorshipId pairing, UserId by, string note, bool copyManager, CancellationToken cancellationToken)
    {
        if (TextLimits.Check(FreeTextField.ThanksNote, note) is { } tooLong)
        {
            return new ThanksOutcome.TooLong(tooLong);
        }

        if (await LoadPairAsync(pairing, by, cancellationToken) is not ({ } mentorship, { } senior, { } junior) || by != mentorship.Senior)
        {
            return new ThanksOutcome.NotFound();
        }

        if (await LatestUnthankedAsync(pairing, cancellationToken) is not { } stored
            || stored.Value.RecordThanks(mentorship, by, time.GetUtcNow()) is not { IsOk: true } thanked)
        {
            return new ThanksOutcome.NothingToThankFor();
        }

        var details = new CheckInDetails(thanked.Value!, mentorship, senior, junior);
        var copy = copyManager ? await CopyManagerAsync(details, cancellationToken) : ManagerCopy.NotAsked;
        var now = time.GetUtcNow();
        // The manager's copy first, so by the time the junior reads "your manager got a copy" it is on its way.
        RequestMessage[] messages = copy == ManagerCopy.Copied
            ? [CheckInMessage.ForCheckIn(junior.ManagerId!.Value, thanked.Value!, by, now, RequestMessageKind.ThanksCopiedToManager, note),
               CheckInMessage.ForCheckIn(mentorship.Junior, thanked.Value!, by, now, RequestMessageKind.ThanksReceived, note, managerCopied: true)]
            : [CheckInMessage.ForCheckIn(mentorship.Junior, thanked.Value!, by, now, RequestMessageKind.ThanksReceived, note, managerCopied: false)];
        try
        {
            await checkIns.ReplaceAsync(thanked.Value!, stored.ETag, messages, cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            // Pressed twice at once: the first one thanked; nothing more to send.
            return new ThanksOutcome.NothingToThankFor();
        }

        await delivery.DeliverAsync(messages, cancellationToken);
        return new ThanksOutcome.Sent(details, copy);
    }

    /// <summary>The message telling the other person of the pair that <paramref name="by"/> changed the check-in.</summary>
    private RequestMessage TellOther(Mentorship mentorship, CheckIn changed, UserId by, RequestMessageKind kind) =>
        CheckInMessage.ForCheckIn(mentorship.OtherThan(by), changed, by, time.GetUtcNow(), kind);

    /// <summary>The latest held check-in nobody has thanked for yet, at its current version; null when there is none.</summary>
    private async Task<Versioned<CheckIn>?> LatestUnthankedAsync(MentorshipId pairing, CancellationToken cancellationToken) =>
        (await checkIns.ListAsync(pairing, cancellationToken)).LastOrDefault(c => c.Status == CheckInStatus.Held && c.ThankedAt is null) is { } held
            ? await checkIns.GetAsync(held.Id, cancellationToken)
            : null;

    /// <summary>Whether the thank-you may be copied to the junior's manager: allowed, named, and someone MentorBot can reach.</summary>
    private async Task<ManagerCopy> CopyManagerAsync(CheckInDetails details, CancellationToken cancellationToken)
    {
        if (!await managerCopy.AllowedAsync(details.Mentorship, cancellationToken))
        {
            return ManagerCopy.NotAllowed;
        }

        if (details.Junior.ManagerId is not { } managerId || managerId == details.Senior.Id)
        {
            return ManagerCopy.NoManager;
        }

        return await delivery.CanReachAsync(managerId, cancellationToken) ? ManagerCopy.Copied : ManagerCopy.Unreachable;
    }

    /// <summary>
    /// "Maybe later" on the thank-you prompt: the prompt comes back once after <see cref="CheckInOptions.ThanksLaterDelay"/>
    /// (planned like every nudge, so quiet hours and snoozes apply); a second "later" ends the reminders.
    /// </summary>
    public async Task<ThanksOutcome> PostponeThanksAsync(MentorshipId pairing, UserId by, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            if (await LoadPairAsync(pairing, by, cancellationToken) is not ({ } mentorship, { } senior, { } junior) || by != mentorship.Senior)
            {
                return new ThanksOutcome.NotFound();
            }

            if (await LatestUnthankedAsync(pairing, cancellationToken) is not { } stored)
            {
                return new ThanksOutcome.NothingToThankFor();
            }

            var remindAt = time.GetUtcNow() + options.Value.ThanksLaterDelay;
            var postponed = stored.Value.PostponeThanks(mentorship, by, remindAt);
            if (postponed.Error == CheckInError.AlreadyPostponed)
            {
                return new ThanksOutcome.NoMoreReminders(new CheckInDetails(stored.Value, mentorship, senior, junior));
            }

            if (!postponed.IsOk)
            {
                return new ThanksOutcome.NothingToThankFor();
            }

            try
            {
                await checkIns.ReplaceAsync(postponed.Value!, stored.ETag, cancellationToken);
                return new ThanksOutcome.Postponed(new CheckInDetails(postponed.Value!, mentorship, senior, junior), remindAt);
            }
            catch (ConcurrencyConflictException)
            {
                // A feedback answer landed at the same moment: apply "later" to what is stored now.
            }
        }

        return new ThanksOutcome.NothingToThankFor();
    }

    /// <summary>
    /// Either person changes how often and how long they meet; the next check-in is planned with it, and the other
    /// person is told. Returns the pairing as changed, or null when it is not theirs or has ended.
    /// </summary>
    public async Task<Mentorship?> ChangeCadenceAsync(MentorshipId pairing, UserId by, Cadence cadence, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (await mentorships.GetAsync(pairing, cancellationToken) is not { } stored || !stored.Value.Involves(by)
                || stored.Value.ChangeCadence(cadence) is not { IsOk: true } changed)
            {
                return null;
            }

            try
            {
                // The other person's message is written with the change and sent through the outbox (decision 0307).
                await pairingMessages.ReplaceAndTellAsync(changed.Value!, stored.ETag, by, RequestMessageKind.CadenceChanged, cancellationToken);
            }
            catch (ConcurrencyConflictException) when (attempt < 3)
            {
                continue;
            }

            return changed.Value;
        }
    }

    /// <summary>
    /// "Reschedule" on a booked check-in: new times inside both people's hours (from the minimum notice on, not the
    /// booked time), offered to both; the booking stands until one is picked with <see cref="MoveAsync"/>.
    /// </summary>
    public async Task<ProposeOutcome> OfferNewTimesAsync(CheckInId id, UserId by, CancellationToken cancellationToken)
    {
        if (await checkIns.GetAsync(id, cancellationToken) is not { } stored
            || await LoadPairAsync(stored.Value.MentorshipId, by, cancellationToken) is not ({ } mentorship, { } senior, { } junior)
            || stored.Value.Meeting is not { } booked)
        {
            return new ProposeOutcome.NotFound();
        }

        var o = options.Value;
        var found = SlotFinder.Find(await WithCalendarsAsync(new SlotSearch(
            senior, junior, time.GetUtcNow() + o.MinimumNotice, mentorship.Cadence.MeetingLength, o.SlotsToPropose, o.SearchDays, o.SlotGrid, o.Holidays, [booked.Slot]), cancellationToken));
        if (!found.Found)
        {
            return new ProposeOutcome.NoTimes(found.Reason!.Value);
        }

        if (stored.Value.OfferNewTimes(found.Slots) is not { IsOk: true } offered)
        {
            return new ProposeOutcome.NotPossible(NoNextCheckInReason.OpenCheckInExists);
        }

        RequestMessage[] messages = [TellOther(mentorship, offered.Value!, by, RequestMessageKind.CheckInTimesOffered)];
        try
        {
            await checkIns.ReplaceAsync(offered.Value!, stored.ETag, messages, cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            return new ProposeOutcome.NotFound();
        }

        await delivery.DeliverAsync(messages, cancellationToken);
        return new ProposeOutcome.Proposed(new CheckInDetails(offered.Value!, mentorship, senior, junior));
    }

    /// <summary>
    /// Moves a booked check-in to one of the new times. <paramref name="sequence"/> is the booking the times were
    /// offered for: if someone moved it meanwhile, the caller gets the check-in as it is now booked.
    /// </summary>
    public async Task<ScheduleOutcome> MoveAsync(CheckInId id, int sequence, DateTimeOffset start, UserId by, CancellationToken cancellationToken)
    {
        if (await checkIns.GetAsync(id, cancellationToken) is not { } stored
            || await LoadPairAsync(stored.Value.MentorshipId, by, cancellationToken) is not ({ } mentorship, { } senior, { } junior))
        {
            return new ScheduleOutcome.NotFound();
        }

        if (stored.Value.Sequence != sequence || stored.Value.Status != CheckInStatus.Scheduled)
        {
            return new ScheduleOutcome.AlreadyScheduled(new CheckInDetails(stored.Value, mentorship, senior, junior));
        }

        var slot = stored.Value.ProposedSlots.FirstOrDefault(s => s.Start == start);
        if (slot is null || slot.Start <= time.GetUtcNow() || stored.Value.Reschedule(slot) is not { IsOk: true } moved)
        {
            return new ScheduleOutcome.TimeGone();
        }

        RequestMessage[] messages = [TellOther(mentorship, moved.Value!, by, RequestMessageKind.CheckInBooked)];
        try
        {
            await checkIns.ReplaceAsync(moved.Value!, stored.ETag, messages, cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            return await checkIns.GetAsync(id, cancellationToken) is { } now
                ? new ScheduleOutcome.AlreadyScheduled(new CheckInDetails(now.Value, mentorship, senior, junior))
                : new ScheduleOutcome.NotFound();
        }

        var details = new CheckInDetails(moved.Value!, mentorship, senior, junior);
        await calendar.UpdateAsync(details, cancellationToken);
        await delivery.DeliverAsync(messages, cancellationToken);
        return new ScheduleOutcome.Scheduled(details);
    }

    /// <summary>
    /// The end-of-period card: the survey answer is kept either way; "continue" extends the pairing by another term,
    /// "close" completes it (the other person is told). A pairing the other person already closed stays closed.
    /// </summary>
    public Task<PeriodOutcome> EndOfPeriodAsync(
        MentorshipId pairing, UserId by, bool keepGoing, int? rating, string? highlight, CancellationToken cancellationToken) =>
        EndOfPeriodAsync(pairing, by, keepGoing, rating, highlight, levelNow: null, cancellationToken);

    /// <param name="levelNow">
    /// The learner's answer to "where are you now with this skill?" (decision 0461). Kept only from the pair's senior,
    /// with where they started and their target as their profile says when they answer; ignored from the other person.
    /// </param>
    public async Task<PeriodOutcome> EndOfPeriodAsync(
        MentorshipId pairing, UserId by, bool keepGoing, int? rating, string? highlight, SkillLevel? levelNow, CancellationToken cancellationToken)
    {
        var text = string.IsNullOrWhiteSpace(highlight) ? null : highlight.Trim();
        if (TextLimits.Check(FreeTextField.PeriodHighlight, text) is { } tooLong)
        {
            return new PeriodOutcome.TooLong(tooLong);
        }

        for (var attempt = 1; ; attempt++)
        {
            if (await mentorships.GetAsync(pairing, cancellationToken) is not { } stored || !stored.Value.Involves(by))
            {
                return new PeriodOutcome.NotFound();
            }

            var now = time.GetUtcNow();
            var review = new PeriodReview(pairing, by, rating is >= 1 and <= 5 ? rating : null, text, keepGoing, now);
            if (levelNow is { } level && Enum.IsDefined(level) && by == stored.Value.Senior)
            {
                var wanted = (await profiles.GetAsync(by, cancellationToken))?.Value.Wants.FirstOrDefault(w => w.Skill == stored.Value.Skill);
                review = review with { LevelNow = level, LevelBefore = wanted?.Current, LevelTarget = wanted?.Target };
            }

            await checkIns.SaveReviewAsync(review, cancellationToken);
            if (stored.Value.State.Status == MentorshipStatus.Ended)
            {
                return new PeriodOutcome.Closed(stored.Value);
            }

            var term = options.Value.CadenceFor(stored.Value.Program).TermMonths;
            var changed = keepGoing
                ? stored.Value.Extend((stored.Value.PlannedEnd > now ? stored.Value.PlannedEnd : now).AddMonths(term))
                : stored.Value.End(EndReason.Completed, now);
            if (!changed.IsOk)
            {
                return new PeriodOutcome.NotFound();
            }

            try
            {
                // Closing tells the other person, recorded with the pairing's end (decision 0307); extending tells nobody.
                await (keepGoing
                    ? mentorships.ReplaceAsync(changed.Value!, stored.ETag, cancellationToken)
                    : pairingMessages.ReplaceAndTellAsync(changed.Value!, stored.ETag, by, RequestMessageKind.PairingChanged, cancellationToken));
            }
            catch (ConcurrencyConflictException) when (attempt < 3)
            {
                continue;
            }

            if (!keepGoing)
            {
                // The same cancellation as every other end (decision 0290): no meeting left with nobody to meet.
                await new PairingCalendar(checkIns, profiles, calendar, time).CancelFutureEventsAsync(changed.Value!, cancellationToken);
            }

            return keepGoing ? new PeriodOutcome.Continued(changed.Value!) : new PeriodOutcome.Closed(changed.Value!);
        }
    }

    /// <summary>Adds a topic to an open check-in's agenda (both can, until it is over); returns the agenda or why not.</summary>
    public async Task<Result<CheckInDetails, CheckInError>> AddTopicAsync(CheckInId id, UserId by, string topic, CancellationToken cancellationToken) =>
        await ChangeAsync(id, by, (checkIn, mentorship) => checkIn.AddAgendaTopic(mentorship, by, topic, time.GetUtcNow()), cancellationToken);

    /// <summary>Skips a check-in (its calendar event is cancelled, its nudges stop); the cadence moves on from here.</summary>
    public async Task<Result<CheckInDetails, CheckInError>> SkipAsync(CheckInId id, UserId by, CancellationToken cancellationToken)
    {
        // The other person hears about a skipped upcoming meeting or open proposal; not about tidying up a past one.
        IReadOnlyList<RequestMessage> messages = [];
        var skipped = await ChangeAsync(
            id,
            by,
            (checkIn, _) => checkIn.Skip(time.GetUtcNow()),
            cancellationToken,
            (changed, mentorship) => messages = changed.Meeting is { } past && past.Slot.End <= time.GetUtcNow()
                ? []
                : [TellOther(mentorship, changed, by, RequestMessageKind.CheckInSkipped)]);
        if (skipped.IsOk && skipped.Value!.CheckIn.Meeting is not null)
        {
            await calendar.CancelAsync(skipped.Value, cancellationToken);
        }

        if (skipped.IsOk)
        {
            await delivery.DeliverAsync(messages, cancellationToken);
        }

        return skipped;
    }

    /// <param name="tell">What the change must tell people, written with it; none when null.</param>
    private async Task<Result<CheckInDetails, CheckInError>> ChangeAsync(
        CheckInId id,
        UserId by,
        Func<CheckIn, Mentorship, Result<CheckIn, CheckInError>> change,
        CancellationToken cancellationToken,
        Func<CheckIn, Mentorship, IReadOnlyList<RequestMessage>>? tell = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (await checkIns.GetAsync(id, cancellationToken) is not { } stored
                || await LoadPairAsync(stored.Value.MentorshipId, by, cancellationToken) is not ({ } mentorship, { } senior, { } junior))
            {
                return CheckInError.NotAParticipant;
            }

            var changed = change(stored.Value, mentorship);
            if (!changed.IsOk)
            {
                return changed.Error!.Value;
            }

            try
            {
                await checkIns.ReplaceAsync(changed.Value!, stored.ETag, tell?.Invoke(changed.Value!, mentorship) ?? [], cancellationToken);
                return new CheckInDetails(changed.Value!, mentorship, senior, junior);
            }
            catch (ConcurrencyConflictException) when (attempt < 3)
            {
                // The other person changed it at the same moment (added a topic): apply this change to theirs.
            }
        }
    }

    /// <summary>Adds both people's busy times from their calendars, when those can be read (decision 0372).</summary>
    private async Task<SlotSearch> WithCalendarsAsync(SlotSearch search, CancellationToken cancellationToken)
    {
        if (availability is null)
        {
            return search;
        }

        // One day either side covers every zone's local days the finder walks.
        var from = search.NotBefore.AddDays(-1);
        var to = search.NotBefore.AddDays(search.SearchDays + 1);
        var busy = await availability.BusyAsync(search.Organizer, search.Other, from, to, cancellationToken);
        return busy is null or { Count: 0 } ? search : search with { Busy = [.. search.Busy ?? [], .. busy] };
    }

    private async Task<(Mentorship Mentorship, Profile Senior, Profile Junior)?> LoadPairAsync(
        MentorshipId pairing, UserId by, CancellationToken cancellationToken)
    {
        if (await mentorships.GetAsync(pairing, cancellationToken) is not { Value: { IsActive: true } mentorship } || !mentorship.Involves(by)
            || await profiles.GetAsync(mentorship.Senior, cancellationToken) is not { Value: var senior }
            || await profiles.GetAsync(mentorship.Junior, cancellationToken) is not { Value: var junior })
        {
            return null;
        }

        return (mentorship, senior, junior);
    }
}
