using System.Text.Json;
using MentorBot.Bot.Cards;
using MentorBot.Bot.Cards.Actions;
using MentorBot.Bot.Cards.Programs;
using MentorBot.Bot.Protocol.Dialogs;
using MentorBot.Bot.Protocol.Builder;
using MentorBot.Bot.Protocol.Schema;
using MentorBot.Core;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Profiles;
using MentorBot.Bot.Turns;

namespace MentorBot.Bot.Flows;

/// <summary>
/// Where each activity goes: the running dialog first, then card buttons, typed commands, a free-text request for
/// help, and otherwise a friendly "I didn't get that". Every branch calls one flow; no branch holds logic of its own.
/// </summary>
public sealed partial class ConversationRouter(
    DialogRunner dialogs,
    RequestFlow requests,
    ProfileFlow profileFlow,
    ParticipationFlow participation,
    PrivacyFlow privacy,
    ProfileService profiles,
    MentorshipService pairings,
    MentoringViews views,
    WelcomeTracker welcomes,
    CheckInFlow checkIns,
    ReminderFlow reminders,
    ProgramStatusFlow programStatus,
    ProgramMembershipFlow programMembership,
    ProgramRoundFlow rounds,
    Programs.InviteCohortFlow invitations,
    ProgramOwnerFlow programOwners,
    PersonalChatRedirect personalChat,
    SessionFlow sessionFlow,
    SessionChannelFlow sessionChannel,
    Core.CheckIns.UpcomingCheckIns upcoming,
    ILogger<ConversationRouter> logger,
    Core.Skills.TenantSkillCatalogs skillCatalogs)
{
    public async Task OnMessageAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        if (TurnPerson.Of(turnContext) is not { } person
            || await ReadSkillCatalogAsync(person, cancellationToken)
            || await RefuseOverLongTextAsync(turnContext, person, cancellationToken)
            || await sessionChannel.TryHandleAsync(turnContext, person, cancellationToken)
            || await ContinueInPersonalChatAsync(turnContext, person, cancellationToken)
            || await ContinueDialogAsync(turnContext, cancellationToken))
        {
            return;
        }

        var activity = turnContext.Activity;
        var text = activity.RemoveRecipientMention();
        if (string.IsNullOrWhiteSpace(text) && activity.Value is { ValueKind: JsonValueKind.Object } submitted)
        {
            await OnCardActionAsync(turnContext, person, CardActionParser.Parse(submitted), cancellationToken);
            return;
        }

        if (!string.IsNullOrWhiteSpace(text))
        {
            await OnTextAsync(turnContext, person, text, cancellationToken);
        }
    }

    /// <summary>An Action.Execute press; the answer is the invoke response (a replaced card or a short message).</summary>
    public async Task<InvokeResponse> OnCardInvokeAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        if (TurnPerson.Of(turnContext) is { } person
            && !await ReadSkillCatalogAsync(person, cancellationToken)
            && !await RefuseOverLongTextAsync(turnContext, person, cancellationToken)
            && !await ContinueInPersonalChatAsync(turnContext, person, cancellationToken)
            && !await ContinueDialogAsync(turnContext, cancellationToken)
            && turnContext.Activity.Value is { } value)
        {
            await OnCardActionAsync(turnContext, person, CardActionParser.Parse(value), cancellationToken);
        }

        var culture = TurnPerson.Of(turnContext)?.Culture ?? TurnPerson.DefaultCulture;
        return turnContext.InvokeResponse
            ?? InvokeResponse.FromAdaptiveCard(AdaptiveCardInvokeResponse.Message(new CardTexts(culture)["Flow.Done"]));
    }

    /// <summary>
    /// Install or first contact in a 1:1 chat: the welcome card, once, for people who have not joined yet; for someone
    /// an owner imported (invited, 0242), the programs' consent cards instead, since only their own Join counts.
    /// </summary>
    public async Task OnInstalledAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        if (TurnPerson.Of(turnContext) is not { } person)
        {
            return;
        }

        if (!turnContext.Activity.Conversation.IsPersonal())
        {
            await GreetSharedConversationAsync(turnContext, person, cancellationToken);
            return;
        }

        if (await profiles.GetAsync(person.Id, cancellationToken) is { } existing)
        {
            if (!existing.Participation.HasConsented && welcomes.TryStartWelcome(person.Id))
            {
                await programMembership.OfferAsync(turnContext, person, quietWhenNothing: true, cancellationToken);
            }

            return;
        }

        if (!welcomes.TryStartWelcome(person.Id))
        {
            return;
        }

        await Replies.SendCardAsync(turnContext, WelcomeCard.Build(new WelcomeView(person.FirstName), person.Culture), cancellationToken);
    }

    /// <summary>
    /// The bot added to a team or group chat says hello there once, in one short public line that points to the 1:1
    /// chat (decision 0256: nothing private is posted in a shared conversation). Someone else joining later is no install.
    /// </summary>
    private async Task GreetSharedConversationAsync(ITurnContext turnContext, TurnPerson person, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        var botArrived = activity.IsType(ActivityTypes.InstallationUpdate)
            || activity.MembersAdded?.Any(m => string.Equals(m?.Id, activity.Recipient?.Id, StringComparison.Ordinal)) == true;
        if (!botArrived || activity.Conversation?.Id is not { Length: > 0 } conversationId || !welcomes.TryStartConversationGreeting(conversationId))
        {
            return;
        }

        Log.GreetedSharedConversation(logger, activity.Conversation.ConversationType);
        await turnContext.SendActivityAsync(new CardTexts(person.Culture)["Flow.SharedInstallGreeting"], cancellationToken);
    }

    /// <summary>
    /// Free text over its limit (decision 0251) stops the turn before any dialog or flow sees it, so nothing is stored
    /// half-way; the person gets what they typed back, cut to the limit, to edit and send again.
    /// </summary>
    private async Task<bool> RefuseOverLongTextAsync(ITurnContext turnContext, TurnPerson person, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        if (TextLimits.Check(FreeTextField.ChatMessage, activity.Text) is { } tooLongMessage)
        {
            var t = new CardTexts(person.Culture);
            await turnContext.SendActivityAsync(t.Format("Flow.MessageTooLong", tooLongMessage.MaxLength), cancellationToken);
            return true;
        }

        if (activity.Value is not { ValueKind: JsonValueKind.Object } value
            || CardActionParser.Parse(value) is not { } action
            || FreeTextInputs.FirstTooLong(action) is not { } tooLong)
        {
            return false;
        }

        Log.TextTooLong(logger, action.Verb, tooLong.Problem.Field, tooLong.Problem.Length);
        var card = TextTooLongCard.Build(new TextTooLongView(tooLong.Problem, FreeTextInputs.Truncated(action)), person.Culture);
        // A new message, not the pressed card replaced: the original card (an offer's Accept, say) stays usable.
        await Replies.SendCardAsync(turnContext, card, cancellationToken);
        if (activity.IsType(ActivityTypes.Invoke))
        {
            turnContext.InvokeResponse = InvokeResponse.FromAdaptiveCard(
                AdaptiveCardInvokeResponse.Message(new CardTexts(person.Culture)["Flow.TooLongSeeBelow"]));
        }

        return true;
    }

    /// <summary>
    /// In a group chat or channel, only a greeting or help is answered there; everything else gets one short public
    /// line and continues in the person's 1:1 chat (decision 0256), so nobody else sees candidates, profiles or pairings.
    /// </summary>
    private async Task<bool> ContinueInPersonalChatAsync(ITurnContext turnContext, TurnPerson person, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        if (!PersonalChatRedirect.IsShared(activity) || IsPublic(activity))
        {
            return false;
        }

        var personal = await personalChat.OpenAsync(turnContext, cancellationToken);
        var t = new CardTexts(person.Culture);
        var line = personal is null ? t["Flow.PrivateNoChat"] : t["Flow.PrivateContinued"];
        if (activity.IsType(ActivityTypes.Invoke))
        {
            turnContext.InvokeResponse = InvokeResponse.FromAdaptiveCard(AdaptiveCardInvokeResponse.Message(line));
        }
        else
        {
            await turnContext.SendActivityAsync(line, cancellationToken);
        }

        if (personal is not null)
        {
            Log.MovedToPersonalChat(logger);
            await OnMessageAsync(personal, cancellationToken);
        }

        return true;
    }

    private static bool IsPublic(Activity activity)
    {
        if (activity.Value is { ValueKind: JsonValueKind.Object } value && string.IsNullOrWhiteSpace(activity.RemoveRecipientMention()))
        {
            return CardActionParser.Parse(value) is ShowHelpData;
        }

        var text = activity.RemoveRecipientMention();
        return !string.IsNullOrWhiteSpace(text) && Commands.Recognize(text).Kind is CommandKind.Greeting or CommandKind.Help;
    }

    private async Task<bool> ContinueDialogAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var result = await dialogs.ContinueAsync(turnContext, cancellationToken);
        return result.Status is not (DialogTurnStatus.Empty or DialogTurnStatus.Unhandled);
    }

    private Task OnTextAsync(ITurnContext turnContext, TurnPerson person, string text, CancellationToken cancellationToken)
    {
        // Group sessions (decision 0470): "what sessions are coming up?", "offer a session", in every language.
        switch (SessionFlow.Recognize(text))
        {
            case SessionFlow.TextCommand.List:
                return sessionFlow.ListAsync(turnContext, person, cancellationToken);
            case SessionFlow.TextCommand.Offer:
                return sessionFlow.StartOfferAsync(turnContext, person, cancellationToken);
        }

        var command = Commands.Recognize(text);
        Log.Command(logger, command.Kind);
        return command.Kind switch
        {
            CommandKind.Greeting => GreetAsync(turnContext, person, cancellationToken),
            CommandKind.Help => ShowHelpAsync(turnContext, person, cancellationToken),
            CommandKind.Ask when command.Argument is { Length: > 0 } what => OnFreeTextAsync(turnContext, person, what, cancellationToken),
            CommandKind.Ask => StartAskAsync(turnContext, person, null, null, cancellationToken),
            CommandKind.Profile => BeginProfileAsync(turnContext, new OnboardingState(), cancellationToken),
            CommandKind.MyMentoring => ShowMyMentoringAsync(turnContext, person, cancellationToken),
            CommandKind.Pause when command.Argument is { Length: > 0 } until => participation.PauseAsync(turnContext, person, until, cancellationToken),
            CommandKind.Pause => BeginPauseAsync(turnContext, person, cancellationToken),
            CommandKind.Resume => participation.ResumeAsync(turnContext, person, cancellationToken),
            CommandKind.EndPairing => privacy.ConfirmEndPairingAsync(turnContext, person, null, cancellationToken),
            CommandKind.ForgetMe => privacy.ConfirmForgetMeAsync(turnContext, person, cancellationToken),
            CommandKind.SnoozeReminders => reminders.SnoozeAsync(turnContext, person, command.Argument, cancellationToken),
            CommandKind.MuteReminders => reminders.MuteAsync(turnContext, person, cancellationToken),
            CommandKind.UnmuteReminders => reminders.UnmuteAsync(turnContext, person, cancellationToken),
            CommandKind.ProgramStatus => programStatus.ShowAsync(turnContext, person, cancellationToken),
            CommandKind.JoinProgram => programMembership.OfferAsync(turnContext, person, quietWhenNothing: false, cancellationToken),
            CommandKind.LeaveProgram => programMembership.LeaveAsync(turnContext, person, cancellationToken),
            CommandKind.ProgramRound => rounds.StartAsync(turnContext, person, cancellationToken),
            CommandKind.InviteParticipants => invitations.InviteAsync(turnContext, person, cancellationToken),
            CommandKind.MyPrograms => programOwners.ListAsync(turnContext, person, cancellationToken),
            CommandKind.PauseProgram => programOwners.SetStateAsync(turnContext, person, command.Argument, Core.Programs.ProgramState.Paused, cancellationToken),
            CommandKind.ResumeProgram => programOwners.SetStateAsync(turnContext, person, command.Argument, Core.Programs.ProgramState.Running, cancellationToken),
            _ => OnFreeTextAsync(turnContext, person, text, cancellationToken),
        };
    }

    private async Task OnFreeTextAsync(ITurnContext turnContext, TurnPerson person, string text, CancellationToken cancellationToken)
    {
        var t = new CardTexts(person.Culture);
        switch (AskRecognizer.Recognize(text, skillCatalogs.Peek(person.Tenant).Resolver))
        {
            case AskIntent.Confident confident:
                await StartAskAsync(turnContext, person, confident.Skill.Id.Value, text, cancellationToken);
                break;
            case AskIntent.Unsure unsure:
                await ShowSkillChoiceAsync(turnContext, person, text, unsure.Options, cancellationToken);
                break;
            case AskIntent.Unknown { Suggestions.Count: > 0 } unknown:
                await ShowSkillChoiceAsync(turnContext, person, text, unknown.Suggestions, cancellationToken);
                break;
            case AskIntent.Unknown:
                await StartAskAsync(turnContext, person, null, text, cancellationToken, lead: t["Flow.AskUnknownSkill"]);
                break;
            default:
                await ShowHelpAsync(turnContext, person, t["Flow.DidntGetIt"], cancellationToken);
                break;
        }
    }

    private Task OnCardActionAsync(ITurnContext turnContext, TurnPerson person, CardActionData action, CancellationToken cancellationToken)
    {
        Log.CardAction(logger, action.Verb);
        return action switch
        {
            SetUpProfileData or EditProfileData => BeginProfileAsync(turnContext, new OnboardingState(), cancellationToken),
            SaveProfileData form => SaveProfileOutsideDialogAsync(turnContext, person, form, cancellationToken),
            ShowHelpData => ShowHelpAsync(turnContext, person, cancellationToken),
            CancelFlowData => CancelAsync(turnContext, person, cancellationToken),
            PickSkillData pick => StartAskAsync(turnContext, person, pick.SkillId, pick.Typed, cancellationToken),
            NoSkillMatchData none => StartAskAsync(turnContext, person, null, none.Typed, cancellationToken),
            StartAskForHelpData start => StartAskAsync(turnContext, person, start.SkillId, null, cancellationToken),
            AskForHelpData form => requests.SubmitAskAsync(turnContext, person, form, cancellationToken),
            AskCandidateData pick => requests.PickAsync(turnContext, person, pick.RequestId, pick.Version, pick.CandidateId, cancellationToken),
            LetMentorBotChooseData auto => requests.PickAsync(turnContext, person, auto.RequestId, auto.Version, null, cancellationToken),
            AcceptRequestData accept => requests.AcceptAsync(turnContext, person, accept.RequestId, accept.Version, cancellationToken),
            DeclineRequestData decline => requests.DeclineAsync(turnContext, person, decline.RequestId, decline.Version, DeclineReason(decline.Reason, decline.Note), cancellationToken),
            SuggestColleagueData suggest => requests.SuggestColleagueAsync(turnContext, person, suggest, cancellationToken),
            WithdrawRequestData withdraw => requests.WithdrawAsync(turnContext, person, withdraw.RequestId, cancellationToken),
            ShowMyMentoringData => ShowMyMentoringAsync(turnContext, person, cancellationToken),
            EndPairingData end => privacy.ConfirmEndPairingAsync(turnContext, person, end.PairingId, cancellationToken),
            ConfirmEndPairingData end => privacy.EndPairingAsync(turnContext, person, end, cancellationToken),
            ForgetMeData => privacy.ConfirmForgetMeAsync(turnContext, person, cancellationToken),
            ConfirmForgetMeData => privacy.ForgetAsync(turnContext, person, cancellationToken),
            PauseParticipationData => BeginPauseAsync(turnContext, person, cancellationToken),
            ResumeParticipationData => participation.ResumeAsync(turnContext, person, cancellationToken),
            ScheduleCheckInData schedule => checkIns.ProposeAsync(turnContext, person, schedule.PairingId, cancellationToken),
            PickSlotData pick => checkIns.PickAsync(turnContext, person, pick, cancellationToken),
            NoSlotFitsData suggest => checkIns.SuggestTimeAsync(turnContext, person, suggest, cancellationToken),
            LaterSlotsData later => checkIns.LaterTimesAsync(turnContext, person, later, cancellationToken),
            SubmitFeedbackData feedback => checkIns.SubmitFeedbackAsync(turnContext, person, feedback, cancellationToken),
            SendThanksData thanks => checkIns.ThankAsync(turnContext, person, thanks, cancellationToken),
            ThanksLaterData later => checkIns.ThanksLaterAsync(turnContext, person, later, cancellationToken),
            JoinProgramData join => programMembership.JoinAsync(turnContext, person, join, cancellationToken),
            NotNowProgramData => programMembership.NotNowAsync(turnContext, person, cancellationToken),
            RescheduleCheckInData reschedule => checkIns.RescheduleAsync(turnContext, person, reschedule, cancellationToken),
            ContinuePairingData period => checkIns.EndOfPeriodAsync(turnContext, person, period.PairingId, true, period.RatingValue, period.Highlight, cancellationToken, period, CheckInFlow.LevelOf(period.Level)),
            ClosePairingData period => checkIns.EndOfPeriodAsync(turnContext, person, period.PairingId, false, InputValue.Number(period.Rating), period.Highlight, cancellationToken, period, CheckInFlow.LevelOf(period.Level)),
            EditCadenceData cadence => checkIns.EditCadenceAsync(turnContext, person, cadence.PairingId, cancellationToken),
            ChangeCadenceData cadence => checkIns.ChangeCadenceAsync(turnContext, person, cadence, cancellationToken),
            AddAgendaTopicData topic => checkIns.AddTopicAsync(turnContext, person, topic, cancellationToken),
            SkipCheckInData skip => checkIns.SkipAsync(turnContext, person, skip, cancellationToken),
            RaiseConcernData concern => checkIns.RaiseConcernAsync(turnContext, person, concern, cancellationToken),
            PreviewRoundData preview => rounds.PreviewAsync(turnContext, person, preview.ProgramId, cancellationToken),
            PublishRoundData publish => rounds.PublishAsync(turnContext, person, publish, cancellationToken),
            JoinSessionData join => sessionFlow.JoinAsync(turnContext, person, join, cancellationToken),
            LeaveSessionData leave => sessionFlow.LeaveAsync(turnContext, person, leave, cancellationToken),
            CancelSessionData cancel => sessionFlow.CancelAsync(turnContext, person, cancel, cancellationToken),
            OfferSessionData offer => sessionFlow.ProposeTimesAsync(turnContext, person, offer, cancellationToken),
            PickSessionTimeData pick => sessionFlow.PickTimeAsync(turnContext, person, pick, cancellationToken),
            SessionFeedbackData rating => sessionFlow.RateAsync(turnContext, person, rating, cancellationToken),
            ThankSessionHostData thanks => sessionFlow.ThankAsync(turnContext, person, thanks, cancellationToken),
            RefreshCardData { Card: MentoringRequestCard.CardName } refresh => requests.RefreshAsync(turnContext, person, refresh.EntityId, cancellationToken),
            UnknownCardAction unknown => Replies.ReplacePressedCardAsync(turnContext, FriendlyErrorCard.For(unknown, person.Culture), cancellationToken),
            // Every registered verb has its own branch above (CardVerbWalkTests); a verb added without one reads as unknown.
            _ => Replies.ReplacePressedCardAsync(turnContext, FriendlyErrorCard.For(new UnknownCardAction(action.Verb, UnknownCardActionReason.UnknownVerb), person.Culture), cancellationToken),
        };
    }

    private static string? DeclineReason(string? reason, string? note) =>
        (InputValue.Text(reason), InputValue.Text(note)) switch
        {
            (null, null) => null,
            ({ } code, null) => code,
            (null, { } text) => text,
            ({ } code, { } text) => $"{code}: {text}",
        };

    private async Task GreetAsync(ITurnContext turnContext, TurnPerson person, CancellationToken cancellationToken)
    {
        if (await profiles.GetAsync(person.Id, cancellationToken) is null)
        {
            await Replies.SendCardAsync(turnContext, WelcomeCard.Build(new WelcomeView(person.FirstName), person.Culture), cancellationToken);
            return;
        }

        var name = person.FirstName is { } first ? " " + first : string.Empty;
        await turnContext.SendActivityAsync(new CardTexts(person.Culture).Format("Flow.Hello", name), cancellationToken);
    }

    private Task ShowHelpAsync(ITurnContext turnContext, TurnPerson person, CancellationToken cancellationToken) =>
        ShowHelpAsync(turnContext, person, null, cancellationToken);

    /// <summary>The help card; with <paramref name="lead"/> the line above it, in the same message (Teams shows one message best).</summary>
    private async Task ShowHelpAsync(ITurnContext turnContext, TurnPerson person, string? lead, CancellationToken cancellationToken)
    {
        var profile = await profiles.GetAsync(person.Id, cancellationToken);
        var paused = profile?.Participation.State == ParticipationState.Paused;
        await Replies.SendCardAsync(turnContext, HelpCard.Build(new HelpView(paused), person.Culture), lead, cancellationToken);
    }

    private async Task ShowMyMentoringAsync(ITurnContext turnContext, TurnPerson person, CancellationToken cancellationToken)
    {
        var mine = await requests.ListMineAsync(person.Id, cancellationToken);
        var pairs = await pairings.ListForAsync(person.Id, cancellationToken);
        var people = new Dictionary<UserId, Profile>();
        foreach (var other in mine.SelectMany(r => r.AskedCandidates).Concat(pairs.Select(p => p.OtherThan(person.Id))).Distinct())
        {
            if (await profiles.GetAsync(other, cancellationToken) is { } profile)
            {
                people[other] = profile;
            }
        }

        // The next check-in per running pairing, in the reader's zone (the manifest promises upcoming check-ins).
        var t = new CardTexts(person.Culture);
        var audience = Audience.For(person.Culture, (await profiles.GetAsync(person.Id, cancellationToken))?.TimeZoneId);
        var next = new Dictionary<MentorshipId, string>();
        foreach (var pairing in pairs.Where(p => p.State.Status != MentorshipStatus.Ended))
        {
            next[pairing.Id] = await upcoming.NextAsync(pairing.Id, cancellationToken) switch
            {
                { Meeting: { } meeting, Status: Core.CheckIns.CheckInStatus.Scheduled } => audience.FormatDateTime(meeting.Slot.Start),
                { } => t["Mine.TimesOffered"],
                null => t["Mine.NoCheckIn"],
            };
        }

        var view = views.Mine(person.Id, mine, pairs, people, t, next);
        await Replies.SendCardAsync(turnContext, MyMentoringCard.Build(view, person.Culture), cancellationToken);
    }

    /// <param name="lead">A line to say first; it travels in the form's own message (one reply per turn).</param>
    private async Task StartAskAsync(ITurnContext turnContext, TurnPerson person, string? skillId, string? goal, CancellationToken cancellationToken, string? lead = null)
    {
        if (await profiles.GetAsync(person.Id, cancellationToken) is null)
        {
            // Both lines, in order, above the profile form: what the ask would have said, then "set up your profile first".
            var noProfile = new CardTexts(person.Culture)["Flow.NoProfileYet"];
            var lines = lead is null ? noProfile : lead + "\n\n" + noProfile;
            await BeginProfileAsync(turnContext, new OnboardingState { AskAfterwards = true, AskSkillId = skillId, AskGoal = goal, Lead = lines }, cancellationToken);
            return;
        }

        await dialogs.BeginAsync(turnContext, AskForHelpDialog.DialogId, new AskState { SkillId = skillId, Goal = goal, Lead = lead }, cancellationToken);
        if (skillId is not null)
        {
            // Beside one-to-one help: an upcoming group session on the same skill (decision 0470).
            await sessionFlow.OfferCoveringAsync(turnContext, person, skillId, cancellationToken);
        }
    }

    /// <summary>
    /// The tenant's skill catalog, current within its refresh interval (decision 0450), before anything reads it: the
    /// resolver, the cards' skill lists and profile validation then use it from memory. Never stops the turn.
    /// </summary>
    private async Task<bool> ReadSkillCatalogAsync(TurnPerson person, CancellationToken cancellationToken)
    {
        _ = await skillCatalogs.ForAsync(person.Tenant, cancellationToken);
        return false;
    }

    private static async Task ShowSkillChoiceAsync(ITurnContext turnContext, TurnPerson person, string typed, IEnumerable<Core.Skills.SkillDefinition> options, CancellationToken cancellationToken)
    {
        var view = new SkillChoiceView(typed, [.. options.Select(s => new ChoiceOption(s.Name, s.Id.Value))]);
        await Replies.SendCardAsync(turnContext, SkillChoiceCard.Build(view, person.Culture), cancellationToken);
    }

    private async Task BeginProfileAsync(ITurnContext turnContext, OnboardingState state, CancellationToken cancellationToken) =>
        await dialogs.BeginAsync(turnContext, OnboardingDialog.DialogId, state, cancellationToken);

    private async Task BeginPauseAsync(ITurnContext turnContext, TurnPerson person, CancellationToken cancellationToken)
    {
        if (await profiles.GetAsync(person.Id, cancellationToken) is null)
        {
            await turnContext.SendActivityAsync(new CardTexts(person.Culture)["Flow.PausedNoProfile"], cancellationToken);
            return;
        }

        await dialogs.BeginAsync(turnContext, PauseDialog.DialogId, new PauseState(), cancellationToken);
    }

    // A form from an earlier session (the dialog was cancelled, the bot restarted) still says what the person wants,
    // so it is saved rather than called stale.
    private async Task SaveProfileOutsideDialogAsync(ITurnContext turnContext, TurnPerson person, SaveProfileData form, CancellationToken cancellationToken) =>
        await profileFlow.SaveAsync(turnContext, person, form, cancellationToken);

    private async Task CancelAsync(ITurnContext turnContext, TurnPerson person, CancellationToken cancellationToken)
    {
        await privacy.ClearDialogStateAsync(turnContext, cancellationToken);
        await turnContext.SendActivityAsync(new CardTexts(person.Culture)["Flow.Cancelled"], cancellationToken);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "Text routed as {Command}")]
        public static partial void Command(ILogger logger, CommandKind command);

        [LoggerMessage(2, LogLevel.Debug, "Card action {Verb}")]
        public static partial void CardAction(ILogger logger, string verb);

        [LoggerMessage(4, LogLevel.Debug, "A private request in a shared conversation continues in the person's 1:1 chat")]
        public static partial void MovedToPersonalChat(ILogger logger);

        [LoggerMessage(5, LogLevel.Information, "Added to a shared conversation ({ConversationType}): greeted it once")]
        public static partial void GreetedSharedConversation(ILogger logger, string? conversationType);

        [LoggerMessage(3, LogLevel.Information, "Card action {Verb} refused: {Field} has {Length} characters, over its limit")]
        public static partial void TextTooLong(ILogger logger, string verb, FreeTextField field, int length);
    }
}
