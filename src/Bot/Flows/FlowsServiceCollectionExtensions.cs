using MentorBot.Bot.Calendar;
using MentorBot.Bot.Protocol.Dialogs;
using MentorBot.Bot.Hosting;
using MentorBot.Bot.Hosting.Testing;
using MentorBot.Bot.Proactive;
using MentorBot.Bot.Programs;
using MentorBot.Bot.Storage.CheckIns;
using MentorBot.Bot.Storage.InMemory;
using MentorBot.Bot.Storage.Nudges;
using MentorBot.Core.CheckIns;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Notifications;
using MentorBot.Core.Requests;
using Microsoft.Extensions.DependencyInjection.Extensions;
using IMiddleware = MentorBot.Bot.Protocol.Builder.IMiddleware;

namespace MentorBot.Bot.Flows;

public static class FlowsServiceCollectionExtensions
{
    /// <summary>
    /// What people do in chat: the notifier that turns notifications into cards, the dialogs, the router and the
    /// offer-expiry sweep over Core's services (<c>AddMentorBotCore</c>, which <c>MentorBotHost</c> adds and binds).
    /// Call after the conversation-reference middleware.
    /// </summary>
    public static IServiceCollection AddMentorBotFlows(this IServiceCollection services)
    {
        services.AddSingleton<IMiddleware, TurnPersonMiddleware>();
        services.TryAddSingleton<IPostedCardStore, InMemoryPostedCardStore>();
        services.TryAddSingleton<PostedCardUpdater>();
        services.TryAddSingleton<INotifier, CardNotifier>();

        services.TryAddSingleton<MentoringViews>();
        services.TryAddSingleton<AskRecognizer>();
        services.TryAddSingleton<WelcomeTracker>();
        services.TryAddSingleton<ProfileFlow>();
        services.TryAddSingleton<RequestFlow>();
        services.TryAddSingleton<ParticipationFlow>();
        services.TryAddSingleton<PrivacyFlow>();
        services.TryAddSingleton<ProgramRoundFlow>();
        services.TryAddSingleton<ConversationRouter>();
        services.TryAddSingleton<PersonalChatRedirect>();

        services.AddDialog<OnboardingDialog>();
        services.AddSingleton<Dialog>(sp => OnboardingDialog.FormPrompt(sp.GetRequiredService<ProfileFlow>()));
        services.AddDialog<AskForHelpDialog>();
        services.AddDialog(AskForHelpDialog.FormPrompt());
        services.AddDialog<PauseDialog>();
        services.AddSingleton<Dialog>(sp => PauseDialog.UntilPrompt(sp.GetRequiredService<ParticipationFlow>()));

        services.TryAddSingleton<OfferExpiryService>();
        services.AddHostedService(sp => sp.GetRequiredService<OfferExpiryService>());
        services.AddSingleton<IDueWork>(sp => sp.GetRequiredService<OfferExpiryService>());
        services.TryAddSingleton<CheckInFlow>();
        services.TryAddSingleton<CheckInViews>();
        services.TryAddSingleton<ReminderFlow>();
        services.TryAddSingleton<ProgramStatusFlow>();
        services.TryAddSingleton<ProgramMembershipFlow>();
        services.TryAddSingleton<NudgePreferencesService>();
        return services;
    }

    /// <summary>
    /// In-memory requests and mentorships for whatever the storage registration did not provide (tests, a local run
    /// before the table stores exist). Call after <c>AddMentorBotStorage</c> so real stores win.
    /// </summary>
    public static IServiceCollection AddInMemoryStoreFallbacks(this IServiceCollection services)
    {
        services.TryAddSingleton<InMemoryMentoringStores>();
        services.TryAddSingleton<IRequestStore>(sp => sp.GetRequiredService<InMemoryMentoringStores>().Requests);
        services.TryAddSingleton<IMentorshipStore>(sp => sp.GetRequiredService<InMemoryMentoringStores>().Mentorships);
        services.TryAddSingleton<ICheckInStore>(sp =>
        {
            var engine = new InMemoryTableEngine("checkins", sp.GetRequiredService<TimeProvider>());
            engine.GetTable(TableCheckInStore.TableName).CreateIfNotExistsAsync(CancellationToken.None).GetAwaiter().GetResult();
            return new TableCheckInStore(engine);
        });
        services.TryAddSingleton<ICalendar, IcsOnlyCalendar>();
        services.AddProgramStoreFallbacks();
        services.TryAddSingleton<INudgePreferencesStore>(sp =>
        {
            var engine = new InMemoryTableEngine("preferences", sp.GetRequiredService<TimeProvider>());
            engine.GetTable(TableNudgePreferencesStore.TableName).CreateIfNotExistsAsync(CancellationToken.None).GetAwaiter().GetResult();
            return new TableNudgePreferencesStore(engine);
        });
        return services;
    }
}
