using MentorBot.Bot.Cards;
using MentorBot.Bot.Cards.Actions;
using MentorBot.Bot.Cards.CheckIns;
using MentorBot.Bot.Protocol.Builder;
using MentorBot.Core.CheckIns;
using MentorBot.Core.Mentorships;

namespace MentorBot.Bot.Flows;

/// <summary>
/// Scheduling from chat: "Schedule a check-in" shows times that suit both (and sends the same choice to the other
/// person); picking one books it for both, with an .ics link (and a Teams meeting when Graph is configured).
/// </summary>
public sealed class CheckInFlow(CheckInService checkIns, CheckInViews views)
{
    public async Task ProposeAsync(ITurnContext turnContext, TurnPerson person, string pairingId, CancellationToken cancellationToken)
    {
        var t = new FlowTexts(person.Culture);
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
        var t = new FlowTexts(person.Culture);
        if (CheckInViews.ParseSlotId(pick.SlotId) is not { } start)
        {
            await RequestFlow.StaleAsync(turnContext, person, cancellationToken);
            return;
        }

        switch (await checkIns.ScheduleAsync(new CheckInId(pick.ProposalId), start, person.Id, cancellationToken))
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

    private async Task ShowTimesAsync(ITurnContext turnContext, TurnPerson person, CheckInDetails details, CancellationToken cancellationToken) =>
        await Replies.SendCardAsync(turnContext, SlotPickerCard.Build(views.Picker(details, person.Id, person.Culture), person.Culture), cancellationToken);

    private Task ShowBookedAsync(ITurnContext turnContext, TurnPerson person, CheckInDetails details, CancellationToken cancellationToken) =>
        Replies.ReplacePressedCardAsync(turnContext, CheckInScheduledCard.Build(views.Scheduled(details, person.Id, person.Culture), person.Culture), cancellationToken);
}
