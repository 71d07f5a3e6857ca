using Microsoft.Extensions.DependencyInjection.Extensions;
using MentorBot.Bot.Proactive;

namespace MentorBot.Bot.Workers;

/// <summary>
/// The background workers, registered in one place: each runs on its own timer as a hosted service and is also an
/// <see cref="IDueWork"/>, so the Testing clock endpoint can run it at once after moving time.
/// </summary>
public static class WorkersServiceCollectionExtensions
{
    /// <summary>The sweep that settles expired offers and offers the next colleague.</summary>
    public static IServiceCollection AddOfferExpiryWorker(this IServiceCollection services)
    {
        services.TryAddSingleton<OfferExpiryService>();
        services.AddHostedService(sp => sp.GetRequiredService<OfferExpiryService>());
        services.AddSingleton<IDueWork>(sp => sp.GetRequiredService<OfferExpiryService>());
        return services;
    }

    /// <summary>Reads the served tenants into the live matching index in the background after start (decision 0351).</summary>
    public static IServiceCollection AddMatchingIndexWarmUp(this IServiceCollection services)
    {
        services.AddHostedService<MatchingIndexWarmUp>();
        return services;
    }

    /// <summary>Nudge planning and the outbox dispatcher, over what <c>AddMentorBotNudges</c> registers.</summary>
    public static IServiceCollection AddNudgeWorkers(this IServiceCollection services)
    {
        services.TryAddSingleton<NudgeDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<NudgeDispatcher>());
        services.TryAddSingleton<NudgePlanningService>();
        services.AddHostedService(sp => sp.GetRequiredService<NudgePlanningService>());
        // Planning before sending, so the Testing clock's "advance" delivers what just became due.
        services.AddSingleton<IDueWork>(sp => sp.GetRequiredService<NudgePlanningService>());
        services.AddSingleton<IDueWork, NudgeDispatchDueWork>();
        return services;
    }

    /// <summary>The directory delta sync and the resumption of pending invitations (decisions 0371, 0373).</summary>
    public static IServiceCollection AddDirectoryWorker(this IServiceCollection services)
    {
        services.TryAddSingleton<InvitationRunner>();
        services.TryAddSingleton<DirectorySyncWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<DirectorySyncWorker>());
        return services;
    }
}
