using MentorBot.Bot.Protocol.Builder;
using MentorBot.Bot.Protocol.Schema;
using MentorBot.Bot.Hosting;
using MentorBot.Bot.Turns;
using IMiddleware = MentorBot.Bot.Protocol.Builder.IMiddleware;

namespace MentorBot.Bot.Middleware;

/// <summary>
/// The first middleware: serves only the tenants <see cref="TenantPolicy"/> allows and records the served tenant for
/// the turn. A refused activity writes nothing (no conversation reference, no profile, no dialog state) and gets the
/// refusal of decision 0232: one polite line for a message, an error body for a card action, 403 for other invokes,
/// silence for everything else (installs, member events), plus one warning in the log.
/// </summary>
public sealed partial class TenantAllowListMiddleware(TenantPolicy policy, ILogger<TenantAllowListMiddleware> logger) : IMiddleware
{
    /// <summary>What a person of a tenant this host does not serve is told (no detail about who is served).</summary>
    public const string Refusal = "Sorry, MentorBot isn't available for your organisation.";

    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        var claimed = activity.GetTenantId();
        if (policy.Serve(claimed) is { } tenant)
        {
            turnContext.TurnState.Set(new TurnTenant(tenant, policy.DefaultTenant.InCore(tenant)));
            await next(cancellationToken);
            return;
        }

        Log.Refused(logger, claimed ?? "(none)", activity.Type);
        if (activity.Type == ActivityTypes.Message)
        {
            await turnContext.SendActivityAsync(Refusal, cancellationToken);
        }
        else if (activity.Type == ActivityTypes.Invoke)
        {
            turnContext.InvokeResponse = activity.Name == AdaptiveCardInvokeValue.InvokeName
                ? InvokeResponse.FromAdaptiveCard(AdaptiveCardInvokeResponse.Error(403, "Forbidden", Refusal))
                : new InvokeResponse(403);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Refused a {ActivityType} activity from tenant {TenantId}: this host does not serve it (Bot:AllowedTenants, Bot:TenantMode)")]
        public static partial void Refused(ILogger logger, string tenantId, string? activityType);
    }
}
