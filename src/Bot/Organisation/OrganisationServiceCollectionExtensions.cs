using MentorBot.Bot.Calendar;
using MentorBot.Core.CheckIns;
using MentorBot.Core.Organisation;
using MentorBot.Core.Programs.Invitations;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MentorBot.Bot.Organisation;

public static class OrganisationServiceCollectionExtensions
{
    /// <summary>
    /// The Graph directory, free/busy and app installs, each only when its <c>Graph</c> switch is on and an app-only
    /// credential is configured (decisions 0370-0373); otherwise Core's defaults (no directory, declared hours, the
    /// link to share) stay. Uses the calendar's token provider, so call after <c>AddMentorBotNudges</c>.
    /// </summary>
    public static IServiceCollection AddMentorBotOrganisation(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<InvitationOptions>().Bind(configuration.GetSection(InvitationOptions.SectionName));
        // No HttpClient request logging: Graph URLs name people (users/{id}/…), and logs must not.
        services.AddHttpClient(GraphHttp.HttpClientName).RemoveAllLoggers();

        // GraphHttp is made only when a switch is on: without Graph settings the token provider cannot be built at all.
        services.Replace(ServiceDescriptor.Singleton<IDirectory>(sp => Graph(sp) is { HasCredential: true, SyncDirectory: true }
            ? ActivatorUtilities.CreateInstance<GraphDirectory>(sp, Http(sp))
            : new NoDirectory()));
        services.Replace(ServiceDescriptor.Singleton<IAvailability>(sp => Graph(sp) is { HasCredential: true, ReadFreeBusy: true }
            ? ActivatorUtilities.CreateInstance<GraphAvailability>(sp, Http(sp))
            : new DeclaredHoursOnly()));
        services.Replace(ServiceDescriptor.Singleton<IAppInstaller>(sp => Graph(sp) is { HasCredential: true, InstallForUsers: true }
            ? ActivatorUtilities.CreateInstance<GraphAppInstaller>(sp, Http(sp))
            : new LinkOnlyInstaller(ShareLinks.For(sp.GetRequiredService<IOptions<InvitationOptions>>().Value))));
        services.TryAddSingleton<DirectoryLookups>();
        services.TryAddSingleton<DirectoryLookupWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<DirectoryLookupWorker>());
        return services;
    }

    private static GraphHttp Http(IServiceProvider services) => ActivatorUtilities.CreateInstance<GraphHttp>(services);

    private static GraphOptions Graph(IServiceProvider services) => services.GetRequiredService<IOptions<GraphOptions>>().Value;
}
