using MentorBot.Bot.Calendar;
using MentorBot.Bot.Dialogs;
using MentorBot.Bot.Hosting;
using MentorBot.Bot.Hosting.Testing;
using MentorBot.Bot.Proactive;
using MentorBot.Bot.Programs;
using MentorBot.Bot.Storage.CheckIns;
using MentorBot.Bot.Storage.InMemory;
using MentorBot.Bot.Storage.Nudges;
using MentorBot.Core.CheckIns;
using MentorBot.Core.Feedback;
using MentorBot.Core.Matching;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Notifications;
using MentorBot.Core.Privacy;
using MentorBot.Core.Requests;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using IMiddleware = MentorBot.Bot.Protocol.Builder.IMiddleware;

namespace MentorBot.Bot.Flows;

public static class FlowsServiceCollectionExtensions
{
    /// <summary>
    /// What people do in chat: Core's mentoring services with their options, the notifier that turns notifications into
    /// cards, the dialogs, the router and the offer-expiry sweep. Call after the conversation-reference middleware.
    /// </summary>
    public static IServiceCollection AddMentorBotFlows(this IServiceCollection services)
    {
        services.AddMentoring().BindConfiguration(RequestOptions.SectionName);
        services.AddCheckIns().BindConfiguration(CheckInOptions.SectionName);
        services.AddOptions<MatchingOptions>().BindConfiguration(MatchingOptions.SectionName).ValidateOnStart();

        services.AddSingleton<IMiddleware, TurnPersonMiddleware>();
        services.TryAddSingleton<IPostedCardStore, InMemoryPostedCardStore>();
        services.TryAddSingleton<PostedCardUpdater>();
        services.TryAddSingleton<CardNotifier>();
        services.TryAddSingleton<INotifier>(sp => sp.GetRequiredService<CardNotifier>());

        // Requests' messages go through the outbox (decision 0306); sent right after the step, retried by the nudge
        // dispatcher where AddMentorBotNudges runs it. The Nudges section binds the options there.
        services.AddOptions<NudgeOptions>();
        services.TryAddSingleton<TeamsSendRateLimiter>();
        services.TryAddSingleton<SentNudgeLog>();
        services.TryAddSingleton<RequestMessageDispatch>();
        services.TryAddSingleton<IRequestMessageDelivery>(sp => sp.GetRequiredService<RequestMessageDispatch>());
        services.AddPersonalDataPort<IRequestMessageOutbox>();

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
        services.TryAddSingleton<CheckInService>();
        services.AddOptions<ConcernOptions>().BindConfiguration(ConcernOptions.SectionName);
        services.TryAddSingleton<ConcernService>();
        services.TryAddSingleton<CheckInFlow>();
        services.TryAddSingleton<CheckInViews>();
        services.TryAddSingleton<ReminderFlow>();
        services.TryAddSingleton<ProgramStatusFlow>();
        services.TryAddSingleton<ProgramMembershipFlow>();
        services.TryAddSingleton<NudgePreferencesService>();
        // The .ics links on check-in cards; AddMentorBotNudges binds the Calendar section.
        services.AddOptions<CalendarOptions>();
        services.AddDataProtection().SetApplicationName("MentorBot");
        services.TryAddSingleton<CheckInInviteLinks>();
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
        services.TryAddSingleton<IRequestMessageOutbox>(sp => sp.GetRequiredService<InMemoryMentoringStores>().Messages);
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
