using System.Text.Json.Serialization;
using MentorBot.Bot.Cards.Programs;

namespace MentorBot.Bot.Cards.Actions;

/// <summary>
/// What a card button sends back. Serialized as the action's <c>data</c> with the verb as discriminator, so
/// <c>{"verb":"request.accept","requestId":"r1","version":3}</c> parses straight back into
/// <see cref="AcceptRequestData"/>. Input values arrive as strings merged into the same object; records that carry
/// inputs name each input id in a constant and expose typed readers.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "verb", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(SetUpProfileData), CardVerbs.SetUpProfile)]
[JsonDerivedType(typeof(EditProfileData), CardVerbs.EditProfile)]
[JsonDerivedType(typeof(SaveProfileData), CardVerbs.SaveProfile)]
[JsonDerivedType(typeof(ShowHelpData), CardVerbs.ShowHelp)]
[JsonDerivedType(typeof(CancelFlowData), CardVerbs.CancelFlow)]
[JsonDerivedType(typeof(PickSkillData), CardVerbs.PickSkill)]
[JsonDerivedType(typeof(NoSkillMatchData), CardVerbs.NoSkillMatch)]
[JsonDerivedType(typeof(StartAskForHelpData), CardVerbs.StartAskForHelp)]
[JsonDerivedType(typeof(AskForHelpData), CardVerbs.AskForHelp)]
[JsonDerivedType(typeof(AskCandidateData), CardVerbs.AskCandidate)]
[JsonDerivedType(typeof(LetMentorBotChooseData), CardVerbs.LetMentorBotChoose)]
[JsonDerivedType(typeof(AcceptRequestData), CardVerbs.AcceptRequest)]
[JsonDerivedType(typeof(DeclineRequestData), CardVerbs.DeclineRequest)]
[JsonDerivedType(typeof(SuggestColleagueData), CardVerbs.SuggestColleague)]
[JsonDerivedType(typeof(WithdrawRequestData), CardVerbs.WithdrawRequest)]
[JsonDerivedType(typeof(ShowMyMentoringData), CardVerbs.ShowMyMentoring)]
[JsonDerivedType(typeof(ScheduleCheckInData), CardVerbs.ScheduleCheckIn)]
[JsonDerivedType(typeof(EndPairingData), CardVerbs.EndPairing)]
[JsonDerivedType(typeof(ConfirmEndPairingData), CardVerbs.ConfirmEndPairing)]
[JsonDerivedType(typeof(ForgetMeData), CardVerbs.ForgetMe)]
[JsonDerivedType(typeof(ConfirmForgetMeData), CardVerbs.ConfirmForgetMe)]
[JsonDerivedType(typeof(PauseParticipationData), CardVerbs.PauseParticipation)]
[JsonDerivedType(typeof(ResumeParticipationData), CardVerbs.ResumeParticipation)]
[JsonDerivedType(typeof(PickSlotData), CardVerbs.PickSlot)]
[JsonDerivedType(typeof(NoSlotFitsData), CardVerbs.NoSlotFits)]
[JsonDerivedType(typeof(LaterSlotsData), CardVerbs.LaterSlots)]
[JsonDerivedType(typeof(RescheduleCheckInData), CardVerbs.RescheduleCheckIn)]
[JsonDerivedType(typeof(SkipCheckInData), CardVerbs.SkipCheckIn)]
[JsonDerivedType(typeof(AddAgendaTopicData), CardVerbs.AddAgendaTopic)]
[JsonDerivedType(typeof(SubmitFeedbackData), CardVerbs.SubmitFeedback)]
[JsonDerivedType(typeof(RaiseConcernData), CardVerbs.RaiseConcern)]
[JsonDerivedType(typeof(SendThanksData), CardVerbs.SendThanks)]
[JsonDerivedType(typeof(ThanksLaterData), CardVerbs.ThanksLater)]
[JsonDerivedType(typeof(ContinuePairingData), CardVerbs.ContinuePairing)]
[JsonDerivedType(typeof(ClosePairingData), CardVerbs.ClosePairing)]
[JsonDerivedType(typeof(EditCadenceData), CardVerbs.EditCadence)]
[JsonDerivedType(typeof(ChangeCadenceData), CardVerbs.ChangeCadence)]
[JsonDerivedType(typeof(RefreshCardData), CardVerbs.RefreshCard)]
[JsonDerivedType(typeof(JoinProgramData), CardVerbs.JoinProgram)]
[JsonDerivedType(typeof(NotNowProgramData), CardVerbs.NotNowProgram)]
[JsonDerivedType(typeof(PreviewRoundData), CardVerbs.PreviewRound)]
[JsonDerivedType(typeof(PublishRoundData), CardVerbs.PublishRound)]
[JsonDerivedType(typeof(JoinSessionData), CardVerbs.JoinSession)]
[JsonDerivedType(typeof(LeaveSessionData), CardVerbs.LeaveSession)]
[JsonDerivedType(typeof(CancelSessionData), CardVerbs.CancelSession)]
[JsonDerivedType(typeof(OfferSessionData), CardVerbs.OfferSession)]
[JsonDerivedType(typeof(PickSessionTimeData), CardVerbs.PickSessionTime)]
[JsonDerivedType(typeof(SessionFeedbackData), CardVerbs.SessionFeedback)]
[JsonDerivedType(typeof(ThankSessionHostData), CardVerbs.ThankSessionHost)]
public abstract record CardActionData
{
    /// <summary>The discriminator this record is written with; the same string is the Action.Execute verb.</summary>
    [JsonIgnore]
    public virtual string Verb => CardVerbs.Of(GetType());
}

/// <summary>Anything the parser could not turn into a known action: the caller answers with a friendly card.</summary>
public sealed record UnknownCardAction(string? RawVerb, UnknownCardActionReason Reason) : CardActionData
{
    public override string Verb => RawVerb ?? string.Empty;
}

public enum UnknownCardActionReason
{
    /// <summary>The value was not a JSON object.</summary>
    NotAnObject,

    /// <summary>No <c>verb</c> in the data nor on the Action.Execute.</summary>
    MissingVerb,

    /// <summary>A verb this version of MentorBot does not know (a card from an older or newer release).</summary>
    UnknownVerb,

    /// <summary>A known verb whose fields are missing or of the wrong type.</summary>
    Malformed,
}
