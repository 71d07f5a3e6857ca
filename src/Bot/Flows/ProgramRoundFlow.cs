using MentorBot.Bot.Cards;
using MentorBot.Bot.Cards.Programs;
using MentorBot.Bot.Protocol.Builder;
using MentorBot.Bot.Protocol.Schema;
using MentorBot.Core.Matching.Cohort;
using MentorBot.Core.Profiles;
using MentorBot.Core.Programs;
using MentorBot.Core.Programs.Rounds;
using MentorBot.Bot.Turns;
using MentorBot.Core;

namespace MentorBot.Bot.Flows;

/// <summary>
/// "program round": an owner previews a cohort round of their program, then publishes it, which sends the offers.
/// Anyone else gets a polite refusal and never any of the program's data.
/// </summary>
public sealed class ProgramRoundFlow(ProgramRoundService rounds, MentoringViews views)
{
    public async Task StartAsync(ITurnContext turnContext, TurnPerson person, CancellationToken cancellationToken)
    {
        var t = new CardTexts(person.Culture);
        if (!await InPersonalChatAsync(turnContext, t, cancellationToken))
        {
            return;
        }

        var owned = await rounds.ListOwnedAsync(person.Id, person.Tenant, cancellationToken);
        switch (owned.Count)
        {
            case 0:
                await turnContext.SendActivityAsync(t["Flow.RoundNotOwner"], cancellationToken);
                return;
            case 1:
                await PreviewAsync(turnContext, person, owned[0].Id.Value, cancellationToken);
                return;
        }

        var choice = new NoticeView(
            t["Flow.RoundChooseTitle"],
            t["Flow.RoundChooseText"],
            [.. owned.Select(p => new NoticeButton(p.Name, new PreviewRoundData(p.Id.Value)))]);
        await Replies.SendCardAsync(turnContext, NoticeCard.Build(choice), cancellationToken);
    }

    public async Task PreviewAsync(ITurnContext turnContext, TurnPerson person, string programId, CancellationToken cancellationToken)
    {
        var t = new CardTexts(person.Culture);
        if (!await InPersonalChatAsync(turnContext, t, cancellationToken))
        {
            return;
        }

        if (await rounds.PreviewAsync(new ProgramId(programId), person.Id, cancellationToken) is not RoundPreviewOutcome.Ready ready)
        {
            // Not an owner, or the program is gone: the same answer, so nobody learns which programs exist.
            await turnContext.SendActivityAsync(t["Flow.RoundNotOwner"], cancellationToken);
            return;
        }

        var card = RoundPreviewCard.Build(View(ready, t), person.Culture);
        if (turnContext.Activity.Value is not null)
        {
            await Replies.ReplacePressedCardAsync(turnContext, card, cancellationToken);
        }
        else
        {
            await Replies.SendCardAsync(turnContext, card, cancellationToken);
        }
    }

    public async Task PublishAsync(ITurnContext turnContext, TurnPerson person, PublishRoundData publish, CancellationToken cancellationToken)
    {
        var t = new CardTexts(person.Culture);
        var outcome = await rounds.PublishAsync(new ProgramId(publish.ProgramId), new RoundId(publish.RoundId), person.Id, cancellationToken);
        switch (outcome)
        {
            case RoundPublishOutcome.Published { Sent: 0, AlreadySent: > 0 } again:
                await Replies.ReplacePressedCardAsync(
                    turnContext,
                    NoticeCard.Build(new NoticeView(t["Flow.RoundPublishedTitle"], t.Format("Flow.RoundAlreadyPublishedText", again.AlreadySent, again.StillUnmatched))),
                    cancellationToken);
                break;
            case RoundPublishOutcome.Published published:
                await Replies.ReplacePressedCardAsync(
                    turnContext,
                    NoticeCard.Build(new NoticeView(t["Flow.RoundPublishedTitle"], t.Format("Flow.RoundPublishedText", published.Sent, published.StillUnmatched))),
                    cancellationToken);
                break;
            case RoundPublishOutcome.Stale stale:
                await turnContext.SendActivityAsync(new OutcomeTexts(person.Culture)[stale.Reason == RoundStaleReason.RoundChanged ? "Round.StaleEdited" : "Round.StaleData"], cancellationToken);
                break;
            case RoundPublishOutcome.Expired:
                await turnContext.SendActivityAsync(t["Flow.RoundExpired"], cancellationToken);
                break;
            case RoundPublishOutcome.NotFound:
                await turnContext.SendActivityAsync(t["Flow.RoundGone"], cancellationToken);
                break;
            default:
                await turnContext.SendActivityAsync(t["Flow.RoundNotOwner"], cancellationToken);
                break;
        }
    }

