using MentorBot.Core.CheckIns;
using MentorBot.Core.Nudges;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MentorBot.Core.Programs;

namespace MentorBot.Core.Composition;

public static class CheckInsServiceCollectionExtensions
{
    /// <summary>
    /// Registers check-in and nudge planning with validated options. Core has no configuration binder, so the host
    /// finishes the chain: <c>services.AddCheckIns().BindConfiguration(CheckInOptions.SectionName)</c>.
    /// </summary>
    public static OptionsBuilder<CheckInOptions> AddCheckIns(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CheckInOptions>, CheckInOptionsValidator>());
        services.TryAddSingleton<NudgePlanner>();
        services.TryAddSingleton<Programs.ManagerCopyRules>();
        services.TryAddSingleton<IManagerCopyPolicy>(sp => sp.GetRequiredService<Programs.ManagerCopyRules>());
        services.TryAddSingleton<PairingCalendar>();
        services.TryAddSingleton<Mentorships.IPairingCalendar>(sp => sp.GetRequiredService<PairingCalendar>());
        return services.AddOptions<CheckInOptions>().ValidateOnStart();
    }
}
