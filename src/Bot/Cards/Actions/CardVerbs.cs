using System.Collections.Frozen;

namespace MentorBot.Bot.Cards.Actions;

/// <summary>
/// Verbs are part of the wire contract with cards already sitting in people's chats: never rename one, add a new
/// verb instead and let the old one fall through to <see cref="UnknownCardAction"/>.
/// </summary>
public static class CardVerbs
{
    public const string SetUpProfile = "profile.start";
    public const string EditProfile = "profile.edit";
    public const string SaveProfile = "profile.save";
    public const string ShowHelp = "help.show";
    public const string CancelFlow = "flow.cancel";
    public const string PickSkill = "skill.pick";
    public const string NoSkillMatch = "skill.none";
    public const string StartAskForHelp = "ask.start";
    public const string AskForHelp = "ask.submit";
    public const string AskCandidate = "candidates.ask";
    public const string LetMentorBotChoose = "candidates.auto";
    public const string AcceptRequest = "request.accept";
    public const string DeclineRequest = "request.decline";
    public const string SuggestColleague = "request.suggest";
    public const string WithdrawRequest = "request.withdraw";
    public const string ShowMyMentoring = "mentoring.mine";
    public const string ScheduleCheckIn = "checkin.schedule";
    public const string EndPairing = "pairing.end";
    public const string ConfirmEndPairing = "pairing.end.confirm";
    public const string ForgetMe = "privacy.forget";
    public const string ConfirmForgetMe = "privacy.forget.confirm";
    public const string PauseParticipation = "participation.pause";
    public const string ResumeParticipation = "participation.resume";
    public const string PickSlot = "slot.pick";
    public const string NoSlotFits = "slot.none";
    public const string LaterSlots = "slot.later";
    public const string RescheduleCheckIn = "checkin.reschedule";
    public const string SkipCheckIn = "checkin.skip";
    public const string AddAgendaTopic = "agenda.add";
    public const string SubmitFeedback = "feedback.submit";
    public const string RaiseConcern = "concern.raise";
    public const string SendThanks = "thanks.send";
    public const string ThanksLater = "thanks.later";
    public const string ContinuePairing = "period.continue";
    public const string ClosePairing = "period.close";
    public const string EditCadence = "cadence.edit";
    public const string ChangeCadence = "cadence.change";
    public const string JoinProgram = "program.join";
    public const string NotNowProgram = "program.notnow";
    public const string RefreshCard = "card.refresh";
    public const string PreviewRound = "round.preview";
    public const string PublishRound = "round.publish";
    public const string JoinSession = "session.join";
    public const string LeaveSession = "session.leave";
    public const string CancelSession = "session.cancel";
    public const string OfferSession = "session.offer";
    public const string PickSessionTime = "session.pick";
    public const string SessionFeedback = "session.feedback";
    public const string ThankSessionHost = "session.thank";

    // Built from the [JsonDerivedType] registrations so the verb list and the wire format cannot drift apart.
    private static readonly FrozenDictionary<Type, string> VerbsByType = CardJsonContext.Default.CardActionData
        .PolymorphismOptions!.DerivedTypes
        .ToFrozenDictionary(d => d.DerivedType, d => (string)d.TypeDiscriminator!);

    private static readonly FrozenSet<string> KnownVerbs = VerbsByType.Values.ToFrozenSet(StringComparer.Ordinal);

    public static IReadOnlyCollection<string> All => KnownVerbs;

    public static bool IsKnown(string verb) => KnownVerbs.Contains(verb);

    public static string Of(Type dataType) => VerbsByType.TryGetValue(dataType, out var verb)
        ? verb
        : throw new InvalidOperationException($"{dataType.Name} is not registered as a card action on {nameof(CardActionData)}.");
}
