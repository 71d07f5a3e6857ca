using MentorBot.Bot.Storage.Profiles;
using MentorBot.Core.Persistence;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MentorBot.Bot.Storage;

/// <summary>
/// <c>/healthz</c> reports storage as it is now: one point read of a row that never exists. A load balancer then stops
/// sending turns to an instance whose storage is unreachable instead of letting every turn answer 503.
/// </summary>
internal sealed class StorageHealthCheck(ITableEngine engine) : IHealthCheck
{
    private readonly IEntityTable _table = engine.GetTable(TableProfileStore.TableName);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await _table.GetAsync("healthz", "probe", cancellationToken);
            return HealthCheckResult.Healthy($"{engine.Backend} storage answers.");
        }
        catch (StorageUnavailableException ex)
        {
            return HealthCheckResult.Unhealthy($"{engine.Backend} storage is unreachable.", ex);
        }
    }
}
