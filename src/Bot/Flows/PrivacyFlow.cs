using MentorBot.Bot.Cards;
using MentorBot.Bot.Dialogs.Persistence;
using MentorBot.Bot.Proactive;
using MentorBot.Bot.Protocol.Builder;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Persistence;
using MentorBot.Core.Privacy;
using MentorBot.Core.Profiles;

namespace MentorBot.Bot.Flows;

/// <summary>Forget me, and ending a pairing: both ask first on a card, and both are kind to the other person.</summary>
public sealed class PrivacyFlow(
    ForgetMeService forgetMe,
    MentorshipService pairings,
    ProfileService profiles,
    MentoringViews views,
    IConversationReferenceStore references,
    IPostedCardStore postedCards,
    INudgePreferencesStore nudgePreferences,
    IDialogStateStore dialogState)
{
    public async Task ConfirmForgetMeAsync(ITurnContext turnContext, TurnPerson person, CancellationToken cancellationToken)
    {
        var preview = await forgetMe.PreviewAsync(person.Id, cancellationToken);
        var items = MentoringViews.ForgetItems(preview, new FlowTexts(person.Culture));
        await Replies.SendCardAsync(turnContext, ConfirmCard.ForgetMe(new ForgetMeView(items), person.Culture), cancellationToken);
    }

    public async Task ForgetAsync(ITurnContext turnContext, TurnPerson person, CancellationToken cancellationToken)
    {
        var summary = await forgetMe.ForgetAsync(person.Id, cancellationToken);
        await postedCards.DeleteForPersonAsync(person.Id, cancellationToken);
        await nudgePreferences.DeleteAsync(person.Id, cancellationToken);
        await references.DeleteAsync(PersonKey.From(person.Id), cancellationToken);
        if (PersonKey.For(turnContext.Activity.From) is { } channelKey)
        {
            await references.DeleteAsync(channelKey, cancellationToken);
        }

        await ClearDialogStateAsync(turnContext, cancellationToken);

        var t = new FlowTexts(person.Culture);
        var deleted = MentoringViews.ForgetItems(summary, t);
        var message = t["Flow.ForgottenText"] + "\n\n" + string.Join("\n", deleted.Select(d => "- " + d)) + "\n\n" + t["Flow.ForgottenBye"];
        await Replies.ReplacePressedCardAsync(turnContext, NoticeCard.Build(new NoticeView(t["Flow.ForgottenTitle"], message)), cancellationToken);
    }

    /// <summary>"end pairing": one confirmation card per running pairing (usually one).</summary>
    public async Task ConfirmEndPairingAsync(ITurnContext turnContext, TurnPerson person, string? pairingId, CancellationToken cancellationToken)
    {
        var running = (await pairings.ListForAsync(person.Id, cancellationToken))
            .Where(m => m.State.Status != MentorshipStatus.Ended && (pairingId is null || m.Id.Value == pairingId))
            .ToList();
        if (running.Count == 0)
        {
            await turnContext.SendActivityAsync(new FlowTexts(person.Culture)["Flow.NoPairing"], cancellationToken);
            return;
        }

        foreach (var pairing in running)
        {
            var other = await profiles.GetAsync(pairing.OtherThan(person.Id), cancellationToken);
            var name = other?.DisplayName ?? new FlowTexts(person.Culture)["Flow.AColleague"];
            await Replies.SendCardAsync(turnContext, ConfirmCard.EndPairing(new EndPairingView(pairing.Id.Value, name), person.Culture), cancellationToken);
        }
    }

    public async Task EndPairingAsync(ITurnContext turnContext, TurnPerson person, string pairingId, CancellationToken cancellationToken)
    {
        var t = new FlowTexts(person.Culture);
        if (await pairings.EndAsync(new MentorshipId(pairingId), person.Id, EndReason.ClosedByParticipant, cancellationToken) is not EndPairingOutcome.Ended ended)
        {
            await RequestFlow.StaleAsync(turnContext, person, cancellationToken);
            return;
        }

        var notice = new NoticeView(
            t["Flow.EndedByYouTitle"],
            t.Format("Flow.EndedByYouText", ended.Partner?.DisplayName ?? t["Flow.AColleague"], views.SkillName(ended.Mentorship.Skill)));
        await Replies.ReplacePressedCardAsync(turnContext, NoticeCard.Build(notice), cancellationToken);
    }

    /// <summary>Drops whatever dialog this conversation has running (a cancel button, forget me).</summary>
    public async Task ClearDialogStateAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var key = DialogStateKey.For(turnContext.Activity);
        if (await dialogState.LoadAsync(key, cancellationToken) is { } stored)
        {
            try
            {
                await dialogState.DeleteAsync(key, stored.ETag, cancellationToken);
            }
            catch (ConcurrencyConflictException)
            {
                // Another turn replaced it in between; that turn's dialog is newer than the one being dropped.
            }
        }
    }
}
