using MentorBot.Bot.Protocol;
using MentorBot.Bot.Protocol.Builder;
using MentorBot.Bot.Protocol.Schema;
using Microsoft.Extensions.Options;
using IMiddleware = MentorBot.Bot.Protocol.Builder.IMiddleware;

namespace MentorBot.Bot.Hosting;

/// <summary>
/// Serves only the tenants in <c>Bot:AllowedTenants</c> (all when empty). Anyone else gets no reply at all — a
/// refusal message would confirm to a foreign tenant that the bot exists and answers — and a warning in the log.
/// </summary>
public sealed partial class TenantAllowListMiddleware(IOptionsMonitor<BotOptions> options, ILogger<TenantAllowListMiddleware> logger) : IMiddleware
{
    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken)
    {
        var allowed = options.CurrentValue.AllowedTenants;
        if (allowed.Count == 0)
        {
            await next(cancellationToken);
            return;
        }

        var tenant = turnContext.Activity.GetTenantId();
        if (tenant is not null && allowed.Contains(tenant, StringComparer.OrdinalIgnoreCase))
        {
            await next(cancellationToken);
            return;
        }

        Log.Refused(logger, tenant ?? "(none)", turnContext.Activity.Type);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Ignored a {ActivityType} activity from tenant {TenantId}: not in Bot:AllowedTenants")]
        public static partial void Refused(ILogger logger, string tenantId, string? activityType);
    }
}
