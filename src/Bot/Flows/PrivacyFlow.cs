using MentorBot.Bot.Cards;
using MentorBot.Bot.Cards.Actions;
using MentorBot.Core;
using MentorBot.Bot.Protocol.Dialogs.Persistence;
using MentorBot.Bot.Proactive;
using MentorBot.Bot.Protocol.Builder;
using MentorBot.Bot.Protocol.Schema;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Persistence;
using MentorBot.Core.Privacy;
using MentorBot.Core.Profiles;
using MentorBot.Bot.Turns;

namespace MentorBot.Bot.Flows;

/// <summary>Forget me, and ending a pairing: both ask first on a card, and both are kind to the other person.</summary>
public sealed class PrivacyFlow(
    ForgetMeService forgetMe,
    MentorshipService pairings,
    ProfileService profiles,
    MentoringViews views,
    IConversationReferenceStore references,
    IDialogStateStore dialogState)
{
    public async Task ConfirmForgetMeAsync(ITurnContext turnContext, TurnPerson person, CancellationToken cancellationToken)
    {
        var preview = await forgetMe.PreviewAsync(person.Id, cancellationToken);
        var items = MentoringViews.ForgetItems(preview, new CardTexts(person.Culture));
        await Replies.SendCardAsync(turnContext, ConfirmCard.ForgetMe(new ForgetMeView(items), person.Culture), cancellationToken);
    }

    public async Task ForgetAsync(ITurnContext turnContext, TurnPerson person, CancellationToken cancellationToken)
    {
        // Every store erases its share (decision 0290): posted cards, nudge settings, both conversation references,
        // dialog state in this chat and every other one, and the rest of what Core holds.
        var summary = await forgetMe.ForgetAsync(await ErasureSubjectAsync(turnContext, person, cancellationToken), cancellationToken);

        var t = new CardTexts(person.Culture);
        var deleted = MentoringViews.ForgetItems(summary, t);
        var message = t["Flow.ForgottenText"] + "\n\n" + string.Join("\n", deleted.Select(d => "- " + d)) + "\n\n" + t["Flow.ForgottenBye"];
        await Replies.ReplacePressedCardAsync(turnContext, NoticeCard.Build(new NoticeView(t["Flow.ForgottenTitle"], message)), cancellationToken);
    }

    /// <summary>
    /// What only the chat knows: the channel-account ids the person is known by, and their 1:1 chats (this one, and the
    /// ones their stored references point at), whose dialog state is keyed by the chat alone. A group chat is not
    /// theirs: only their own stack in it goes, found by their channel-account id.
    /// </summary>
    internal async Task<ErasureSubject> ErasureSubjectAsync(ITurnContext turnContext, TurnPerson person, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        string?[] ids = [activity.From?.Id, person.TeamsId?.Value];
        var chats = new List<ConversationAddress>();
        if (activity.Conversation.IsPersonal() && activity.Conversation?.Id is { Length: > 0 } current)
        {
            chats.Add(new ConversationAddress(activity.ChannelId ?? string.Empty, current));
        }

        foreach (var key in new[] { PersonKey.From(person.Id), PersonKey.For(activity.From) }.OfType<PersonKey>().Distinct())
        {
            if (await references.GetAsync(key, cancellationToken) is { Conversation.Id: { Length: > 0 } chat } reference)
            {
                chats.Add(new ConversationAddress(reference.ChannelId ?? string.Empty, chat));
            }
        }

        return new ErasureSubject(
            person.Id,
            [.. ids.OfType<string>().Where(id => id.Length > 0).Distinct(StringComparer.Ordinal)],
            [],
            [.. chats.Distinct()]);
    }

    /// <summary>"end pairing": one confirmation card per running pairing (usually one).</summary>
    public async Task ConfirmEndPairingAsync(ITurnContext turnContext, TurnPerson person, string? pairingId, CancellationToken cancellationToken)
    {
        var running = (await pairings.ListForAsync(person.Id, cancellationToken))
            .Where(m => m.State.Status != MentorshipStatus.Ended && (pairingId is null || m.Id.Value == pairingId))
            .ToList();
        if (running.Count == 0)
        {
            await turnContext.SendActivityAsync(new CardTexts(person.Culture)["Flow.NoPairing"], cancellationToken);
            return;
        }

        foreach (var pairing in running)
        {
            var other = await profiles.GetAsync(pairing.OtherThan(person.Id), cancellationToken);
            var name = other?.DisplayName ?? new CardTexts(person.Culture)["Flow.AColleague"];
            await Replies.SendCardAsync(turnContext, ConfirmCard.EndPairing(new EndPairingView(pairing.Id.Value, name), person.Culture), cancellationToken);
        }
    }

    /// <param name="form">The confirm card's answer, with the optional note for the partner.</param>
    public async Task EndPairingAsync(ITurnContext turnContext, TurnPerson person, ConfirmEndPairingData form, CancellationToken cancellationToken)
    {
        var t = new CardTexts(person.Culture);
        var note = InputValue.Text(form.Note);
        var outcome = await pairings.EndAsync(new MentorshipId(form.PairingId), person.Id, EndReason.ClosedByParticipant, cancellationToken, note);
        if (outcome is EndPairingOutcome.TooLong { Problem: var problem })
        {
            // The router's check normally answers first; Core refusing is the backstop, with the same card (0251).
            await Replies.SendCardAsync(turnContext, TextTooLongCard.Build(new TextTooLongView(problem, FreeTextInputs.Truncated(form)), person.Culture), cancellationToken);
            return;
        }

        if (outcome is not EndPairingOutcome.Ended ended)
        {
            await RequestFlow.StaleAsync(turnContext, person, cancellationToken);
            return;
        }

        var partner = ended.Partner?.DisplayName ?? t["Flow.AColleague"];
        var text = t.Format("Flow.EndedByYouText", partner, views.SkillName(ended.Mentorship.Skill, t.Culture));
        var notice = new NoticeView(
            t["Flow.EndedByYouTitle"],
            note is null ? text : $"{text} {t.Format("End.NoteSent", partner)}");
        await Replies.ReplacePressedCardAsync(turnContext, NoticeCard.Build(notice), cancellationToken);
    }

    /// <summary>Drops whatever dialog this conversation has running (a cancel button, forget me).</summary>
    public async Task ClearDialogStateAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var key = DialogStateKey.For(turnContext);
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
