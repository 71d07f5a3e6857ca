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
    ILogger<NudgePlanningService> logger) : BackgroundService, IDueWork
{
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

        if (queued > 0)
        {
            Log.Planned(logger, queued);
        }

        return queued;
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
