using MentorBot.Core.CheckIns;
using MentorBot.Core.Outbox;
using MentorBot.Core.Persistence;
using MentorBot.Core.Profiles;
using MentorBot.Core.Skills;
using Microsoft.Extensions.Options;
using NodaTime;

namespace MentorBot.Core.Sessions;

/// <summary>
/// The pairs' rule (<see cref="Programs.ManagerCopyRules"/>) for sessions: the session's program says whether a host's
/// manager may be copied on a thank-you; outside programs <see cref="CheckInOptions.ManagersMayBeCopied"/>. Both off by default.
/// </summary>
public static class SessionManagerCopy
{
    public static async Task<bool> AllowedAsync(GroupSession session, Programs.IProgramStore programs, CheckInOptions options, CancellationToken cancellationToken) =>
        session.Program is { } program
            ? await programs.GetAsync(program, cancellationToken) is { Value.ManagersMayBeCopied: true }
            : options.ManagersMayBeCopied;
}

/// <summary>What a host offers: the draft a chat form or a test fills in.</summary>
/// <param name="HostShownName">The name the announcement may show; null shows the host's display name (they see it before posting).</param>
public sealed record SessionDraft(
    string Topic,
    SkillId? Skill,
    string Description,
    TimeSpan Length,
    int Seats,
    IReadOnlyList<DateTimeOffset> Starts,
    ProgramId? Program = null,
    string? HostShownName = null,
    UserId? CoHost = null);

public enum DraftProblem
{
    TopicMissing,
    TopicTooLong,
    DescriptionTooLong,
    LengthOutOfRange,
    SeatsOutOfRange,
    NoDates,
    TooManyDates,
    DateInPast,
    DatesOverlap,
    CoHostUnknown,
}

public abstract record OfferOutcome
{
    private OfferOutcome()
    {
    }

    public sealed record Created(GroupSession Session) : OfferOutcome;

    public sealed record Invalid(DraftProblem Problem, int Limit = 0) : OfferOutcome;
}

public enum JoinResult
{
    Seated,
    Waitlisted,
    AlreadySeated,
    AlreadyWaitlisted,
    WaitlistFull,
    IsHost,

    /// <summary>Cancelled, already begun, or in another tenant.</summary>
    Closed,
    NotFound,
}

public sealed record JoinOutcome(JoinResult Result, GroupSession? Session = null, int? Place = null);

public enum LeaveResult
{
    LeftSeat,
    LeftWaitlist,
    NotAttending,
    NotFound,
}

public enum HostChangeResult
{
    Done,
    NotHost,
    AlreadyCancelled,
    NotFound,
    Invalid,
}

public enum RatingResult
{
    Saved,
    NotAttended,
    Invalid,
    NotFound,
}

public enum ThanksResult
{
    Sent,
    AlreadyThanked,
    NotAttended,
    TooLong,
    NotFound,
}

