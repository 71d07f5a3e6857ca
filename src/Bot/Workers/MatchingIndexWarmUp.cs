using MentorBot.Bot.Protocol;
using MentorBot.Bot.Turns;
using MentorBot.Core.Requests;
using MentorBot.Core.Persistence;
using MentorBot.Core.Tenants;
using Microsoft.Extensions.Options;

namespace MentorBot.Bot.Workers;

/// <summary>
/// Reads the tenants this host serves into the live matching index once the host is listening (decision 0351): the
/// host is ready for turns at once, the first ask no longer pays the full read. An ask that comes before the read
/// finishes waits for it (it would have read the tenant itself); nothing else waits. Tenants served without being
/// listed (<c>Bot:TenantMode=Isolated</c>) are read at their first ask, as before.
/// </summary>
internal sealed partial class MatchingIndexWarmUp(
    LiveMatchingIndex index,
    TenantPolicy tenants,
    IOptions<BotOptions> bot,
    IOptions<RequestOptions> options,
    ILogger<MatchingIndexWarmUp> logger,
    IHostApplicationLifetime? lifetime = null) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.WarmIndexAtStart)
        {
            return;
        }

        // After start-up, so reading the organisation never delays the host's readiness or its first turn. A composition
        // without a generic host (the storage rigs) has no lifetime and never starts hosted services; nothing to wait for.
        if (lifetime is null)
        {
            return;
        }

        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        await using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            try
            {
                await started.Task;
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        foreach (var tenant in Served())
        {
            try
            {
                await index.WarmUpAsync(tenant, stoppingToken);
            }
            catch (Exception) when (stoppingToken.IsCancellationRequested)
            {
                // The host is stopping (cancelled, or storage already disposed under the read): nothing to warm for.
                return;
            }
            catch (StorageUnavailableException)
            {
                // The first ask reads the tenant instead, as without the warm-up.
                Log.WarmUpFailed(logger);
            }
        }
    }

    private IEnumerable<TenantId?> Served()
    {
        var listed = bot.Value.AllowedTenants.Select(TenantId.From).OfType<TenantId>().Distinct().ToList();
        return listed.Count > 0 ? listed.Select(t => (TenantId?)t) : [tenants.DefaultTenant.Id];
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Reading the matching index at start failed (storage unavailable); the first ask reads it")]
        public static partial void WarmUpFailed(ILogger logger);
    }
}
