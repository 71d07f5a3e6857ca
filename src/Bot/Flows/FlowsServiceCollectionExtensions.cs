using MentorBot.Bot.Protocol.Dialogs;
using MentorBot.Bot.Proactive;
using MentorBot.Bot.Programs;
using MentorBot.Core.Privacy;
using MentorBot.Core.Requests;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MentorBot.Bot.Cards;
using MentorBot.Core.Outbox;
using IMiddleware = MentorBot.Bot.Protocol.Builder.IMiddleware;

namespace MentorBot.Bot.Flows;

public static class FlowsServiceCollectionExtensions
{
    /// <summary>
    /// What people do in chat: the notifier that turns notifications into cards, the dialogs and the router over Core's
    /// services (<c>AddMentorBotCore</c>, which <c>MentorBotHost</c> adds and binds).
    /// </summary>
    public static IServiceCollection AddMentorBotFlows(this IServiceCollection services)
    {
        services.TryAddSingleton<IPostedCardStore, InMemoryPostedCardStore>();
        services.TryAddSingleton<PostedCardUpdater>();
        services.TryAddSingleton<CardNotifier>();

        // Requests' messages go through the outbox (decision 0306); sent right after the step, retried by the nudge
        // dispatcher where AddMentorBotNudges runs it. The Nudges section binds the options there.
        services.AddOptions<NudgeOptions>();
        services.TryAddSingleton<TeamsSendRateLimiter>();
        services.TryAddSingleton<SentNudgeLog>();
        services.TryAddSingleton<RequestMessageDispatch>();
        services.TryAddSingleton<IRequestMessageDelivery>(sp => sp.GetRequiredService<RequestMessageDispatch>());
        services.AddPersonalDataPort<IRequestMessageOutbox>();

        services.TryAddSingleton<MentoringViews>();
        // Help and cancel in the middle of a form, and what the dialog layer says, in each person's language.
        services.TryAddSingleton<FormTexts>();
        services.AddSingleton<Protocol.Dialogs.IDialogWords>(sp => sp.GetRequiredService<FormTexts>());
        services.AddSingleton<Protocol.Dialogs.IDialogHelp>(sp => sp.GetRequiredService<FormTexts>());
        services.TryAddSingleton<AskRecognizer>();
        services.TryAddSingleton<SkillSearchInvoke>();
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

        services.TryAddSingleton<CheckInFlow>();
        services.TryAddSingleton<CheckInViews>();
        services.TryAddSingleton<ReminderFlow>();
        services.TryAddSingleton<ProgramStatusFlow>();
        services.TryAddSingleton<Programs.InviteCohortFlow>();
        services.TryAddSingleton<ProgramOwnerFlow>();
        services.TryAddSingleton<ProgramMembershipFlow>();
        services.TryAddSingleton<SessionFlow>();
        services.TryAddSingleton<SessionChannelFlow>();
        services.TryAddSingleton<SessionNotifier>();
        return services;
    }
}
