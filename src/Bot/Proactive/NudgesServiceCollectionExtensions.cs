using Azure.Core;
using Azure.Identity;
using MentorBot.Bot.Calendar;
using MentorBot.Bot.Hosting.Testing;
using MentorBot.Core.CheckIns;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Kiota.Abstractions.Authentication;
using MentorBot.Bot.Workers;
using MentorBot.Core.Nudges;

namespace MentorBot.Bot.Proactive;

public static class NudgesServiceCollectionExtensions
{
    /// <summary>The named HttpClient for Graph, with the Graph SDK's handlers (retry with Retry-After, redirects, compression).</summary>
    public const string GraphHttpClientName = "Graph";

    /// <summary>
    /// The nudge cards, send limits and preferences (the dispatcher and planner are workers: <c>AddNudgeWorkers</c>), the calendar (Graph when the <c>Graph</c> section is complete, else .ics only) and the
    /// signed invite links (also on check-in cards the flows send). Nudge planning itself is Core's (<c>AddMentorBotCore</c>). The application registers the ports this needs: <see cref="Core.Nudges.INudgeOutbox"/>,
    /// <see cref="INudgeContextSource"/>, <see cref="INudgePreferencesStore"/> and <see cref="ICheckInReader"/>, and maps
    /// <c>app.MapCheckInInvite()</c>. Requires <c>AddBotProtocol</c> (Connector) and a <see cref="ProactiveMessenger"/>.
    /// </summary>
    public static IServiceCollection AddMentorBotNudges(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<NudgeOptions>().Bind(configuration.GetSection(NudgeOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();

        services.TryAddSingleton<NudgeCardFactory>();
        services.TryAddSingleton<TeamsSendRateLimiter>();
        services.TryAddSingleton<SentNudgeLog>();
        services.TryAddSingleton<PairNudgeSources>();
        services.TryAddSingleton<INudgeContextSource>(sp => sp.GetRequiredService<PairNudgeSources>());
        services.TryAddSingleton<ICheckInReader>(sp => sp.GetRequiredService<PairNudgeSources>());

        services.AddOptions<CalendarOptions>().Bind(configuration.GetSection(CalendarOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<GraphOptions>().Bind(configuration.GetSection(GraphOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GraphOptions>, GraphOptionsValidator>());

        // Invite links must verify on every instance: the host persists the key ring somewhere shared (decision 0124).
        services.AddDataProtection().SetApplicationName("MentorBot");
        services.TryAddSingleton<CheckInInviteLinks>();

        services.AddHttpClient(GraphHttpClientName).ConfigureAdditionalHttpMessageHandlers((handlers, _) =>
        {
            foreach (var handler in GraphClientFactory.CreateDefaultHandlers())
            {
                handlers.Add(handler);
            }
        });
        services.TryAddSingleton<IAccessTokenProvider>(sp =>
        {
            var graph = sp.GetRequiredService<IOptions<GraphOptions>>().Value;
            return new GraphAccessTokenProvider(Credential(graph), new Uri(graph.BaseUrl));
        });
        services.TryAddSingleton<ICalendar>(sp =>
        {
            var graph = sp.GetRequiredService<IOptions<GraphOptions>>().Value;
            if (!graph.IsConfigured)
            {
                return new IcsOnlyCalendar();
            }

            var client = new GraphServiceClient(
                sp.GetRequiredService<IHttpClientFactory>().CreateClient(GraphHttpClientName),
                new BaseBearerTokenAuthenticationProvider(sp.GetRequiredService<IAccessTokenProvider>()),
                graph.BaseUrl);
            return ActivatorUtilities.CreateInstance<GraphCalendar>(sp, client);
        });
        return services;
    }

    private static TokenCredential Credential(GraphOptions graph) => graph switch
    {
        { UseManagedIdentity: true } => new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(graph.ClientId!)),
        { HasCertificate: true } => new ClientCertificateCredential(graph.TenantId, graph.ClientId, GraphCertificates.Load(graph)),
        _ => new ClientSecretCredential(graph.TenantId, graph.ClientId, graph.ClientSecret),
    };
}
