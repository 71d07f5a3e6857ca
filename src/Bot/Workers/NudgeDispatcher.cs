using System.Net;
using MentorBot.Bot.Cards;
using MentorBot.Bot.Cards.Model;
using MentorBot.Bot.Protocol.Connector;
using MentorBot.Bot.Protocol.Schema;
using MentorBot.Bot.Telemetry;
using MentorBot.Core.Nudges;
using MentorBot.Core.Persistence;
using Microsoft.Extensions.Options;
using MentorBot.Bot.Proactive;
using MentorBot.Core;

namespace MentorBot.Bot.Workers;

/// <summary>
/// Sends due nudges from the durable outbox, and the messages requests recorded with their steps (decision 0306,
/// through <see cref="RequestMessageDispatch"/>): lease a batch, re-check each against the pair's current state, build
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
    ILogger<NudgeDispatcher> logger,
    RequestMessageDispatch? messages = null) : BackgroundService
{
    private readonly NudgeOptions _options = options.Value;
    private readonly OutboxSend _send = new(outbox, limiter, sentLog, options.Value, timeProvider, logger);

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
        var now = timeProvider.GetUtcNow();
        var leases = await outbox.LeaseDueAsync(now, InstanceId, _options.LeaseDuration, _options.BatchSize, cancellationToken);
        if (messages is not null)
        {
            // Requests' messages (decision 0306) share the batch: people are waiting for those, so they come first.
            leases = [.. await messages.LeaseDueAsync(now, InstanceId, _options.LeaseDuration, _options.BatchSize, cancellationToken), .. leases];
        }

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
            return await (lease.Item.Kind == NudgeKind.Message && messages is not null ? messages.Send : _send).FailAsync(lease, exception);
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
        if (item.Kind == NudgeKind.Message && messages is not null)
        {
            return await messages.DispatchAsync(lease, cancellationToken);
        }

        if (await _send.RecordIfDeliveredAsync(lease) is { } recorded)
        {
            return recorded;
        }

        var now = timeProvider.GetUtcNow();
        var source = await contexts.LoadAsync(item.Payload.MentorshipId, cancellationToken);
        var relevance = source is null ? NudgeRelevance.Obsolete : planner.Recheck(item, source.Pair, now);
        if (relevance != NudgeRelevance.Send)
        {
            return await _send.DropAsync(lease, relevance, cancellationToken);
        }

        // The planner defers for a snooze when it plans, but a snooze set after planning must hold too.
        var pair = source!.Pair;
        var preferences = item.Recipient == pair.Mentorship.Senior ? pair.SeniorPreferences : pair.JuniorPreferences;
        if (preferences?.SnoozedUntil is { } snoozedUntil && snoozedUntil > now)
        {
            return item.Kind == NudgeKind.StartingSoon
                ? await _send.DropAsync(lease, NudgeRelevance.Muted, cancellationToken)
                : await _send.RetryAsync(lease, snoozedUntil, "Snoozed", cancellationToken);
        }

        var person = PersonKey.From(item.Recipient);
        if (await references.GetAsync(person, cancellationToken) is not { } reference)
        {
            return await _send.FailAsync(lease, new SendOutcome.Failed(HttpStatusCode.NotFound, "NoConversationReference"), cancellationToken);
        }

        var recipient = item.Recipient == pair.Mentorship.Senior ? pair.Senior : pair.Junior;
        var culture = Languages.For(recipient.Language, reference.Locale);
        if (cards.Build(item, source, culture, now) is not { } message)
        {
            return await _send.DropAsync(lease, NudgeRelevance.Obsolete, cancellationToken);
        }

        var conversationId = reference.Conversation?.Id ?? person.Value;
        if (await _send.WaitForRateLimitsAsync(lease, conversationId, reference.Conversation?.TenantId ?? string.Empty, cancellationToken) is { } putBack)
        {
            return putBack;
        }

        var activity = CardActivity.Message(message.Card, summary: message.Summary);

        // From here on nothing is cancelled: stopping between "delivered" and "recorded" is exactly what makes a
        // duplicate, and the Connector's timeouts bound the wait.
        var outcome = await messenger.SendAsync(person, reference, activity, CancellationToken.None);
        return await _send.SettleAsync(lease, outcome, conversationId);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Nudge dispatcher {InstanceId} started")]
        public static partial void Started(ILogger logger, string instanceId);

        [LoggerMessage(2, LogLevel.Information, "Nudge dispatch is disabled (Nudges:Enabled = false)")]
        public static partial void Disabled(ILogger logger);





        [LoggerMessage(10, LogLevel.Warning, "A store was unavailable while dispatching a {Kind} nudge; its lease will lapse and it is retried")]
        public static partial void StoreUnavailable(ILogger logger, NudgeKind kind, Exception exception);

        [LoggerMessage(11, LogLevel.Error, "Dispatching a {Kind} nudge failed with an unexpected error; counted as a failed attempt")]
        public static partial void DispatchBug(ILogger logger, NudgeKind kind, Exception exception);

        [LoggerMessage(12, LogLevel.Warning, "The nudge outbox is unavailable; trying again at the next poll")]
        public static partial void OutboxUnavailable(ILogger logger, Exception exception);
    }
}
