using MentorBot.Bot.Protocol;
using MentorBot.Bot.Storage;
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
        InstrumentStorage(services);
        services.AddMentorBotTelemetry(configuration);
        services.AddOptions<TelemetryOptions>().Bind(configuration.GetSection(TelemetryOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TelemetryOptions>, TelemetryOptionsValidator>());
        services.TryAddSingleton<OperationalGauges>();
        services.AddHostedService(sp => sp.GetRequiredService<OperationalGauges>());
        return services;
    }

    // Wraps whichever table engine storage registered (SQLite or Azure Table) so every store is measured. A test
    // that replaces the engine afterwards gets its own, unmeasured one.
    private static void InstrumentStorage(IServiceCollection services)
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(ITableEngine));
        if (registered is null)
        {
            return;
        }

        services.Remove(registered);
        services.AddSingleton<ITableEngine>(sp => new InstrumentedTableEngine(registered switch
        {
            { ImplementationInstance: ITableEngine instance } => instance,
            { ImplementationFactory: { } factory } => (ITableEngine)factory(sp),
            _ => (ITableEngine)ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!),
        }));
    }
}
