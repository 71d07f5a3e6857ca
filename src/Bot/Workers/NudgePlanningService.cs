using MentorBot.Bot.Hosting.Testing;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Nudges;
using MentorBot.Core.Persistence;
using Microsoft.Extensions.Options;
using MentorBot.Bot.Proactive;

namespace MentorBot.Bot.Workers;

/// <summary>
/// Asks the planner, for every active pair, which nudges are due now and puts them in the outbox. Every instance may
/// run it: the outbox's insert-if-absent on the nudge's idempotency key makes a second plan of the same nudge a no-op,
/// so the dispatcher sends each one once (decision 0073).
/// </summary>
public sealed partial class NudgePlanningService(
    IMentorshipStore mentorships,
    INudgeContextSource contexts,
    NudgePlanner planner,
    INudgeOutbox outbox,
    IOptions<NudgeOptions> options,
    TimeProvider time,
    ILogger<NudgePlanningService> logger,
    RequestMessageDispatch? messages = null,
    Core.Sessions.SessionNudgePass? sessions = null) : BackgroundService, IDueWork
{
    /// <summary>How often an instance runs the settled-message retention sweep (decision 0320).</summary>
    internal static readonly TimeSpan SweepInterval = TimeSpan.FromHours(1);

    private DateTimeOffset? _lastSweep;

    public Task RunDueWorkAsync(CancellationToken cancellationToken) => PlanAsync(cancellationToken);

    /// <summary>One pass over the active pairs; returns how many nudges were newly queued.</summary>
    public async Task<int> PlanAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var queued = 0;
        string? token = null;
        do
        {
            var page = await mentorships.ListActiveAsync(token, cancellationToken);
            foreach (var pair in page.Items)
            {
                if (await contexts.LoadAsync(pair.Value.Id, cancellationToken) is not { } source)
                {
                    continue;
                }

                foreach (var nudge in planner.PlanDue(source.Pair, now))
                {
                    queued += await outbox.EnqueueIfAbsentAsync(nudge, cancellationToken) == EnqueueOutcome.Added ? 1 : 0;
                }
            }

            token = page.ContinuationToken;
        }
        while (token is not null);

        // Group sessions' nudges (decision 0470): written as message rows of the sessions' partition, sent by the same outbox.
        if (sessions is not null)
        {
            queued += (await sessions.RunAsync(cancellationToken)).Count;
        }

        if (queued > 0)
        {
            Log.Planned(logger, queued);
        }

        return queued;
    }

    /// <summary>
    /// Deletes settled messages past their retention (decision 0320), at most once per <see cref="SweepInterval"/> on
    /// each instance; returns how many went (zero when not due).
    /// </summary>
    public async Task<int> SweepIfDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (messages is null || _lastSweep is { } last && now - last < SweepInterval)
        {
            return 0;
        }

        _lastSweep = now;
        var swept = await messages.SweepSettledAsync(cancellationToken);
        if (swept > 0)
        {
            Log.Swept(logger, swept);
        }

        return swept;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.PlanInterval, time);
        do
        {
            try
            {
                await PlanAsync(stoppingToken);
                await SweepIfDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is StorageUnavailableException or ConcurrencyConflictException)
            {
                // The next tick plans again; nothing was half-done (every enqueue stands alone).
                Log.PlanFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "{Count} nudges planned")]
        public static partial void Planned(ILogger logger, int count);

        [LoggerMessage(2, LogLevel.Warning, "Planning nudges failed; retrying at the next interval")]
        public static partial void PlanFailed(ILogger logger, Exception exception);

        [LoggerMessage(3, LogLevel.Information, "{Count} settled messages past their retention deleted")]
        public static partial void Swept(ILogger logger, int count);
    }
}

/// <summary>The Testing clock sends what became due right after moving time (until nothing due is left).</summary>
public sealed class NudgeDispatchDueWork(NudgeDispatcher dispatcher, IOptions<NudgeOptions> options) : IDueWork
{
    public async Task RunDueWorkAsync(CancellationToken cancellationToken)
    {
        while ((await dispatcher.DispatchDueAsync(cancellationToken)).Leased >= options.Value.BatchSize)
        {
        }
    }
}
