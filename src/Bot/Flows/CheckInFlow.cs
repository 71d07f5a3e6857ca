using MentorBot.Core.Skills;
using MentorBot.Bot.Cards;
using MentorBot.Bot.Cards.Actions;
using MentorBot.Bot.Cards.CheckIns;
using MentorBot.Bot.Protocol.Builder;
using MentorBot.Core;
using MentorBot.Core.CheckIns;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Profiles;
using MentorBot.Core.Programs;
using MentorBot.Bot.Turns;

namespace MentorBot.Bot.Flows;

/// <summary>
/// Scheduling from chat: "Schedule a check-in" shows times that suit both (and sends the same choice to the other
/// person); picking one books it for both, with an .ics link (and a Teams meeting when Graph is configured).
/// </summary>
public sealed class CheckInFlow(
    CheckInService checkIns,
    TimeSuggestions suggestions,
    ConcernService concerns,
    MentorshipService pairings,
    ProfileService profiles,
    CheckInViews views,
    MentoringViews mentoringViews)
{
    public async Task ProposeAsync(ITurnContext turnContext, TurnPerson person, string pairingId, CancellationToken cancellationToken)
    {
        var t = new CardTexts(person.Culture);
        switch (await checkIns.ProposeAsync(new MentorshipId(pairingId), person.Id, cancellationToken))
        {
            case ProposeOutcome.Proposed { Details: var proposed }:
                await ShowTimesAsync(turnContext, person, proposed, cancellationToken);
                break;
            case ProposeOutcome.AlreadyProposed { Details: var offered }:
                await ShowTimesAsync(turnContext, person, offered, cancellationToken);
                break;
            case ProposeOutcome.AlreadyScheduled { Details: var scheduled }:
                await Replies.SendCardAsync(turnContext, CheckInScheduledCard.Build(views.Scheduled(scheduled, person.Id, person.Culture), person.Culture), cancellationToken);
                break;
            case ProposeOutcome.NotPossible { Reason: var reason }:
                await Replies.SendCardAsync(turnContext, NoticeCard.Build(new NoticeView(t["CheckIn.NotPossibleTitle"], t[$"CheckIn.NotPossible.{reason}"])), cancellationToken);
                break;
            case ProposeOutcome.NoTimes:
                await Replies.SendCardAsync(turnContext, NoticeCard.Build(new NoticeView(t["CheckIn.NoTimesTitle"], t["CheckIn.NoTimesText"])), cancellationToken);
                break;
            default:
                await RequestFlow.StaleAsync(turnContext, person, cancellationToken);
                break;
        }
    }

    public async Task PickAsync(ITurnContext turnContext, TurnPerson person, PickSlotData pick, CancellationToken cancellationToken)
    {
        var t = new CardTexts(person.Culture);
        if (CheckInViews.ParseSlotId(pick.SlotId) is not { } start)
        {
            await RequestFlow.StaleAsync(turnContext, person, cancellationToken);
            return;
        }

        var (checkInId, moves) = CheckInViews.ParseProposalId(pick.ProposalId);
        var outcome = moves is { } sequence
            ? await checkIns.MoveAsync(checkInId, sequence, start, person.Id, cancellationToken)
            : await checkIns.ScheduleAsync(checkInId, start, person.Id, cancellationToken);
        switch (outcome)
        {
            case ScheduleOutcome.Scheduled { Details: var scheduled }:
                await ShowBookedAsync(turnContext, person, scheduled, cancellationToken);
                break;
            case ScheduleOutcome.AlreadyScheduled { Details: var booked }:
                await ShowBookedAsync(turnContext, person, booked, cancellationToken);
                break;
            case ScheduleOutcome.TimeGone:
                await Replies.ReplacePressedCardAsync(turnContext, NoticeCard.Build(new NoticeView(t["CheckIn.TimeGoneTitle"], t["CheckIn.TimeGoneText"])), cancellationToken);
                break;
            default:
                await RequestFlow.StaleAsync(turnContext, person, cancellationToken);
                break;
        }
    }

    /// <summary>
    /// "None of these fit" → "Suggest this time": the person's own time (read in their time zone, for the pairing's
    /// meeting length) goes to the other person, who can accept it or counter on the same card.
    /// </summary>
    public async Task SuggestTimeAsync(ITurnContext turnContext, TurnPerson person, NoSlotFitsData form, CancellationToken cancellationToken)
    {
        var t = new CardTexts(person.Culture);
        if (form.DateValue is not { } date || form.TimeValue is not { } at)
        {
            await turnContext.SendActivityAsync(t["Slots.SuggestNeedsBoth"], cancellationToken);
            return;
        }

        var zone = await profiles.GetAsync(person.Id, cancellationToken) is { } me && TimeZones.Find(me.TimeZoneId) is { } found ? found : NodaTime.DateTimeZone.Utc;
        var start = new NodaTime.LocalDateTime(date.Year, date.Month, date.Day, at.Hour, at.Minute).InZoneLeniently(zone).ToDateTimeOffset();
        var (checkInId, moves) = CheckInViews.ParseProposalId(form.ProposalId);
        var outcome = await suggestions.SuggestAsync(checkInId, moves, start, InputValue.Text(form.Note), person.Id, cancellationToken);
        switch (outcome)
        {
            case SuggestOutcome.Offered { Details: var details }:
                var other = details.Senior.Id == person.Id ? details.Junior : details.Senior;
                var when = CheckInViews.SlotLabel(details.CheckIn.ProposedSlots[0], details, person.Id, person.Culture);
                await Replies.ReplacePressedCardAsync(
                    turnContext,
                    NoticeCard.Build(new NoticeView(t.Format("Slots.SuggestedSentTitle", other.DisplayName), t.Format("Slots.SuggestedSentText", when, other.DisplayName))),
                    cancellationToken);
                break;
            case SuggestOutcome.TooSoon { MinimumNotice: var notice }:
                await turnContext.SendActivityAsync(t.Format("Slots.SuggestTooSoon", Math.Max(1, (int)Math.Ceiling(notice.TotalHours))), cancellationToken);
                break;
            case SuggestOutcome.TooFar { MaxDays: var days }:
                await turnContext.SendActivityAsync(t.Format("Slots.SuggestTooFar", days), cancellationToken);
                break;
            default:
                await AnswerSettledAsync(turnContext, person, outcome, cancellationToken);
                break;
        }
    }

    /// <summary>"None of these fit" → "Show me later times": the next times after these, to both; the pressed card shows them.</summary>
    public async Task LaterTimesAsync(ITurnContext turnContext, TurnPerson person, LaterSlotsData form, CancellationToken cancellationToken)
    {
        var (checkInId, moves) = CheckInViews.ParseProposalId(form.ProposalId);
        var outcome = await suggestions.LaterTimesAsync(checkInId, moves, person.Id, cancellationToken);
        if (outcome is SuggestOutcome.Offered { Details: var details })
        {
            await Replies.ReplacePressedCardAsync(turnContext, SlotPickerCard.Build(views.Picker(details, person.Id, person.Culture), person.Culture), cancellationToken);
            return;
        }

        await AnswerSettledAsync(turnContext, person, outcome, cancellationToken);
    }

    private async Task AnswerSettledAsync(ITurnContext turnContext, TurnPerson person, SuggestOutcome outcome, CancellationToken cancellationToken)
    {
        var t = new CardTexts(person.Culture);
        switch (outcome)
        {
            case SuggestOutcome.AlreadyScheduled { Details: var booked }:
                await ShowBookedAsync(turnContext, person, booked, cancellationToken);
                break;
            case SuggestOutcome.NoTimes:
                await turnContext.SendActivityAsync(t["Slots.NoLaterText"], cancellationToken);
                break;
            default:
                await RequestFlow.StaleAsync(turnContext, person, cancellationToken);
                break;
        }
    }

    public async Task SubmitFeedbackAsync(ITurnContext turnContext, TurnPerson person, SubmitFeedbackData form, CancellationToken cancellationToken)
    {
        var t = new CardTexts(person.Culture);
        if (form.DidMeet is not { } met)
        {
            await turnContext.SendActivityAsync(t["CheckIn.FeedbackNeedsMet"], cancellationToken);
            return;
        }

        var submission = new FeedbackSubmission(
            person.Id, met, met ? form.RatingValue : null, form.Learned, form.Taught, form.NextTopics, form.SharedNote, form.OneThing);
        switch (await checkIns.SubmitFeedbackAsync(new CheckInId(form.CheckInId), submission, cancellationToken))
        {
            case FeedbackOutcome.Recorded { Details: var details }:
                var other = details.Senior.Id == person.Id ? details.Junior : details.Senior;
                var text = met ? t.Format("CheckIn.FeedbackThanksText", other.DisplayName) : t["CheckIn.FeedbackNotMetText"];
                await Replies.ReplacePressedCardAsync(turnContext, NoticeCard.Build(new NoticeView(t["CheckIn.FeedbackThanksTitle"], text)), cancellationToken);
                break;
            case FeedbackOutcome.Refused { Reason: var reason }:
                var key = reason is FeedbackError.MeetingNotStarted or FeedbackError.RatingWithoutMeeting or FeedbackError.TextTooLong
                    ? $"CheckIn.FeedbackRefused.{reason}"
                    : "CheckIn.FeedbackRefused.Other";
                await turnContext.SendActivityAsync(t[key], cancellationToken);
                break;
            default:
                await RequestFlow.StaleAsync(turnContext, person, cancellationToken);
                break;
        }
    }

    public async Task ThankAsync(ITurnContext turnContext, TurnPerson person, SendThanksData form, CancellationToken cancellationToken)
    {
        var t = new CardTexts(person.Culture);
        if (InputValue.Text(form.Note) is not { } note)
        {
            await turnContext.SendActivityAsync(t["CheckIn.ThanksNoteMissing"], cancellationToken);
            return;
        }

        var outcome = await checkIns.ThankAsync(new MentorshipId(form.PairingId), person.Id, note, form.CopyManager, cancellationToken);
        if (outcome is ThanksOutcome.TooLong { Problem: var problem })
        {
            // The router's check normally answers first; Core refusing is the backstop, with the same card (0251).
            await Replies.SendCardAsync(turnContext, TextTooLongCard.Build(new TextTooLongView(problem, FreeTextInputs.Truncated(form)), person.Culture), cancellationToken);
            return;
        }

        await ShowThanksAsync(turnContext, person, outcome, cancellationToken);
    }

    /// <summary>"Maybe later" on the thank-you prompt: it comes back once, then MentorBot lets it be.</summary>
    public async Task ThanksLaterAsync(ITurnContext turnContext, TurnPerson person, ThanksLaterData form, CancellationToken cancellationToken) =>
        await ShowThanksAsync(turnContext, person, await checkIns.PostponeThanksAsync(new MentorshipId(form.PairingId), person.Id, cancellationToken), cancellationToken);

    private static async Task ShowThanksAsync(ITurnContext turnContext, TurnPerson person, ThanksOutcome outcome, CancellationToken cancellationToken)
    {
        var t = new CardTexts(person.Culture);
        NoticeView? notice = outcome switch
        {
            ThanksOutcome.Sent { Details: var details, Manager: var manager } =>
                new NoticeView(t.Format("CheckIn.ThanksSentTitle", details.Junior.DisplayName), SentText(details.Junior.DisplayName, manager, t)),
            ThanksOutcome.Postponed { Details: var details, RemindAt: var remindAt } => new NoticeView(
                t["CheckIn.ThanksLaterTitle"],
                t.Format("CheckIn.ThanksLaterText", details.Junior.DisplayName, Audience.For(person.Culture, details.Senior.TimeZoneId).FormatDateTime(remindAt))),
            ThanksOutcome.NoMoreReminders { Details: var details } =>
                new NoticeView(t["CheckIn.ThanksNoMoreTitle"], t.Format("CheckIn.ThanksNoMoreText", details.Junior.DisplayName)),
            ThanksOutcome.NothingToThankFor => new NoticeView(t["CheckIn.NothingToThankTitle"], t["CheckIn.NothingToThankText"]),
            _ => null,
        };

        if (notice is null)
        {
            await RequestFlow.StaleAsync(turnContext, person, cancellationToken);
            return;
        }

        await Replies.ReplacePressedCardAsync(turnContext, NoticeCard.Build(notice), cancellationToken);
    }

    private static string SentText(string junior, ManagerCopy manager, CardTexts t)
    {
        var aboutManager = manager switch
        {
            ManagerCopy.Copied => "CheckIn.ThanksManagerCopied",
            ManagerCopy.NotAllowed => "CheckIn.ThanksManagerNotAllowed",
            ManagerCopy.NoManager => "CheckIn.ThanksManagerMissing",
            ManagerCopy.Unreachable => "CheckIn.ThanksManagerUnreachable",
            _ => null,
        };
        return aboutManager is null ? t["CheckIn.ThanksSentText"] : $"{t["CheckIn.ThanksSentText"]} {t.Format(aboutManager, junior)}";
    }

    public async Task RescheduleAsync(ITurnContext turnContext, TurnPerson person, RescheduleCheckInData form, CancellationToken cancellationToken)
    {
        var t = new CardTexts(person.Culture);
        switch (await checkIns.OfferNewTimesAsync(new CheckInId(form.CheckInId), person.Id, cancellationToken))
        {
            case ProposeOutcome.Proposed { Details: var details }:
                await ShowTimesAsync(turnContext, person, details, cancellationToken);
                break;
            case ProposeOutcome.NoTimes:
                await Replies.SendCardAsync(turnContext, NoticeCard.Build(new NoticeView(t["CheckIn.NoTimesTitle"], t["CheckIn.NoTimesText"])), cancellationToken);
                break;
            default:
                await RequestFlow.StaleAsync(turnContext, person, cancellationToken);
                break;
        }
    }

    public async Task EndOfPeriodAsync(
        ITurnContext turnContext, TurnPerson person, string pairingId, bool keepGoing, int? rating, string? highlight, CancellationToken cancellationToken,
        CardActionData? resubmit = null, SkillLevel? levelNow = null)
    {
        var t = new CardTexts(person.Culture);
        switch (await checkIns.EndOfPeriodAsync(new MentorshipId(pairingId), person.Id, keepGoing, rating, highlight, levelNow, cancellationToken))
        {
            case PeriodOutcome.Continued { Mentorship: var pairing }:
                await Replies.ReplacePressedCardAsync(
                    turnContext, NoticeCard.Build(new NoticeView(string.Format(person.Culture, t["Period.ContinuedTitle"], pairing.PlannedEnd.UtcDateTime), t["Period.ContinuedText"])), cancellationToken);
                break;
            case PeriodOutcome.Closed { Mentorship: var pairing }:
                await Replies.ReplacePressedCardAsync(
                    turnContext, NoticeCard.Build(new NoticeView(t.Format("Period.ClosedTitle", mentoringViews.SkillName(pairing.Skill, t.Culture)), t["Period.ClosedText"])), cancellationToken);
                break;
            case PeriodOutcome.TooLong { Problem: var problem } when resubmit is not null:
                // The router's check normally answers first; Core refusing is the backstop, with the same card (0251).
                await Replies.SendCardAsync(turnContext, TextTooLongCard.Build(new TextTooLongView(problem, FreeTextInputs.Truncated(resubmit)), person.Culture), cancellationToken);
                break;
            default:
                await RequestFlow.StaleAsync(turnContext, person, cancellationToken);
                break;
        }
    }

    /// <summary>The end-of-term level answer (a choice value 1–4), or null for none or anything else.</summary>
    internal static SkillLevel? LevelOf(string? value) =>
        InputValue.Number(value) is { } level and >= (int)SkillLevel.Aware and <= (int)SkillLevel.Expert ? (SkillLevel)level : null;

    public async Task EditCadenceAsync(ITurnContext turnContext, TurnPerson person, string pairingId, CancellationToken cancellationToken)
    {
        if (await pairings.GetAsync(new MentorshipId(pairingId), cancellationToken) is not { } pairing || !pairing.Involves(person.Id)
            || await profiles.GetAsync(pairing.OtherThan(person.Id), cancellationToken) is not { } other)
        {
            await RequestFlow.StaleAsync(turnContext, person, cancellationToken);
            return;
        }

        var view = new CadenceView(pairing.Id.Value, other.DisplayName, Math.Max(1, pairing.Cadence.IntervalDays / 7), (int)pairing.Cadence.MeetingLength.TotalMinutes);
        await Replies.SendCardAsync(turnContext, CadenceCard.Build(view, person.Culture), cancellationToken);
    }

    public async Task ChangeCadenceAsync(ITurnContext turnContext, TurnPerson person, ChangeCadenceData form, CancellationToken cancellationToken)
    {
        var t = new CardTexts(person.Culture);
        if (form.WeeksValue is not { } weeks || form.MinutesValue is not { } minutes)
        {
            await turnContext.SendActivityAsync(t["Cadence.Invalid"], cancellationToken);
            return;
        }

        var cadence = new Cadence(TimeSpan.FromDays(7 * weeks), TimeSpan.FromMinutes(minutes));
        if (await checkIns.ChangeCadenceAsync(new MentorshipId(form.PairingId), person.Id, cadence, cancellationToken) is not { } changed
            || await profiles.GetAsync(changed.OtherThan(person.Id), cancellationToken) is not { } other)
        {
            await RequestFlow.StaleAsync(turnContext, person, cancellationToken);
            return;
        }

        await Replies.ReplacePressedCardAsync(
            turnContext,
            NoticeCard.Build(new NoticeView(t.Format("Cadence.SavedTitle", CheckInViews.Every(weeks, t), minutes), t.Format("Cadence.SavedText", other.DisplayName))),
            cancellationToken);
    }

    public async Task AddTopicAsync(ITurnContext turnContext, TurnPerson person, AddAgendaTopicData form, CancellationToken cancellationToken)
    {
        var t = new CardTexts(person.Culture);
        var added = await checkIns.AddTopicAsync(new CheckInId(form.CheckInId), person.Id, form.Topic ?? string.Empty, cancellationToken);
        if (added.IsOk)
        {
            var details = added.Value!;
            var other = details.Senior.Id == person.Id ? details.Junior : details.Senior;
            var topics = string.Join("\n", details.CheckIn.Agenda.Select(a => $"- {a.Text}"));
            await turnContext.SendActivityAsync($"{t.Format("CheckIn.TopicAddedTitle", other.DisplayName)}\n\n{topics}", cancellationToken);
            return;
        }

        if (added.Error is CheckInError.TextTooLong && TextLimits.Check(FreeTextField.AgendaTopic, form.Topic) is { } problem)
        {
            // The router refuses an over-long topic before Core sees it; this keeps the same card if Core is reached anyway.
            await Replies.SendCardAsync(turnContext, TextTooLongCard.Build(new TextTooLongView(problem, FreeTextInputs.Truncated(form)), person.Culture), cancellationToken);
            return;
        }

        var key = added.Error is CheckInError.EmptyText or CheckInError.TextTooLong or CheckInError.AgendaFull
            ? $"CheckIn.TopicProblem.{added.Error}"
            : "CheckIn.TopicProblem.Other";
        await turnContext.SendActivityAsync(t[key], cancellationToken);
    }

    public async Task SkipAsync(ITurnContext turnContext, TurnPerson person, SkipCheckInData form, CancellationToken cancellationToken)
    {
        var t = new CardTexts(person.Culture);
        var skipped = await checkIns.SkipAsync(new CheckInId(form.CheckInId), person.Id, cancellationToken);
        if (skipped.IsOk)
        {
            var other = skipped.Value!.Senior.Id == person.Id ? skipped.Value.Junior : skipped.Value.Senior;
            await Replies.ReplacePressedCardAsync(
                turnContext, NoticeCard.Build(new NoticeView(t.Format("CheckIn.SkippedTitle", other.DisplayName), t["CheckIn.SkippedText"])), cancellationToken);
            return;
        }

        await turnContext.SendActivityAsync(t["CheckIn.SkipProblem"], cancellationToken);
    }

    /// <summary>The private "this isn't working" from a feedback card: pause quietly, tell the owners, nobody else.</summary>
    public async Task RaiseConcernAsync(ITurnContext turnContext, TurnPerson person, RaiseConcernData form, CancellationToken cancellationToken)
    {
        var t = new CardTexts(person.Culture);
        switch (await concerns.RaiseAsync(new MentorshipId(form.PairingId), person.Id, form.Concern, cancellationToken))
        {
            case ConcernOutcome.Raised { Other: var other, OwnersAlerted: var alerted, Readers: var readers }:
                // Who has it, by role, never a name (0240); nobody reached means nobody has seen it.
                var told = alerted > 0 && readers != ConcernReaderRole.Nobody ? t.Format($"Concern.Told.{readers}", other.DisplayName) : t["Concern.NoOwner"];
                var text = $"{t.Format("Concern.RaisedText", other.DisplayName)} {told}";
                await Replies.ReplacePressedCardAsync(turnContext, NoticeCard.Build(new NoticeView(t["Concern.RaisedTitle"], text)), cancellationToken);
                break;
            case ConcernOutcome.Refused { Reason: ConcernError.DetailsTooLong }:
                await turnContext.SendActivityAsync(t["Concern.TooLong"], cancellationToken);
                break;
            case ConcernOutcome.Refused:
                await Replies.ReplacePressedCardAsync(turnContext, NoticeCard.Build(new NoticeView(t["Concern.RaisedTitle"], t["Concern.Ended"])), cancellationToken);
                break;
            default:
                await RequestFlow.StaleAsync(turnContext, person, cancellationToken);
                break;
        }
    }

    private async Task ShowTimesAsync(ITurnContext turnContext, TurnPerson person, CheckInDetails details, CancellationToken cancellationToken) =>
        await Replies.SendCardAsync(turnContext, SlotPickerCard.Build(views.Picker(details, person.Id, person.Culture), person.Culture), cancellationToken);

    private Task ShowBookedAsync(ITurnContext turnContext, TurnPerson person, CheckInDetails details, CancellationToken cancellationToken) =>
        Replies.ReplacePressedCardAsync(turnContext, CheckInScheduledCard.Build(views.Scheduled(details, person.Id, person.Culture), person.Culture), cancellationToken);
}
