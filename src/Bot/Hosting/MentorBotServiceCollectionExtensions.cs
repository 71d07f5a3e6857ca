using MentorBot.Bot.Protocol.Dialogs;
using MentorBot.Bot.Flows;
using MentorBot.Bot.Proactive;
using MentorBot.Bot.Protocol;
using MentorBot.Bot.Protocol.Authentication;
using MentorBot.Bot.Protocol.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using IMiddleware = MentorBot.Bot.Protocol.Builder.IMiddleware;
using MentorBot.Core.Privacy;
using MentorBot.Bot.Middleware;
using MentorBot.Bot.Turns;
using MentorBot.Bot.Workers;
using MentorBot.Core.Nudges;

namespace MentorBot.Bot.Hosting;

public static class MentorBotServiceCollectionExtensions
{
    /// <summary>The bot host: protocol layer, authentication, turn middleware (in order), the bot and health checks.</summary>
    public static IServiceCollection AddMentorBot(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddBotProtocol();
        services.AddBotAuthentication();

        // Order matters: refuse foreign tenants before remembering anything about them.
        services.AddTenants();
        services.AddSingleton<IMiddleware, TenantAllowListMiddleware>();
        // The turn's common reads start together here (decision 0410); the middlewares below take them.
        services.AddSingleton<IMiddleware, TurnReadsMiddleware>();
        services.AddSingleton<IMiddleware, ConversationReferenceMiddleware>();
        services.AddSingleton<IMiddleware, TurnPersonMiddleware>();
        // Last: it works after the turn has answered (decision 0360).
        services.AddSingleton<IMiddleware, RosterMiddleware>();
        services.AddOptions<RosterOptions>().Bind(configuration.GetSection(RosterOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<RosterPersonDirectory>();
        services.TryAddSingleton<Core.Profiles.IPersonDirectory>(sp => sp.GetRequiredService<RosterPersonDirectory>());

        services.TryAddSingleton<IConversationReferenceStore, InMemoryConversationReferenceStore>();

        // The Bot's own stores of people's data, erased by forget-me with Core's (decision 0290).
        services.AddPersonalDataPort<IConversationReferenceStore>();
        services.AddPersonalDataPort<IPostedCardStore>();
        services.AddPersonalDataPort<Protocol.Dialogs.Persistence.IDialogStateStore>();
        services.AddPersonalDataPort<INudgePreferencesStore>();
        services.AddSingleton<ProactiveMessenger>();
        services.AddMentorBotFlows();
        services.AddOfferExpiryWorker();
        services.AddMatchingIndexWarmUp();
        services.AddMentorBotDialogs();
        services.AddSingleton<IBot, MentorBotActivityHandler>();

        services.AddSingleton<AnonymousMode>();
        services.AddHostedService<AnonymousModeGuard>();
        services.AddHealthChecks().AddCheck<AnonymousModeHealthCheck>("anonymous-mode");
        services.Configure<HealthCheckOptions>(options => options.ResponseWriter = HealthReportWriter.WriteAsync);
        return services;
    }
}
