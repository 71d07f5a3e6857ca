using MentorBot.Core.Requests;
using MentorBot.Core.Matching;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Privacy;
using MentorBot.Core.Profiles;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MentorBot.Core.Composition;

public static class RequestsServiceCollectionExtensions
{
    /// <summary>
    /// The request, profile, pairing and forget-me services (matching included). The stores and the notifier are the
    /// host's. Core has no configuration binder, so the host finishes the chain:
    /// <c>services.AddMentoring().BindConfiguration(RequestOptions.SectionName)</c>.
    /// </summary>
    public static OptionsBuilder<RequestOptions> AddMentoring(this IServiceCollection services)
    {
        services.AddMentorBotMatching();
        services.TryAddSingleton(sp => new ProfileValidator(sp.GetRequiredService<Skills.SkillCatalog>(), sp.GetRequiredService<Skills.TenantSkillCatalogs>()));
        services.TryAddSingleton<MatchingSnapshotLoader>();
        services.TryAddSingleton<IMatchingChangeMarker, InProcessChangeMarker>();
        services.TryAddSingleton<LiveMatchingIndex>();
        // Profiles and Mentorships tell the index through their own ports, not through the index itself. (Mentorships
        // still uses Requests for its outbox messages, decision 0307: one of the Core cycle edges ArchitectureTests lists.)
        services.TryAddSingleton<IProfileChanges>(sp => sp.GetRequiredService<LiveMatchingIndex>());
        services.TryAddSingleton<IPairingChanges>(sp => sp.GetRequiredService<LiveMatchingIndex>());
        services.TryAddSingleton<Programs.ProgramMembership>();
        services.TryAddSingleton<IProgramMembers>(sp => sp.GetRequiredService<Programs.ProgramMembership>());
        services.TryAddSingleton<MentoringService>();
        services.TryAddSingleton<ProfileService>();
        services.TryAddSingleton<RosterSync>();
        services.TryAddSingleton<MentorshipService>();
        services.TryAddSingleton<PairingMessages>();
        services.TryAddSingleton<ForgetMeService>();

        // What holds people's data, for forget-me; the Bot adds its own ports (conversation references, dialog state…).
        services.AddPersonalDataPort<IProfileStore>();
        services.AddPersonalDataPort<IRequestStore>();
        services.AddPersonalDataPort<IMentorshipStore>();
        services.AddPersonalDataPort<CheckIns.ICheckInStore>();
        services.AddPersonalDataPort<Nudges.INudgeOutbox>();
        services.AddPersonalDataPort<Programs.IProgramStore>();
        services.AddPersonalDataPort<Programs.IEnrolmentStore>();
        services.AddPersonalDataPort<Programs.IConcernStore>();
        services.AddPersonalDataPort<Programs.Rounds.IRoundStore>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RequestOptions>, RequestOptionsValidator>());
        return services.AddOptions<RequestOptions>().ValidateOnStart();
    }
}
