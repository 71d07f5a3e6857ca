using MentorBot.Core.Privacy;
using MentorBot.Core.Sessions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MentorBot.Core.Composition;

/// <summary>Group sessions (decision 0470): the service, its nudge planner and pass, and the options' validator.</summary>
public static class SessionsServiceCollectionExtensions
{
    public static IServiceCollection AddGroupSessions(this IServiceCollection services)
    {
        services.AddOptions<GroupSessionOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GroupSessionOptions>, GroupSessionOptionsValidator>());
        services.TryAddSingleton<GroupSessionService>();
        services.TryAddSingleton<SessionNudgePlanner>();
        services.TryAddSingleton<SessionNudgePass>();
        services.TryAddSingleton<SessionMessageRenderer>();
        services.AddPersonalDataPort<IGroupSessionStore>();
        return services;
    }
}
