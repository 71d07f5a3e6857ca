using MentorBot.Core.CheckIns;
using MentorBot.Core.Matching;
using MentorBot.Core.Programs.Import;
using MentorBot.Core.Programs.Rounds;
using MentorBot.Core.Requests;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MentorBot.Core.Nudges;
using MentorBot.Core.Programs;
using MentorBot.Core.Organisation;
using MentorBot.Core.Privacy;
using MentorBot.Core.Programs.Invitations;

namespace MentorBot.Core.Composition;

public static class CoreServiceCollectionExtensions
{
    /// <summary>
    /// Every Core service and options validator: mentoring (requests, profiles, pairings, forget-me, matching),
    /// check-ins and nudge planning, concerns, program rounds and the import's skill lookup. Options are validated on
    /// start; Core has no configuration binder, so the host binds the sections (the Bot's <c>MentorBotHost</c> does).
    /// The ports (stores, <c>IRequestMessageDelivery</c>, <c>ICalendar</c>) and the <see cref="TimeProvider"/> are the host's.
    /// </summary>
    public static IServiceCollection AddMentorBotCore(this IServiceCollection services)
    {
        services.AddMentoring();
        services.AddCheckIns();
        services.AddGroupSessions();
        services.AddOptions<MatchingOptions>().ValidateOnStart();
        services.AddOptions<ConcernOptions>();

        services.TryAddSingleton<CheckInService>();
        services.TryAddSingleton<TimeSuggestions>();
        services.TryAddSingleton<UpcomingCheckIns>();
        services.TryAddSingleton<NudgePreferencesService>();
        services.TryAddSingleton<ConcernService>();
        services.TryAddSingleton<ProgramRoundService>();
        services.TryAddSingleton<ISkillLookup>(sp => new CatalogSkillLookup(sp.GetRequiredService<Skills.SkillResolver>()));

        // Knowing the organisation (decisions 0370-0373): without Graph the directory, calendars and installs are absent
        // and everything works from what people and owners tell MentorBot; the Bot replaces these when Graph is configured.
        services.TryAddSingleton<IDirectory, NoDirectory>();
        services.TryAddSingleton<DirectorySync>();
        services.TryAddSingleton<IAvailability, DeclaredHoursOnly>();
        services.AddOptions<InvitationOptions>();
        services.TryAddSingleton<IAppInstaller>(new LinkOnlyInstaller(null));
        services.TryAddSingleton<InvitationService>();
        services.AddPersonalDataPort<IDirectoryStore>();
        services.AddPersonalDataPort<IInvitationStore>();
        return services;
    }
}
