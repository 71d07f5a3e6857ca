using System.Net;
using MentorBot.Bot.Cards;
using MentorBot.Bot.Cards.Model;
using MentorBot.Bot.Protocol.Connector;
using MentorBot.Bot.Protocol.Schema;
using MentorBot.Bot.Telemetry;
using MentorBot.Core.Nudges;
using MentorBot.Core.Persistence;
using Microsoft.Extensions.Options;

namespace MentorBot.Bot.Proactive;

/// <summary>What one dispatch pass did with the nudges it leased.</summary>
public sealed record NudgeDispatchResult(int Leased, int Sent, int Dropped, int Retrying, int DeadLettered, int Abandoned)
{
    public static NudgeDispatchResult Empty { get; } = new(0, 0, 0, 0, 0, 0);
}

public enum NudgeDispatchOutcome
{
    Sent,

    /// <summary>Not sent on purpose: obsolete, expired or muted by send time.</summary>
    Dropped,

    /// <summary>Put back for a later attempt (throttled, rate-limited, failed but retryable).</summary>
    Retrying,

    DeadLettered,

    /// <summary>Left leased: the outbox was unavailable or the lease was lost; the lease lapses and it is tried again.</summary>
    Abandoned,
}

/// <summary>
/// Sends due nudges from the durable outbox: lease a batch, re-check each against the pair's current state, build
/// the card in the recipient's zone and language, wait for the conversation's rate limit, send through the
/// proactive path and record the outcome. Delivery is at-least-once (decision 0120); rate limits follow Teams'
/// per-conversation and per-tenant limits (decision 0122).
/// </summary>
public sealed partial class NudgeDispatcher(
    INudgeOutbox outbox,
    INudgeContextSource contexts,
    NudgePlanner planner,
    NudgeCardFactory cards,
    IConversationReferenceStore references,
    ProactiveMessenger messenger,
    TeamsSendRateLimiter limiter,
    SentNudgeLog sentLog,
    IOptions<NudgeOptions> options,
    TimeProvider timeProvider,
    ILogger<NudgeDispatcher> logger) : BackgroundService
{
    private readonly NudgeOptions _options = options.Value;

    /// <summary>The lease owner this instance writes into the outbox.</summary>
    public string InstanceId { get; } = options.Value.InstanceId is { Length: > 0 } configured
        ? configured
        // An identity, not logic: two processes on one machine (a deployment slot swap) must not share leases.
        : $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}";

    /// <summary>When the background loop last began a pass (readiness: a loop that stopped beating is not ready).</summary>
    public DateTimeOffset? LastLoopPass { get; private set; }

    /// <summary>One pass: leases up to a batch of due nudges and settles every one of them.</summary>
    public async Task<NudgeDispatchResult> DispatchDueAsync(CancellationToken cancellationToken)
    {
        var leases = await outbox.LeaseDueAsync(
            timeProvider.GetUtcNow(), InstanceId, _options.LeaseDuration, _options.BatchSize, cancellationToken);
        if (leases.Count == 0)
        {
            return NudgeDispatchResult.Empty;
        }

        var counts = new int[Enum.GetValues<NudgeDispatchOutcome>().Length];
        await Parallel.ForEachAsync(
            leases,
            new ParallelOptions { MaxDegreeOfParallelism = _options.MaxConcurrentSends, CancellationToken = cancellationToken },
            async (lease, token) => Interlocked.Increment(ref counts[(int)await DispatchAsync(lease, token)]));

        return new NudgeDispatchResult(
            leases.Count,
            counts[(int)NudgeDispatchOutcome.Sent],
            counts[(int)NudgeDispatchOutcome.Dropped],
            counts[(int)NudgeDispatchOutcome.Retrying],
            counts[(int)NudgeDispatchOutcome.DeadLettered],
            counts[(int)NudgeDispatchOutcome.Abandoned]);
    }

    /// <summary>Settles one leased nudge: sent, dropped, put back or dead-lettered.</summary>
    public async Task<NudgeDispatchOutcome> DispatchAsync(NudgeLease lease, CancellationToken cancellationToken)
    {
        using var span = OutboxTrace.StartDispatch(lease.Item);
        span?.SetTag(MentorBotTelemetry.KindTag, lease.Item.Kind.ToString());
        var outcome = await SettleAsync(lease, cancellationToken);
        MentorBotTelemetry.RecordDispatch(span, lease.Item.Kind.ToString(), outcome.ToString());
        return outcome;
    }

    private async Task<NudgeDispatchOutcome> SettleAsync(NudgeLease lease, CancellationToken cancellationToken)
    {
        try
        {
            return await DispatchCoreAsync(lease, cancellationToken);
        }
        catch (StorageUnavailableException exception)
        {
            Log.StoreUnavailable(logger, lease.Item.Kind, exception);
            return NudgeDispatchOutcome.Abandoned;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A bug for this one item (a card that cannot be built from odd data) must not stop the others or come
            // back every poll forever: it is a failed attempt, and dead-lettered like any other in the end.
            Log.DispatchBug(logger, lease.Item.Kind, exception);
            return await FailAsync(lease, new SendOutcome.Failed(HttpStatusCode.InternalServerError, exception.GetType().Name), CancellationToken.None);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            Log.Disabled(logger);
            return;
        }

        Log.Started(logger, InstanceId);
        while (!stoppingToken.IsCancellationRequested)
        {
            LastLoopPass = timeProvider.GetUtcNow();
            var result = NudgeDispatchResult.Empty;
            try
            {
                result = await DispatchDueAsync(stoppingToken);
            }
            catch (StorageUnavailableException exception)
            {
                Log.OutboxUnavailable(logger, exception);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            // A full batch means more is probably due right now; otherwise wait for the next poll.
            if (result.Leased < _options.BatchSize)
            {
                try
                {
                    await Task.Delay(_options.PollInterval, timeProvider, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task<NudgeDispatchOutcome> DispatchCoreAsync(NudgeLease lease, CancellationToken cancellationToken)
    {
        var item = lease.Item;
        if (sentLog.TryGetDelivered(item.Key, out var deliveredAt))
        {
            // Delivered by this process earlier, but the outbox never heard: record it, do not send it again.
            return await RecordSentAsync(lease, deliveredAt, CancellationToken.None);
        }

        var now = timeProvider.GetUtcNow();
        var source = await contexts.LoadAsync(item.Payload.MentorshipId, cancellationToken);
        var relevance = source is null ? NudgeRelevance.Obsolete : planner.Recheck(item, source.Pair, now);
        if (relevance != NudgeRelevance.Send)
        {
            return await DropAsync(lease, relevance, cancellationToken);
        }

        // The planner defers for a snooze when it plans, but a snooze set after planning must hold too.
        var pair = source!.Pair;
        var preferences = item.Recipient == pair.Mentorship.Senior ? pair.SeniorPreferences : pair.JuniorPreferences;
        if (preferences?.SnoozedUntil is { } snoozedUntil && snoozedUntil > now)
        {
            return item.Kind == NudgeKind.StartingSoon
                ? await DropAsync(lease, NudgeRelevance.Muted, cancellationToken)
                : await RetryAsync(lease, snoozedUntil, "Snoozed", cancellationToken);
        }

        var person = PersonKey.From(item.Recipient);
        if (await references.GetAsync(person, cancellationToken) is not { } reference)
        {
            return await FailAsync(lease, new SendOutcome.Failed(HttpStatusCode.NotFound, "NoConversationReference"), cancellationToken);
        }

        var culture = NudgeCardFactory.CultureFor(reference.Locale);
        if (cards.Build(item, source, culture, now) is not { } message)
        {
            return await DropAsync(lease, NudgeRelevance.Obsolete, cancellationToken);
        }

        var conversationId = reference.Conversation?.Id ?? person.Value;
        var tenantId = reference.Conversation?.TenantId ?? string.Empty;

        // Half the lease stays for the send itself (the Connector's own retries), so the lease cannot lapse mid-send.
        var maxWait = Min(_options.MaxRateLimitWait, lease.ExpiresAt - now - (_options.LeaseDuration / 2));
        if (!limiter.TryReserveConversation(conversationId, now, maxWait, out var sendAt))
        {
            return await RetryAsync(lease, sendAt, "RateLimited", cancellationToken);
        }

        await WaitUntilAsync(sendAt, cancellationToken);
        await WaitUntilAsync(limiter.ReserveTenant(tenantId, timeProvider.GetUtcNow()), cancellationToken);

        var activity = new Activity
        {
            Type = ActivityTypes.Message,
            Summary = message.Summary,
            Attachments = [new Attachment { ContentType = AdaptiveCard.ContentType, Content = CardJson.ToElement(message.Card) }],
        };

        // From here on nothing is cancelled: stopping between "delivered" and "recorded" is exactly what makes a
        // duplicate, and the Connector's timeouts bound the wait.
        var outcome = await messenger.SendAsync(person, reference, activity, CancellationToken.None);
        switch (outcome)
        {
            case SendOutcome.Sent sent:
                var sentAt = timeProvider.GetUtcNow();
                sentLog.Delivered(item.Key, sentAt);
                Log.Sent(logger, item.Kind, item.Payload.MentorshipId.Value, sent.ActivityId);
                return await RecordSentAsync(lease, sentAt, CancellationToken.None);

            case SendOutcome.Throttled throttled:
                var retryAt = timeProvider.GetUtcNow() + (throttled.RetryAfter ?? _options.ThrottledRetryDelay);
                limiter.Throttled(conversationId, retryAt);
                Log.Throttled(logger, item.Kind, throttled.RetryAfter);
                return await RetryAsync(lease, retryAt, "Throttled", CancellationToken.None);

            case SendOutcome.RecipientGone gone:
                // Uninstalled or blocked: retrying cannot help; the reference is already forgotten by the messenger.
                Log.RecipientGone(logger, item.Kind, gone.Reason);
                return await DeadLetterAsync(lease, $"RecipientGone:{gone.Reason}", CancellationToken.None);

            default:
                return await FailAsync(lease, outcome, CancellationToken.None);
        }
    }

    private async Task<NudgeDispatchOutcome> RecordSentAsync(NudgeLease lease, DateTimeOffset sentAt, CancellationToken cancellationToken)
    {
        var recorded = await outbox.MarkSentAsync(lease, sentAt, cancellationToken);
        sentLog.Recorded(lease.Item.Key);
        if (recorded == LeaseOutcome.LeaseLost)
        {
            // Another instance took the item over after our lease lapsed; it may have sent it too.
            Log.LeaseLostAfterSend(logger, lease.Item.Kind);
            return NudgeDispatchOutcome.Abandoned;
        }

        return NudgeDispatchOutcome.Sent;
    }

    private async Task<NudgeDispatchOutcome> DropAsync(NudgeLease lease, NudgeRelevance reason, CancellationToken cancellationToken)
    {
        Log.Dropped(logger, lease.Item.Kind, reason);
        return await outbox.MarkDroppedAsync(lease, reason, cancellationToken) == LeaseOutcome.Done
            ? NudgeDispatchOutcome.Dropped
            : NudgeDispatchOutcome.Abandoned;
    }

    private async Task<NudgeDispatchOutcome> RetryAsync(NudgeLease lease, DateTimeOffset at, string reason, CancellationToken cancellationToken) =>
        await outbox.MarkFailedAsync(lease, at, reason, cancellationToken) == LeaseOutcome.Done
            ? NudgeDispatchOutcome.Retrying
            : NudgeDispatchOutcome.Abandoned;

    private async Task<NudgeDispatchOutcome> DeadLetterAsync(NudgeLease lease, string reason, CancellationToken cancellationToken) =>
        await outbox.DeadLetterAsync(lease, reason, cancellationToken) == LeaseOutcome.Done
            ? NudgeDispatchOutcome.DeadLettered
            : NudgeDispatchOutcome.Abandoned;

    private async Task<NudgeDispatchOutcome> FailAsync(NudgeLease lease, SendOutcome outcome, CancellationToken cancellationToken)
    {
        var reason = outcome is SendOutcome.Failed failed ? $"Failed:{(int)failed.Status}:{failed.Code}" : outcome.GetType().Name;
        var attempts = lease.Item.Attempts + 1;
        if (attempts >= _options.MaxAttempts)
        {
            Log.DeadLettered(logger, lease.Item.Kind, attempts, reason);
            return await DeadLetterAsync(lease, reason, cancellationToken);
        }

        // The policy's backoff steps; beyond its own last attempt the longest step repeats (Nudges:MaxAttempts decides).
        var step = Math.Min(attempts, NudgeRetryPolicy.MaxAttempts - 1);
        var retryAt = NudgeRetryPolicy.AfterFailure(step, timeProvider.GetUtcNow()).At!.Value;
        Log.WillRetry(logger, lease.Item.Kind, attempts, reason, retryAt);
        return await RetryAsync(lease, retryAt, reason, cancellationToken);
    }

    private async Task WaitUntilAsync(DateTimeOffset at, CancellationToken cancellationToken)
    {
        var wait = at - timeProvider.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, timeProvider, cancellationToken);
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Nudge dispatcher {InstanceId} started")]
        public static partial void Started(ILogger logger, string instanceId);

        [LoggerMessage(2, LogLevel.Information, "Nudge dispatch is disabled (Nudges:Enabled = false)")]
        public static partial void Disabled(ILogger logger);

        [LoggerMessage(3, LogLevel.Debug, "Sent {Kind} nudge for mentorship {MentorshipId} as activity {ActivityId}")]
        public static partial void Sent(ILogger logger, NudgeKind kind, string mentorshipId, string? activityId);

        [LoggerMessage(4, LogLevel.Debug, "Dropped {Kind} nudge: {Reason}")]
        public static partial void Dropped(ILogger logger, NudgeKind kind, NudgeRelevance reason);

        [LoggerMessage(5, LogLevel.Information, "{Kind} nudge throttled by Teams; Retry-After {RetryAfter}")]
        public static partial void Throttled(ILogger logger, NudgeKind kind, TimeSpan? retryAfter);

        [LoggerMessage(6, LogLevel.Information, "{Kind} nudge dead-lettered: recipient can no longer be reached ({Reason})")]
        public static partial void RecipientGone(ILogger logger, NudgeKind kind, RecipientGoneReason reason);

        [LoggerMessage(7, LogLevel.Warning, "{Kind} nudge dead-lettered after {Attempts} attempts ({Reason})")]
        public static partial void DeadLettered(ILogger logger, NudgeKind kind, int attempts, string reason);

        [LoggerMessage(8, LogLevel.Information, "{Kind} nudge attempt {Attempts} failed ({Reason}); next try at {RetryAt}")]
        public static partial void WillRetry(ILogger logger, NudgeKind kind, int attempts, string reason, DateTimeOffset retryAt);

        [LoggerMessage(9, LogLevel.Warning, "{Kind} nudge was sent but its lease had passed to another instance; it may arrive twice")]
        public static partial void LeaseLostAfterSend(ILogger logger, NudgeKind kind);

        [LoggerMessage(10, LogLevel.Warning, "A store was unavailable while dispatching a {Kind} nudge; its lease will lapse and it is retried")]
        public static partial void StoreUnavailable(ILogger logger, NudgeKind kind, Exception exception);

        [LoggerMessage(11, LogLevel.Error, "Dispatching a {Kind} nudge failed with an unexpected error; counted as a failed attempt")]
        public static partial void DispatchBug(ILogger logger, NudgeKind kind, Exception exception);

        [LoggerMessage(12, LogLevel.Warning, "The nudge outbox is unavailable; trying again at the next poll")]
        public static partial void OutboxUnavailable(ILogger logger, Exception exception);
    }
}