/// <summary>
/// Group sessions (decision 0470): offering, joining and leaving with a waitlist, moving and cancelling. Every change
/// is one conditional write of the session with its attendee rows and the messages it must send; a lost race re-reads
/// and decides again, so the seat counter never over-books and each person is told one thing per change.
/// </summary>
public sealed class GroupSessionService(
    IGroupSessionStore store,
    IProfileStore profiles,
    IRequestMessageDelivery delivery,
    IAvailability availability,
    Programs.IProgramStore programs,
    IOptions<GroupSessionOptions> options,
    IOptions<CheckInOptions> checkInOptions,
    TimeProvider time)
{
    private const int MaxAttempts = 400;
    private readonly GroupSessionOptions _options = options.Value;

    public GroupSessionOptions Options => _options;

    /// <summary>
    /// Times inside the host's working hours (and free/busy where the calendar integration provides it) for a session
    /// of <paramref name="length"/>: the host picks one.
    /// </summary>
    public async Task<SlotSearchResult> ProposeTimesAsync(Profile host, TimeSpan length, int count, CancellationToken cancellationToken)
    {
        var settings = checkInOptions.Value;
        var notBefore = time.GetUtcNow().AddDays(1);
        var busy = await availability.BusyAsync(host, host, notBefore, notBefore.AddDays(settings.SearchDays), cancellationToken);
        return SlotFinder.Find(new SlotSearch(host, host, notBefore, length, count, settings.SearchDays, settings.SlotGrid, settings.Holidays, busy));
    }

    /// <summary>
    /// A weekly series: the same local time in <paramref name="timeZoneId"/> every week, so a DST change moves the
    /// instant, not the host's wall clock. A local time that does not exist that day is moved forward.
    /// </summary>
    public static IReadOnlyList<DateTimeOffset> WeeklySeries(DateTimeOffset first, int count, string timeZoneId)
    {
        var zone = TimeZones.Find(timeZoneId) ?? DateTimeZone.Utc;
        var local = Instant.FromDateTimeOffset(first).InZone(zone).LocalDateTime;
        return [.. Enumerable.Range(0, Math.Max(1, count)).Select(week => local.PlusWeeks(week).InZoneLeniently(zone).ToInstant().ToDateTimeOffset())];
    }

    public async Task<OfferOutcome> OfferAsync(Profile host, SessionDraft draft, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (Validate(draft, now) is { } invalid)
        {
            return invalid;
        }

        List<UserId> hosts = [host.Id];
        if (draft.CoHost is { } coHost && coHost != host.Id)
        {
            if (await profiles.GetAsync(coHost, cancellationToken) is not { Value: var co } || co.Tenant != host.Tenant)
            {
                return new OfferOutcome.Invalid(DraftProblem.CoHostUnknown);
            }

            hosts.Add(coHost);
        }

        var shown = string.IsNullOrWhiteSpace(draft.HostShownName) ? host.DisplayName : draft.HostShownName.Trim();
        var session = new GroupSession(
            GroupSessionId.New(Guid.NewGuid()), hosts, shown[..Math.Min(shown.Length, 100)], draft.Skill, draft.Topic.Trim(), draft.Description.Trim(),
            draft.Length, draft.Seats, [.. draft.Starts.Order()], now)
        {
            Tenant = host.Tenant,
            Program = draft.Program,
        };
        // Announced once in the program's chosen channel (decision 0475): the row is written with the session.
        RequestMessage[] announcement = draft.Program is { } programId
            && await programs.GetAsync(programId, cancellationToken) is { Value: { SessionsChannel: { Length: > 0 } } program }
            && program.Tenant == host.Tenant
                ? [Message(session, "announce", RequestMessageKind.SessionAnnounced, Programs.MentoringProgram.SessionsChannelRecipient(programId), now)]
                : [];
        await store.InsertAsync(session, announcement, cancellationToken);
        await delivery.DeliverAsync(announcement, cancellationToken);
        return new OfferOutcome.Created(session);
    }

    private OfferOutcome.Invalid? Validate(SessionDraft draft, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(draft.Topic))
        {
            return new(DraftProblem.TopicMissing);
        }

        if (draft.Topic.Length > _options.MaxTopicLength)
        {
            return new(DraftProblem.TopicTooLong, _options.MaxTopicLength);
        }

        if (draft.Description.Length > _options.MaxDescriptionLength)
        {
            return new(DraftProblem.DescriptionTooLong, _options.MaxDescriptionLength);
        }

        if (draft.Length < _options.MinLength || draft.Length > _options.MaxLength)
        {
            return new(DraftProblem.LengthOutOfRange);
        }

        if (draft.Seats < 1 || draft.Seats > _options.MaxSeats)
        {
            return new(DraftProblem.SeatsOutOfRange, _options.MaxSeats);
        }

        if (draft.Starts.Count == 0)
        {
            return new(DraftProblem.NoDates);
        }

        if (draft.Starts.Count > _options.MaxSeriesLength)
        {
            return new(DraftProblem.TooManyDates, _options.MaxSeriesLength);
        }

        if (draft.Starts.Any(s => s <= now))
        {
            return new(DraftProblem.DateInPast);
        }

        var ordered = draft.Starts.Order().ToList();
        return ordered.Zip(ordered.Skip(1)).Any(p => p.Second < p.First + draft.Length) ? new(DraftProblem.DatesOverlap) : null;
    }

    public Task<SessionSnapshot?> GetAsync(GroupSessionId id, CancellationToken cancellationToken) => store.GetAsync(id, cancellationToken);

    /// <summary>Open sessions of the person's tenant with a date still to come, soonest first.</summary>
    public async Task<IReadOnlyList<GroupSession>> UpcomingAsync(Profile reader, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return [.. (await store.ListAsync(reader.Tenant, false, now, cancellationToken)).Where(s => s.IsUpcomingAt(now)).OrderBy(s => s.Starts.First(d => d > now))];
    }

    /// <summary>Upcoming sessions on <paramref name="skill"/> someone can still join (offered beside one-to-one candidates).</summary>
    public async Task<IReadOnlyList<GroupSession>> CoveringAsync(Profile reader, SkillId skill, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return [.. (await UpcomingAsync(reader, cancellationToken)).Where(s => s.Skill == skill && s.IsJoinableAt(now) && !s.IsHost(reader.Id))];
    }

    /// <summary>
    /// One press: a seat while there is one, else the waitlist (first come, first served by the ticket the session row
    /// hands out in the same conditional write). The person is told by one message written with the change.
    /// </summary>
    public async Task<JoinOutcome> JoinAsync(GroupSessionId id, Profile person, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var now = time.GetUtcNow();
            if (await store.GetAsync(id, cancellationToken) is not { } snapshot)
            {
                return new(JoinResult.NotFound);
            }

            var session = snapshot.Session.Value;
            if (session.Tenant != person.Tenant)
            {
                return new(JoinResult.NotFound);
            }

            if (session.IsHost(person.Id))
            {
                return new(JoinResult.IsHost, session);
            }

            var mine = snapshot.Find(person.Id);
            switch (mine?.Value.Status)
            {
                case AttendeeStatus.Seated:
                    return new(JoinResult.AlreadySeated, session);
                case AttendeeStatus.Waitlisted:
                    return new(JoinResult.AlreadyWaitlisted, session, snapshot.PlaceOf(person.Id));
            }

            if (!session.IsJoinableAt(now))
            {
                return new(JoinResult.Closed, session);
            }

            var seated = session.SeatsTaken < session.Seats;
            if (!seated && snapshot.Waitlist.Count() >= _options.MaxWaitlist)
            {
                return new(JoinResult.WaitlistFull, session);
            }

            var ticket = session.NextTicket;
            var changed = session with { SeatsTaken = session.SeatsTaken + (seated ? 1 : 0), NextTicket = ticket + 1 };
            var attendee = new SessionAttendee(id, person.Id, seated ? AttendeeStatus.Seated : AttendeeStatus.Waitlisted, ticket, now) { Tenant = session.Tenant };
            var kind = seated ? RequestMessageKind.SessionSeat : RequestMessageKind.SessionWaitlisted;
            RequestMessage[] messages = [Message(session, $"t{ticket}", kind, person.Id, now)];
            try
            {
                await store.WriteAsync(changed, snapshot.Session.ETag, [new AttendeeWrite(attendee, mine?.ETag)], messages, cancellationToken);
            }
            catch (ConcurrencyConflictException) when (attempt < MaxAttempts)
            {
                await BackOffAsync(attempt, cancellationToken);
                continue;
            }

            await delivery.DeliverAsync(messages, cancellationToken);
            return seated ? new(JoinResult.Seated, changed) : new(JoinResult.Waitlisted, changed, snapshot.Waitlist.Count() + 1);
        }
    }

    /// <summary>Leaving frees the seat; the first on the waitlist gets it in the same write and is told.</summary>
    public async Task<LeaveResult> LeaveAsync(GroupSessionId id, UserId person, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var now = time.GetUtcNow();
            if (await store.GetAsync(id, cancellationToken) is not { } snapshot)
            {
                return LeaveResult.NotFound;
            }

            var session = snapshot.Session.Value;
            if (snapshot.Find(person) is not { Value.Status: AttendeeStatus.Seated or AttendeeStatus.Waitlisted } mine)
            {
                return LeaveResult.NotAttending;
            }

            var writes = new List<AttendeeWrite> { new(mine.Value with { Status = AttendeeStatus.Left }, mine.ETag) };
            var messages = new List<RequestMessage>();
            var changed = session;
            var wasSeated = mine.Value.Status == AttendeeStatus.Seated;
            if (wasSeated)
            {
                var next = session.Status == SessionStatus.Open && session.LastEnd > now ? snapshot.Waitlist.FirstOrDefault() : null;
                if (next is null)
                {
                    changed = session with { SeatsTaken = Math.Max(0, session.SeatsTaken - 1) };
                }
                else
                {
                    writes.Add(new(next with { Status = AttendeeStatus.Seated }, snapshot.Find(next.Person)!.ETag));
                    messages.Add(Message(session, $"t{next.Ticket}", RequestMessageKind.SessionSeatFreed, next.Person, now));
                }
            }

            // The session row is written even when its counters stay: the ETag serialises every change of the session.
            try
            {
                await store.WriteAsync(changed, snapshot.Session.ETag, writes, messages, cancellationToken);
            }
            catch (ConcurrencyConflictException) when (attempt < MaxAttempts)
            {
                await BackOffAsync(attempt, cancellationToken);
                continue;
            }

            await delivery.DeliverAsync(messages, cancellationToken);
            return wasSeated ? LeaveResult.LeftSeat : LeaveResult.LeftWaitlist;
        }
    }

    /// <summary>The host cancels: everyone with a seat or on the waitlist is told once.</summary>
    public Task<HostChangeResult> CancelAsync(GroupSessionId id, UserId by, CancellationToken cancellationToken) =>
        CancelCoreAsync(id, by, RequestMessageKind.SessionCancelled, cancellationToken);

    /// <summary>
    /// The host moves one date of the session to <paramref name="newStart"/>: everyone with a seat or on the waitlist
    /// is told once, and nudges and calendar entries for the old time become obsolete (the sequence moves on).
    /// </summary>
    public Task<HostChangeResult> MoveAsync(GroupSessionId id, UserId by, int occurrence, DateTimeOffset newStart, CancellationToken cancellationToken) =>
        HostChangeAsync(id, by, (snapshot, now) =>
        {
            var session = snapshot.Session.Value;
            if (occurrence < 0 || occurrence >= session.Starts.Count || newStart <= now || session.Starts[occurrence] <= now)
            {
                return null;
            }

            var starts = session.Starts.Select((s, i) => i == occurrence ? newStart : s).Order().ToList();
            if (starts.Zip(starts.Skip(1)).Any(p => p.Second < p.First + session.Length))
            {
                return null;
            }

            var changed = session with { Starts = starts, Sequence = session.Sequence + 1 };
            return (changed, Everyone(snapshot)
                .Select(p => Message(changed, $"s{changed.Sequence}", RequestMessageKind.SessionMoved, p, now) with { Occurrence = starts.IndexOf(newStart) })
                .ToList());
        }, cancellationToken);

    /// <summary>
    /// The host stepped out of <paramref name="program"/>: their sessions in it that have not started are cancelled,
    /// and everyone signed up gets a kind message that gives no reason. Returns how many were cancelled.
    /// </summary>
    public async Task<int> HostLeftProgramAsync(Profile host, ProgramId program, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var cancelled = 0;
        foreach (var session in await store.ListAsync(host.Tenant, false, now, cancellationToken))
        {
            if (session.Program == program && session.IsHost(host.Id) && session.Status == SessionStatus.Open && session.FirstStart > now
                && await CancelCoreAsync(session.Id, host.Id, RequestMessageKind.SessionCancelledKindly, cancellationToken) == HostChangeResult.Done)
            {
                cancelled++;
            }
        }

        return cancelled;
    }

    /// <summary>An attendee thanks the host (after the session): one message to each host, once per attendee.</summary>
    public async Task<ThanksResult> ThankAsync(GroupSessionId id, UserId from, string? note, bool copyManager, CancellationToken cancellationToken)
    {
        if (note is { Length: > 1000 })
        {
            return ThanksResult.TooLong;
        }

        for (var attempt = 1; ; attempt++)
        {
            var now = time.GetUtcNow();
            if (await store.GetAsync(id, cancellationToken) is not { } snapshot)
            {
                return ThanksResult.NotFound;
            }

            var session = snapshot.Session.Value;
            if (snapshot.Find(from) is not { Value.Status: AttendeeStatus.Seated } mine || session.FirstStart > now)
            {
                return ThanksResult.NotAttended;
            }

            if (mine.Value.ThankedAt is not null)
            {
                return ThanksResult.AlreadyThanked;
            }

            var messages = new List<RequestMessage>();
            var mayCopy = copyManager && await ManagerCopyAllowedAsync(session, cancellationToken);
            foreach (var host in session.Hosts)
            {
                // The manager copy only where the caller's policy allows it (the pairs' opt-in) and MentorBot can reach them.
                var copied = false;
                if (mayCopy && await profiles.GetAsync(host, cancellationToken) is { Value.ManagerId: { } manager }
                    && await delivery.CanReachAsync(manager, cancellationToken))
                {
                    copied = true;
                    messages.Add(Message(session, $"from-{from.AadObjectId}-{host.AadObjectId}", RequestMessageKind.SessionThanksCopiedToManager, manager, now) with { Candidate = from, Note = note });
                }

                messages.Add(Message(session, $"from-{from.AadObjectId}", RequestMessageKind.SessionThanked, host, now) with { Candidate = from, Note = note, ManagerCopied = copied });
            }

            try
            {
                await store.WriteAsync(session, snapshot.Session.ETag, [new(mine.Value with { ThankedAt = now }, mine.ETag)], messages, cancellationToken);
            }
            catch (ConcurrencyConflictException) when (attempt < MaxAttempts)
            {
                await BackOffAsync(attempt, cancellationToken);
                continue;
            }

            await delivery.DeliverAsync(messages, cancellationToken);
            return ThanksResult.Sent;
        }
    }

    /// <summary>An attendee's private 1–5 rating of one date, after it began; a second rating of the same date replaces the first.</summary>
    public async Task<RatingResult> RateAsync(GroupSessionId id, UserId from, int occurrence, int rating, CancellationToken cancellationToken)
    {
        if (rating is < 1 or > 5)
        {
            return RatingResult.Invalid;
        }

        for (var attempt = 1; ; attempt++)
        {
            var now = time.GetUtcNow();
            if (await store.GetAsync(id, cancellationToken) is not { } snapshot)
            {
                return RatingResult.NotFound;
            }

            var session = snapshot.Session.Value;
            if (occurrence < 0 || occurrence >= session.Starts.Count)
            {
                return RatingResult.Invalid;
            }

            if (snapshot.Find(from) is not { Value.Status: AttendeeStatus.Seated } mine || session.Starts[occurrence] > now)
            {
                return RatingResult.NotAttended;
            }

            var ratings = mine.Value.Ratings.Where(r => r.Occurrence != occurrence).Append(new SessionRating(occurrence, rating, now)).ToList();
            try
            {
                await store.WriteAsync(session, snapshot.Session.ETag, [new(mine.Value with { Ratings = ratings }, mine.ETag)], [], cancellationToken);
            }
            catch (ConcurrencyConflictException) when (attempt < MaxAttempts)
            {
                await BackOffAsync(attempt, cancellationToken);
                continue;
            }

            return RatingResult.Saved;
        }
    }

    public Task<bool> ManagerCopyAllowedAsync(GroupSession session, CancellationToken cancellationToken) =>
        SessionManagerCopy.AllowedAsync(session, programs, checkInOptions.Value, cancellationToken);

    private Task<HostChangeResult> CancelCoreAsync(GroupSessionId id, UserId by, RequestMessageKind kind, CancellationToken cancellationToken) =>
        HostChangeAsync(id, by, (snapshot, now) =>
        {
            var changed = snapshot.Session.Value with { Status = SessionStatus.Cancelled, Sequence = snapshot.Session.Value.Sequence + 1, CancelledAt = now };
            return (changed, Everyone(snapshot).Select(p => Message(changed, $"s{changed.Sequence}", kind, p, now)).ToList());
        }, cancellationToken);

    /// <summary>
    /// A change only a host may make to a session that is not cancelled: read, check, write the changed session with
    /// its messages on the read's ETag (a lost race reads again), then deliver. <paramref name="change"/> returns null
    /// for a change that is not possible (<see cref="HostChangeResult.Invalid"/>).
    /// </summary>
    private async Task<HostChangeResult> HostChangeAsync(
        GroupSessionId id,
        UserId by,
        Func<SessionSnapshot, DateTimeOffset, (GroupSession Changed, List<RequestMessage> Messages)?> change,
        CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var now = time.GetUtcNow();
            if (await store.GetAsync(id, cancellationToken) is not { } snapshot)
            {
                return HostChangeResult.NotFound;
            }

            var session = snapshot.Session.Value;
            if (!session.IsHost(by))
            {
                return HostChangeResult.NotHost;
            }

            if (session.Status == SessionStatus.Cancelled)
            {
                return HostChangeResult.AlreadyCancelled;
            }

            if (change(snapshot, now) is not { } result)
            {
                return HostChangeResult.Invalid;
            }

            var (changed, messages) = result;

            try
            {
                await store.WriteAsync(changed, snapshot.Session.ETag, [], messages, cancellationToken);
            }
            catch (ConcurrencyConflictException) when (attempt < MaxAttempts)
            {
                await BackOffAsync(attempt, cancellationToken);
                continue;
            }

            await delivery.DeliverAsync(messages, cancellationToken);
            return HostChangeResult.Done;
        }
    }

    private static IEnumerable<UserId> Everyone(SessionSnapshot snapshot) =>
        snapshot.Seated.Concat(snapshot.Waitlist).Select(a => a.Person).Distinct();

    /// <summary>The message key: session, what makes this change unique (ticket, sequence), kind, recipient.</summary>
    internal static RequestMessage Message(GroupSession session, string change, RequestMessageKind kind, UserId recipient, DateTimeOffset at) =>
        new($"{session.Id.Value}.{change}.{kind}.{recipient.AadObjectId}", default, recipient, kind, at, Session: session.Id);

    // Losers of a race re-read at once a few times, then spread out, so fifty presses at once settle without a storm.
    private static Task BackOffAsync(int attempt, CancellationToken cancellationToken) =>
        attempt < 3 ? Task.CompletedTask : Task.Delay(Random.Shared.Next(1, Math.Min(20, attempt * 2)), cancellationToken);
}
