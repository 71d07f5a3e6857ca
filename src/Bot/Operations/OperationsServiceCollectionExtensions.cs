using MentorBot.Bot.Protocol;
using MentorBot.Bot.Telemetry;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MentorBot.Bot.Operations;

public static class OperationsServiceCollectionExtensions
{
    /// <summary>What an operator needs: credential rules beyond the protocol's, readiness checks, traces and metrics.</summary>
    public static IServiceCollection AddMentorBotOperations(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BotFrameworkOptions>, CredentialRules>());
        services.AddOptions<BotFrameworkOptions>().ValidateOnStart();
        services.AddReadinessChecks();
        services.AddMentorBotTelemetry(configuration);
        return services;
    }
}
