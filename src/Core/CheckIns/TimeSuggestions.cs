using MentorBot.Core.Mentorships;
using MentorBot.Core.Outbox;
using MentorBot.Core.Persistence;
using MentorBot.Core.Profiles;
using Microsoft.Extensions.Options;

namespace MentorBot.Core.CheckIns;

/// <summary>What "None of these fit" came to.</summary>
public abstract record SuggestOutcome
{
    private SuggestOutcome()
    {
    }

    /// <summary>The times on offer now (later ones, or the one suggested); the other person has them too.</summary>
    public sealed record Offered(CheckInDetails Details) : SuggestOutcome;

    /// <summary>The check-in was booked meanwhile (the other person picked): nothing to suggest any more.</summary>
    public sealed record AlreadyScheduled(CheckInDetails Details) : SuggestOutcome;

    /// <summary>A suggested time that starts before <see cref="CheckInOptions.MinimumNotice"/> from now (or in the past).</summary>
    public sealed record TooSoon(TimeSpan MinimumNotice) : SuggestOutcome;

    /// <summary>A suggested time further ahead than <see cref="TimeSuggestions.MaxDaysAhead"/> days.</summary>
    public sealed record TooFar(int MaxDays) : SuggestOutcome;

    /// <summary>No later times inside both people's working hours.</summary>
    public sealed record NoTimes(NoSlotsReason Reason) : SuggestOutcome;

    /// <summary>No such check-in, it is closed, or the person is not part of the pair.</summary>
    public sealed record NotFound : SuggestOutcome;
}

