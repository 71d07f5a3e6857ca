using System.Net;
using MentorBot.Bot.Protocol.Connector;
using MentorBot.Core.Nudges;
using MentorBot.Core;

namespace MentorBot.Bot.Proactive;

/// <summary>
/// What every leased outbox item goes through around its send, whether a nudge or a request's message (decision
/// 0306): a send this process already made is recorded, not repeated; the conversation's and tenant's Teams rate
/// limits are waited for (decision 0122); and the Connector's answer settles the lease: sent, retried after
/// Retry-After or with backoff, or dead-lettered (decisions 0111, 0120).
/// </summary>
internal sealed partial class OutboxSend(
    INudgeOutbox outbox,
    TeamsSendRateLimiter limiter,
    SentNudgeLog sentLog,
    NudgeOptions options,
    TimeProvider timeProvider,
    ILogger logger)
{
    /// <summary>Delivered by this process earlier, but the outbox never heard: recorded without a second send.</summary>
    public async Task<NudgeDispatchOutcome?> RecordIfDeliveredAsync(NudgeLease lease) =>
        sentLog.TryGetDelivered(lease.Item.Key, out var deliveredAt) ? await RecordSentAsync(lease, deliveredAt, CancellationToken.None) : null;

    /// <summary>
    /// Waits for the conversation's and the tenant's rate limits; when the conversation's wait would outlast the
    /// lease, the item is put back for then instead (the returned outcome).
    /// </summary>
    public async Task<NudgeDispatchOutcome?> WaitForRateLimitsAsync(NudgeLease lease, string conversationId, string tenantId, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();

        // Half the lease stays for the send itself (the Connector's own retries), so the lease cannot lapse mid-send.
        var maxWait = Min(options.MaxRateLimitWait, lease.ExpiresAt - now - (options.LeaseDuration / 2));
        if (!limiter.TryReserveConversation(conversationId, now, maxWait, out var sendAt))
        {
            return await RetryAsync(lease, sendAt, "RateLimited", cancellationToken);
        }

        await WaitUntilAsync(sendAt, cancellationToken);
        await WaitUntilAsync(limiter.ReserveTenant(tenantId, timeProvider.GetUtcNow()), cancellationToken);
        return null;
    }

    /// <summary>Settles the lease by the Connector's answer. Nothing here is cancelled: the send already happened.</summary>
    public async Task<NudgeDispatchOutcome> SettleAsync(NudgeLease lease, SendOutcome outcome, string conversationId)
    {
        var item = lease.Item;
        switch (outcome)
        {
            case SendOutcome.Sent sent:
                var sentAt = timeProvider.GetUtcNow();
                sentLog.Delivered(item.Key, sentAt);
                Log.Sent(logger, item.Kind, item.Payload.MentorshipId.Value, sent.ActivityId);
                return await RecordSentAsync(lease, sentAt, CancellationToken.None);

            case SendOutcome.Throttled throttled:
                var retryAt = timeProvider.GetUtcNow() + (throttled.RetryAfter ?? options.ThrottledRetryDelay);
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

    public async Task<NudgeDispatchOutcome> DropAsync(NudgeLease lease, NudgeRelevance reason, CancellationToken cancellationToken)
    {
        Log.Dropped(logger, lease.Item.Kind, reason);
        return await outbox.MarkDroppedAsync(lease, reason, cancellationToken) == LeaseOutcome.Done
            ? NudgeDispatchOutcome.Dropped
            : NudgeDispatchOutcome.Abandoned;
    }

    public async Task<NudgeDispatchOutcome> RetryAsync(NudgeLease lease, DateTimeOffset at, string reason, CancellationToken cancellationToken) =>
        await outbox.MarkFailedAsync(lease, at, reason, cancellationToken) == LeaseOutcome.Done
            ? NudgeDispatchOutcome.Retrying
            : NudgeDispatchOutcome.Abandoned;

    public async Task<NudgeDispatchOutcome> FailAsync(NudgeLease lease, SendOutcome outcome, CancellationToken cancellationToken)
    {
        var reason = outcome is SendOutcome.Failed failed ? $"Failed:{(int)failed.Status}:{failed.Code}" : outcome.GetType().Name;
        var attempts = lease.Item.Attempts + 1;
        if (attempts >= options.MaxAttempts)
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

    /// <summary>A bug for one item (a card that cannot be built from odd data) is a failed attempt like any other.</summary>
    public Task<NudgeDispatchOutcome> FailAsync(NudgeLease lease, Exception exception) =>
        FailAsync(lease, new SendOutcome.Failed(HttpStatusCode.InternalServerError, exception.GetType().Name), CancellationToken.None);

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

    private async Task<NudgeDispatchOutcome> DeadLetterAsync(NudgeLease lease, string reason, CancellationToken cancellationToken) =>
        await outbox.DeadLetterAsync(lease, reason, cancellationToken) == LeaseOutcome.Done
            ? NudgeDispatchOutcome.DeadLettered
            : NudgeDispatchOutcome.Abandoned;

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
    }
}