    /// <summary>A preview names people and pairs: never in a chat where others than the owner would read it.</summary>
    private static async Task<bool> InPersonalChatAsync(ITurnContext turnContext, CardTexts t, CancellationToken cancellationToken)
    {
        if (turnContext.Activity.Conversation.IsPersonal())
        {
            return true;
        }

        await turnContext.SendActivityAsync(t["Flow.RoundPersonalOnly"], cancellationToken);
        return false;
    }

    private RoundPreviewView View(RoundPreviewOutcome.Ready ready, CardTexts t)
    {
        var round = ready.Round;
        string Name(UserId id) => ready.People.TryGetValue(id, out var profile) ? profile.DisplayName : t["Flow.AColleague"];
        return new RoundPreviewView(
            ready.Program.Id.Value,
            ready.Program.Name,
            round.Id.Value,
            [.. round.Pairs.Select(p => new RoundPairView(Name(p.Learner), Name(p.Mentor), views.SkillName(p.Skill, t.Culture), p.Factors.Count > 0 ? [.. p.Factors.Select(f => views.Wording(t).Factor(f, ReasonReader.Owner))] : p.Reasons))],
            [.. round.Unmatched.Select(u => new RoundUnmatchedView(Name(u.Learner), views.SkillName(u.Skill, t.Culture), Why(u, t, views.Wording(t))))],
            [.. round.UnusedMentors.Select(u => new RoundUnusedView(Name(u.Mentor), t[u.Reason == UnusedMentorReason.NoMatchingRequest ? "Flow.RoundUnusedNoRequest" : "Flow.RoundUnusedOthersFit"]))],
            Summary(round));
    }

    internal static RoundSummaryView Summary(ProgramRound round)
    {
        var counts = round.Counts;
        return new RoundSummaryView(counts.AllHelpersTaken, counts.NobodyEligible, counts.Other, round.Certificate is { IsOptimal: true });
    }

    /// <summary>Why one learner waits, worded from the solver's counts (decision 0264); rounds stored before them keep their text.</summary>
    internal static string Why(RoundUnmatched unmatched, CardTexts t, MatchWording wording)
    {
        if (unmatched.Reason != UnmatchedReason.MentorsTaken || unmatched.EligibleMentors == 0)
        {
            return unmatched switch
            {
                { Text: { } stored } => stored,
                { Nobody: { } nobody } => wording.Nobody(nobody),
                { Reason: UnmatchedReason.DuplicateRequest } => t["Round.Why.Duplicate"],
                { Reason: UnmatchedReason.LearnerNotFound } => t["Round.Why.NoProfile"],
                _ => t["Round.Why.OutsideRound"],
            };
        }

        var free = unmatched.EligibleMentors - unmatched.MentorsFull - unmatched.MentorsPairedWithLearner;
        return (unmatched.EligibleMentors, free, unmatched.MentorsPairedWithLearner) switch
        {
            (_, > 0, _) => t.Format("Flow.RoundUnmatchedSomeFree", unmatched.EligibleMentors, free),
            (_, _, > 0) => t.Format("Flow.RoundUnmatchedTakenOrSame", unmatched.EligibleMentors, unmatched.MentorsFull, unmatched.MentorsPairedWithLearner),
            (1, _, _) => t["Flow.RoundUnmatchedOneTaken"],
            _ => t.Format("Flow.RoundUnmatchedAllTaken", unmatched.EligibleMentors),
        };
    }
}
