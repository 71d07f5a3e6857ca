using System.Net;
using MentorBot.Bot.Protocol.Connector;
using MentorBot.Bot.Telemetry;
using MentorBot.Core.CheckIns;
using MentorBot.Core.Matching;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Nudges;
using MentorBot.Core.Persistence;
using MentorBot.Core.Profiles;
using MentorBot.Core.Requests;
using Microsoft.Extensions.Options;
using MentorBot.Core;
using MentorBot.Core.Programs;
using MentorBot.Core.Outbox;

namespace MentorBot.Bot.Proactive;

/// <summary>
/// Sends the messages request steps recorded with their writes (decision 0306). Right after a step's write the turn
/// hands its messages here (<see cref="DeliverAsync"/>): they are leased and sent at once, so people hear as fast as
/// before; whatever that cannot send (the Connector failing, throttling, the process dying) stays pending in the
/// outbox, and <see cref="NudgeDispatcher"/> leases it with the nudges and sends it through <see cref="DispatchAsync"/>,
/// with the same leases, rate limits, retries and dead-letters (<see cref="OutboxSend"/>).
/// </summary>
public sealed partial class RequestMessageDispatch(
    IRequestMessageOutbox outbox,
    IRequestStore requests,
    IMentorshipStore mentorships,
    IProfileStore profiles,
    ICheckInStore checkIns,
    Core.Sessions.SessionMessageRenderer sessions,
    CardNotifier notifier,
    IConversationReferenceStore references,
    TeamsSendRateLimiter limiter,
    SentNudgeLog sentLog,
    IOptions<NudgeOptions> options,
    TimeProvider timeProvider,
    ILogger<RequestMessageDispatch> logger) : IRequestMessageDelivery
{
    private readonly NudgeOptions _options = options.Value;

    /// <summary>The lease owner of sends made right after a turn's write.</summary>
    public string InstanceId { get; } = options.Value.InstanceId is { Length: > 0 } configured
        ? configured
        : $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}";

    internal OutboxSend Send { get; } = new(outbox, limiter, sentLog, options.Value, timeProvider, logger);

    public async Task DeliverAsync(IReadOnlyList<RequestMessage> messages, CancellationToken cancellationToken)
    {
        if (messages.Count == 0)
        {
            return;
        }

        try
        {
            var leases = await outbox.LeaseAsync(
                [.. messages.Select(m => new NudgeKey(m.Key))], timeProvider.GetUtcNow(), InstanceId, _options.LeaseDuration, cancellationToken);

            // The step's messages go out together (decision 0410), each person's in the order the step recorded them,
            // and what they are rendered from (the request, the pair, the people) is read once for all of them.
            var reads = new RenderReads(requests, profiles, mentorships, checkIns);
            await Task.WhenAll(leases
                .GroupBy(lease => RequestMessageJson.Read(lease.Item)?.Recipient)
                .Select(async forOne =>
                {
                    foreach (var lease in forOne)
                    {
                        // Measured as the dispatcher measures what it sends, so every message shows in the same counter.
                        using var span = MentorBotTelemetry.Source.StartActivity("outbox dispatch", System.Diagnostics.ActivityKind.Consumer);
                        span?.SetTag(MentorBotTelemetry.KindTag, nameof(NudgeKind.Message));
                        MentorBotTelemetry.RecordDispatch(span, nameof(NudgeKind.Message), (await DispatchAsync(lease, reads, cancellationToken)).ToString());
                    }
                }));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The step is written and its messages are safe in the outbox: the dispatcher sends them on its next pass.
            Log.LeftForDispatcher(logger, messages.Count, exception);
        }
    }

    /// <summary>Someone with a 1:1 chat with MentorBot (a conversation reference) can be sent messages.</summary>
    public async Task<bool> CanReachAsync(UserId person, CancellationToken cancellationToken) =>
        await references.GetAsync(PersonKey.From(person), cancellationToken) is not null;

    /// <summary>
    /// The retention sweep (decision 0320): settled messages go <see cref="NudgeOptions.SettledMessageRetention"/> after
    /// they were last due. Returns how many went.
    /// </summary>
    public Task<int> SweepSettledAsync(CancellationToken cancellationToken) =>
        outbox.DeleteSettledAsync(timeProvider.GetUtcNow() - _options.SettledMessageRetention, cancellationToken);

    public Task<IReadOnlyList<NudgeLease>> LeaseDueAsync(DateTimeOffset now, string owner, TimeSpan leaseFor, int maxItems, CancellationToken cancellationToken) =>
        outbox.LeaseDueAsync(now, owner, leaseFor, maxItems, cancellationToken);

    /// <summary>Renders the leased message from the request as it is now, sends it and settles the lease.</summary>
    public Task<NudgeDispatchOutcome> DispatchAsync(NudgeLease lease, CancellationToken cancellationToken) =>
        DispatchAsync(lease, new RenderReads(requests, profiles, mentorships, checkIns), cancellationToken);

    private async Task<NudgeDispatchOutcome> DispatchAsync(NudgeLease lease, RenderReads reads, CancellationToken cancellationToken)
    {
        try
        {
            return await DispatchCoreAsync(lease, reads, cancellationToken);
        }
        catch (StorageUnavailableException exception)
        {
            Log.StoreUnavailable(logger, exception);
            return NudgeDispatchOutcome.Abandoned;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Log.DispatchBug(logger, exception);
            return await Send.FailAsync(lease, exception);
        }
    }

    private async Task<NudgeDispatchOutcome> DispatchCoreAsync(NudgeLease lease, RenderReads reads, CancellationToken cancellationToken)
    {
        if (await Send.RecordIfDeliveredAsync(lease) is { } recorded)
        {
            return recorded;
        }

        var message = RequestMessageJson.Read(lease.Item);

        // Where to send is read while the message is rendered (independent reads, decision 0410).
        var referenceRead = message is null ? null : RenderReads.Observed(references.GetAsync(PersonKey.From(message.Recipient), cancellationToken));
        if (message is null || await RenderAsync(message, reads, cancellationToken) is not { } notification)
        {
            // The request, a person or the pairing is gone (forgotten, deleted), or the offer was answered first.
            return await Send.DropAsync(lease, NudgeRelevance.Obsolete, cancellationToken);
        }

        var person = PersonKey.From(message.Recipient);
        if (await referenceRead! is not { } reference)
        {
            return await Send.FailAsync(lease, new SendOutcome.Failed(HttpStatusCode.NotFound, "NoConversationReference"), cancellationToken);
        }

        var conversationId = reference.Conversation?.Id ?? person.Value;
        if (await Send.WaitForRateLimitsAsync(lease, conversationId, reference.Conversation?.TenantId ?? string.Empty, cancellationToken) is { } putBack)
        {
            return putBack;
        }

        // Not cancelled from here on: stopping between "delivered" and "recorded" is what makes a duplicate.
        var outcome = await notifier.SendAsync(message.Recipient, notification, CancellationToken.None);
        return await Send.SettleAsync(lease, outcome, conversationId);
    }

    /// <summary>The notification the message stands for, from the request, people and pairing as they are now.</summary>
    private async Task<Notification?> RenderAsync(RequestMessage message, RenderReads reads, CancellationToken cancellationToken)
    {
        if (message.IsAboutSession)
        {
            // Group sessions (decision 0470): rendered from the session as it is now, or nothing when it moved on.
            return await sessions.RenderAsync(message, cancellationToken);
        }

        switch (message.Kind)
        {
            case RequestMessageKind.PartnerLeft:
                // Self-contained (decision 0320): the pairing and the person who left are gone by now.
                return message.Skill is { } skill ? new PartnerLeft(skill, message.Note ?? string.Empty) : null;
            case RequestMessageKind.CheckInTimesOffered or RequestMessageKind.CheckInBooked or RequestMessageKind.CheckInSkipped
                or RequestMessageKind.ThanksReceived or RequestMessageKind.ThanksCopiedToManager:
                return await RenderCheckInAsync(message, reads, cancellationToken);
            case RequestMessageKind.ConcernForOwner or RequestMessageKind.PairingPausedQuietly:
                return await RenderConcernAsync(message, reads, cancellationToken);
        }

        if (message.Kind is RequestMessageKind.PairingChanged or RequestMessageKind.CadenceChanged)
        {
            // A pairing's message (decision 0307): rendered from the pairing as it is now; gone pairing or person, nothing.
            if (message.Mentorship is not { } changed
                || await reads.Mentorship(changed, cancellationToken) is not { Value: var pairing }
                || message.Candidate is not { } by
                || await reads.Profile(by, cancellationToken) is not { Value: var byProfile })
            {
                return null;
            }

            return message.Kind == RequestMessageKind.CadenceChanged ? new CadenceChanged(pairing, byProfile) : new PairingChanged(pairing, byProfile, message.Note);
        }

        // A new pair's message needs the pair and both people: the pair is read with the request, the two people together.
        var requestRead = reads.Request(message.Request, cancellationToken);
        var pairingRead = message.Kind == RequestMessageKind.PairingStarted && message.Mentorship is { } started ? reads.Mentorship(started, cancellationToken) : null;
        if (await requestRead is not { Value: var stored })
        {
            return null;
        }

        var seniorRead = reads.Profile(stored.Senior, cancellationToken);
        if (message.Kind == RequestMessageKind.Offered)
        {
            _ = reads.Profile(message.Recipient, cancellationToken);
        }
        else if (message.Kind == RequestMessageKind.Progress && message.Candidate is { } named)
        {
            _ = reads.Profile(named, cancellationToken);
        }
        else if (pairingRead is not null && await pairingRead is { Value: var pair })
        {
            _ = reads.Profile(pair.Junior, cancellationToken);
        }

        if (await seniorRead is not { Value: var senior })
        {
            return null;
        }

        var request = stored;

        switch (message.Kind)
        {
            case RequestMessageKind.Offered:
                // An offer answered, expired or closed before it went out has nothing left to ask.
                if (request.PendingOffer?.Candidate != message.Recipient
                    || await reads.Profile(message.Recipient, cancellationToken) is not { Value: var candidate })
                {
                    return null;
                }

                // Only "what you get in return" of the match is shown on the offer; it is kept with the message.
                IReadOnlyList<FactorScore> factors = message.TeachBack is { } teachBack
                    ? [new FactorScore(MatchFactor.Reciprocity, 1, new MatchFacts(request.Skill, Core.Skills.SkillLevel.None, Core.Skills.SkillLevel.None, teachBack, 0, null, false, null, 0, 0, 0, null))]
                    : [];
                return new RequestOffered(
                    request, senior, new RankedCandidate(candidate, 0, Core.Skills.SkillLevel.None, Core.Skills.SkillLevel.None, 0, factors), message.AnswerBy ?? request.PendingOffer.ExpiresAt);
            case RequestMessageKind.Progress:
                var about = message.Candidate is { } id ? (await reads.Profile(id, cancellationToken))?.Value : null;
                return new RequestProgress(request, message.Progress ?? RequestProgressKind.OfferedTo, about, message.Why) { Typed = message.Note };
            case RequestMessageKind.OfferClosed:
                return new OfferClosed(request, senior);
            case RequestMessageKind.OfferExpired:
                return new OfferExpired(request, senior);
            case RequestMessageKind.PairingStarted:
                if (message.Mentorship is not { } pairing
                    || await reads.Mentorship(pairing, cancellationToken) is not { Value: var mentorship }
                    || await reads.Profile(mentorship.Junior, cancellationToken) is not { Value: var junior })
                {
                    return null;
                }

                return new PairingStarted(mentorship, senior, junior, request);
            default:
                return null;
        }
    }

    /// <summary>A check-in's message, from the check-in, pairing and people as they are now; gone or over, nothing.</summary>
    private async Task<Notification?> RenderCheckInAsync(RequestMessage message, RenderReads reads, CancellationToken cancellationToken)
    {
        if (message.CheckIn is not { } id
            || await reads.CheckIn(id, cancellationToken) is not { Value: var checkIn }
            || await reads.Mentorship(checkIn.MentorshipId, cancellationToken) is not { Value: var pairing }
            || await reads.Profile(pairing.Senior, cancellationToken) is not { Value: var senior }
            || await reads.Profile(pairing.Junior, cancellationToken) is not { Value: var junior }
            || message.Candidate is not { } byId)
        {
            return null;
        }

        var details = new CheckInDetails(checkIn, pairing, senior, junior);
        var by = byId == senior.Id ? senior : junior;
        switch (message.Kind)
        {
            case RequestMessageKind.CheckInTimesOffered:
                // Times nobody can pick any more (booked meanwhile, skipped) are not worth a card.
                return checkIn.IsOpen && checkIn.ProposedSlots.Any(s => s.Start > timeProvider.GetUtcNow()) ? new CheckInTimesOffered(details, by, message.Suggested == true ? new SuggestedTime(message.Note) : null)
                    : null;
            case RequestMessageKind.CheckInBooked:
                return checkIn.Status == CheckInStatus.Scheduled ? new CheckInBooked(details, by) : null;
            case RequestMessageKind.CheckInSkipped:
                return new CheckInSkipped(details, by);
            case RequestMessageKind.ThanksReceived:
                return new ThanksReceived(details, message.Note ?? string.Empty, message.ManagerCopied == true);
            default:
                var manager = await reads.Profile(message.Recipient, cancellationToken);
                return new ThanksCopiedToManager(details, message.Note ?? string.Empty, manager?.Value);
        }
    }

    /// <summary>
    /// A concern's messages (decision 0320): the alert to a reader from the pairing and the two people as they are now,
    /// and the quiet pause, which names nobody. A reader who is one of the pair gets nothing (never shown to them).
    /// </summary>
    private static async Task<Notification?> RenderConcernAsync(RequestMessage message, RenderReads reads, CancellationToken cancellationToken)
    {
        if (message.Mentorship is not { } id || await reads.Mentorship(id, cancellationToken) is not { Value: var pairing })
        {
            return null;
        }

        if (message.Kind == RequestMessageKind.PairingPausedQuietly)
        {
            return pairing.Involves(message.Recipient) ? new PairingPausedQuietly(new NeutralPauseNotice(message.Recipient, pairing.Id), pairing) : null;
        }

        if (pairing.Involves(message.Recipient)
            || message.Candidate is not { } raisedBy
            || await reads.Profile(raisedBy, cancellationToken) is not { Value: var raiser }
            || await reads.Profile(pairing.OtherThan(raisedBy), cancellationToken) is not { Value: var other })
        {
            return null;
        }

        return new ConcernForOwner(new ProgramOwnerAlert(pairing.Program, pairing.Id, raisedBy, message.Note), pairing, raiser, other, message.At);
    }

    /// <summary>
    /// What messages are rendered from, read at most once per delivery: the messages one step recorded are about the
    /// same request, pair and people, and are rendered within moments of each other (decision 0410). One per
    /// <see cref="DeliverAsync"/> (shared by its messages) or per dispatched lease (not shared); never kept longer.
    /// </summary>
    private sealed class RenderReads(IRequestStore requests, IProfileStore profiles, IMentorshipStore mentorships, ICheckInStore checkIns)
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Kind, string Id), Task> _reads = new();

        public Task<Versioned<MentoringRequest>?> Request(RequestId id, CancellationToken cancellationToken) =>
            Once(("request", id.Value), () => requests.GetAsync(id, cancellationToken));

        public Task<Versioned<Profile>?> Profile(UserId id, CancellationToken cancellationToken) =>
            Once(("profile", id.AadObjectId), () => profiles.GetAsync(id, cancellationToken));

        public Task<Versioned<Mentorship>?> Mentorship(MentorshipId id, CancellationToken cancellationToken) =>
            Once(("pair", id.Value), () => mentorships.GetAsync(id, cancellationToken));

        public Task<Versioned<CheckIn>?> CheckIn(CheckInId id, CancellationToken cancellationToken) =>
            Once(("checkIn", id.Value), () => checkIns.GetAsync(id, cancellationToken));

        /// <summary>A read started early that may never be awaited must not leave an unobserved failure behind.</summary>
        public static Task<T> Observed<T>(Task<T> read)
        {
            _ = read.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            return read;
        }

        private Task<T> Once<T>((string, string) key, Func<Task<T>> read) =>
            (Task<T>)_reads.GetOrAdd(key, _ => Observed(read()));
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "{Count} request messages could not be sent right after their step; the dispatcher sends them")]
        public static partial void LeftForDispatcher(ILogger logger, int count, Exception exception);

        [LoggerMessage(2, LogLevel.Warning, "A store was unavailable while sending a request message; its lease will lapse and it is retried")]
        public static partial void StoreUnavailable(ILogger logger, Exception exception);

        [LoggerMessage(3, LogLevel.Error, "Sending a request message failed with an unexpected error; counted as a failed attempt")]
        public static partial void DispatchBug(ILogger logger, Exception exception);
    }
}