/// <summary>
/// "None of these fit" on the time picker: either person asks for later times, or proposes a time of their own,
/// which the other accepts (picks it) or counters (proposes another, or asks for later times) on the same card.
/// The check-in's offered times are replaced, so only what is on offer now can be picked; a booked check-in keeps
/// its booking until one of the new times is picked (as with "Reschedule"). The other person's message is written
/// with the new times (decision 0320), so a Connector failure cannot lose it.
/// </summary>
public sealed class TimeSuggestions(
    ICheckInStore checkIns,
    IMentorshipStore mentorships,
    IProfileStore profiles,
    IRequestMessageDelivery delivery,
    IOptions<CheckInOptions> options,
    TimeProvider time)
{
    /// <summary>How far ahead a suggested time may be.</summary>
    public const int MaxDaysAhead = 90;

    /// <summary>The next times after the ones on offer, inside both people's working hours, to both.</summary>
    public async Task<SuggestOutcome> LaterTimesAsync(CheckInId id, int? movesSequence, UserId by, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, movesSequence, by, cancellationToken) is not { } loaded)
        {
            return new SuggestOutcome.NotFound();
        }

        if (loaded.Booked is { } booked)
        {
            return new SuggestOutcome.AlreadyScheduled(booked);
        }

        var (stored, mentorship, senior, junior) = (loaded.Stored, loaded.Mentorship, loaded.Senior, loaded.Junior);
        var o = options.Value;
        var now = time.GetUtcNow();
        var offered = stored.Value.ProposedSlots;
        var after = offered.Count > 0 ? offered.Max(s => s.End) : now;
        var notBefore = after > now + o.MinimumNotice ? after : now + o.MinimumNotice;
        IReadOnlyCollection<TimeSlot> busy = stored.Value.Meeting is { } meeting ? [meeting.Slot, .. offered] : offered;
        var found = SlotFinder.Find(new SlotSearch(
            senior, junior, notBefore, mentorship.Cadence.MeetingLength, o.SlotsToPropose, o.SearchDays, o.SlotGrid, o.Holidays, busy));
        return found.Found
            ? await OfferAsync(loaded, found.Slots, note: null, suggested: false, cancellationToken)
            : new SuggestOutcome.NoTimes(found.Reason!.Value);
    }

    /// <summary>A time of the proposer's own, for the pairing's meeting length; the other person accepts or counters.</summary>
    /// <param name="note">A line for the other person ("mornings suit me better"), already within its limit.</param>
    public async Task<SuggestOutcome> SuggestAsync(
        CheckInId id, int? movesSequence, DateTimeOffset start, string? note, UserId by, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var now = time.GetUtcNow();
        if (start < now + o.MinimumNotice)
        {
            return new SuggestOutcome.TooSoon(o.MinimumNotice);
        }

        if (start > now + TimeSpan.FromDays(MaxDaysAhead))
        {
            return new SuggestOutcome.TooFar(MaxDaysAhead);
        }

        if (await LoadAsync(id, movesSequence, by, cancellationToken) is not { } loaded)
        {
            return new SuggestOutcome.NotFound();
        }

        if (loaded.Booked is { } booked)
        {
            return new SuggestOutcome.AlreadyScheduled(booked);
        }

        var slot = new TimeSlot(start, start + loaded.Mentorship.Cadence.MeetingLength);
        return await OfferAsync(loaded, [slot], string.IsNullOrWhiteSpace(note) ? null : note.Trim(), suggested: true, cancellationToken);
    }

    private async Task<SuggestOutcome> OfferAsync(Loaded loaded, IReadOnlyList<TimeSlot> slots, string? note, bool suggested, CancellationToken cancellationToken)
    {
        var current = loaded.Stored.Value;
        var changed = current.Status == CheckInStatus.Proposed ? current.Repropose(slots) : current.OfferNewTimes(slots);
        if (!changed.IsOk)
        {
            return new SuggestOutcome.NotFound();
        }

        RequestMessage[] messages =
        [
            CheckInMessage.ForCheckIn(
                loaded.Mentorship.OtherThan(loaded.By), changed.Value!, loaded.By, time.GetUtcNow(), RequestMessageKind.CheckInTimesOffered, note: note, suggested: suggested),
        ];
        try
        {
            await checkIns.ReplaceAsync(changed.Value!, loaded.Stored.ETag, messages, cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            // The other person picked or suggested at the same moment: show what is there now.
            return await checkIns.GetAsync(current.Id, cancellationToken) is { Value: { Status: CheckInStatus.Scheduled } now } && current.Status == CheckInStatus.Proposed
                ? new SuggestOutcome.AlreadyScheduled(new CheckInDetails(now, loaded.Mentorship, loaded.Senior, loaded.Junior))
                : new SuggestOutcome.NotFound();
        }

        await delivery.DeliverAsync(messages, cancellationToken);
        return new SuggestOutcome.Offered(new CheckInDetails(changed.Value!, loaded.Mentorship, loaded.Senior, loaded.Junior));
    }

    /// <param name="Booked">Set when the check-in is no longer open to new times: booked since the card was sent.</param>
    private sealed record Loaded(Versioned<CheckIn> Stored, Mentorship Mentorship, Profile Senior, Profile Junior, UserId By, CheckInDetails? Booked);

    private async Task<Loaded?> LoadAsync(CheckInId id, int? movesSequence, UserId by, CancellationToken cancellationToken)
    {
        if (await checkIns.GetAsync(id, cancellationToken) is not { } stored
            || await mentorships.GetAsync(stored.Value.MentorshipId, cancellationToken) is not { Value: { IsActive: true } mentorship }
            || !mentorship.Involves(by)
            || await profiles.GetAsync(mentorship.Senior, cancellationToken) is not { Value: var senior }
            || await profiles.GetAsync(mentorship.Junior, cancellationToken) is not { Value: var junior })
        {
            return null;
        }

        var checkIn = stored.Value;
        var booked = (movesSequence, checkIn.Status) switch
        {
            (null, CheckInStatus.Proposed) => null,
            (null, CheckInStatus.Scheduled) => new CheckInDetails(checkIn, mentorship, senior, junior),
            ({ } sequence, CheckInStatus.Scheduled or CheckInStatus.Missed) when sequence == checkIn.Sequence => null,
            ({ }, CheckInStatus.Scheduled) => new CheckInDetails(checkIn, mentorship, senior, junior),
            _ => (CheckInDetails?)null,
        };
        if (booked is null && !(checkIn.Status == CheckInStatus.Proposed
            || (movesSequence is { } s && s == checkIn.Sequence && checkIn.Status is CheckInStatus.Scheduled or CheckInStatus.Missed)))
        {
            return null;
        }

        return new Loaded(stored, mentorship, senior, junior, by, booked);
    }
}
