using System.Globalization;
using MentorBot.Bot.Cards;
using MentorBot.Bot.Cards.Actions;
using MentorBot.Bot.Cards.Sessions;
using MentorBot.Bot.Proactive;
using MentorBot.Bot.Protocol.Builder;
using MentorBot.Bot.Protocol.Schema;
using MentorBot.Bot.Turns;
using MentorBot.Core;
using MentorBot.Core.Profiles;
using MentorBot.Core.Sessions;
using MentorBot.Core.Skills;

namespace MentorBot.Bot.Flows;

/// <summary>
/// Group sessions in chat (decision 0470): offering one (form, proposed times inside the host's working hours, pick),
/// "what sessions are coming up?", joining with one press (a seat or the waitlist), leaving, cancelling, rating a date
/// and thanking the host. A join or leave that changes something is told through the outbox (the booked or waitlisted
/// card, written with the change); only presses that changed nothing are answered here.
/// </summary>
public sealed class SessionFlow(GroupSessionService sessions, IProfileStore profiles, MentoringViews views, TimeProvider time)
{
    private static readonly IReadOnlyList<string> ListPhrases = SessionTexts.AllPhrases("Session.Command.List");
    private static readonly IReadOnlyList<string> OfferPhrases = SessionTexts.AllPhrases("Session.Command.Offer");

    public enum TextCommand
    {
        None,
        List,
        Offer,
    }

    /// <summary>"what sessions are coming up?", "vilka sessioner finns?", "offer a session"…: whole message, any case, trailing "?" ignored.</summary>
    public static TextCommand Recognize(string? text)
    {
        var normalized = string.Join(' ', (text ?? string.Empty).Trim().TrimEnd('?', '!', '.').Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
        return ListPhrases.Contains(normalized, StringComparer.OrdinalIgnoreCase) ? TextCommand.List
            : OfferPhrases.Contains(normalized, StringComparer.OrdinalIgnoreCase) ? TextCommand.Offer
            : TextCommand.None;
    }

    public async Task ListAsync(ITurnContext turnContext, TurnPerson person, CancellationToken cancellationToken)
    {
        if (await ProfileAsync(turnContext, person, cancellationToken) is not { } me)
        {
            return;
        }

        var entries = await EntriesAsync(me, await sessions.UpcomingAsync(me, cancellationToken), person, cancellationToken);
        await Replies.SendCardAsync(turnContext, SessionCards.List(entries, null, null, person.Culture), cancellationToken);
    }

    /// <summary>Beside one-to-one candidates: the upcoming sessions on the skill the person asked for, if any.</summary>
    public async Task OfferCoveringAsync(ITurnContext turnContext, TurnPerson person, string skillId, CancellationToken cancellationToken)
    {
        if (await profiles.GetAsync(person.Id, cancellationToken) is not { Value: var me }
            || await sessions.CoveringAsync(me, new SkillId(skillId), cancellationToken) is not { Count: > 0 } covering)
        {
            return;
        }

        var t = new SessionTexts(person.Culture);
        var entries = await EntriesAsync(me, covering, person, cancellationToken);
        await Replies.SendCardAsync(
            turnContext,
            SessionCards.List(entries, t.Format("Session.Covering.Title", views.SkillName(new SkillId(skillId))), t["Session.Covering.Text"], person.Culture),
            cancellationToken);
    }

    public async Task StartOfferAsync(ITurnContext turnContext, TurnPerson person, CancellationToken cancellationToken)
    {
        if (await ProfileAsync(turnContext, person, cancellationToken) is not { } me)
        {
            return;
        }

        await Replies.SendCardAsync(turnContext, SessionCards.OfferForm(views.SkillChoices(person.Culture), me.DisplayName, null, null, person.Culture), cancellationToken);
    }

    /// <summary>The form is in: times inside the host's working hours (and free/busy where configured) to pick from.</summary>
    public async Task ProposeTimesAsync(ITurnContext turnContext, TurnPerson person, OfferSessionData form, CancellationToken cancellationToken)
    {
        if (await ProfileAsync(turnContext, person, cancellationToken) is not { } me)
        {
            return;
        }

        var t = new SessionTexts(person.Culture);
        if (Draft(form, [DateTimeOffset.MaxValue]) is not { } draft)
        {
            await Replies.ReplacePressedCardAsync(turnContext, SessionCards.OfferForm(views.SkillChoices(person.Culture), me.DisplayName, form, t["Session.Invalid.TopicMissing"], person.Culture), cancellationToken);
            return;
        }

        if (Problem(draft, t) is { } problem)
        {
            await Replies.ReplacePressedCardAsync(turnContext, SessionCards.OfferForm(views.SkillChoices(person.Culture), me.DisplayName, form, problem, person.Culture), cancellationToken);
            return;
        }

        var found = await sessions.ProposeTimesAsync(me, draft.Length, 5, cancellationToken);
        var audience = Audience.For(person.Culture, me.TimeZoneId);
        await Replies.ReplacePressedCardAsync(
            turnContext,
            SessionCards.Times(form, [.. found.Slots.Select(s => (s.Start, audience.FormatDateTime(s.Start)))], person.Culture),
            cancellationToken);
    }

    public async Task PickTimeAsync(ITurnContext turnContext, TurnPerson person, PickSessionTimeData pick, CancellationToken cancellationToken)
    {
        if (await ProfileAsync(turnContext, person, cancellationToken) is not { } me)
        {
            return;
        }

        var t = new SessionTexts(person.Culture);
        if (pick.Draft is not { } form || !DateTimeOffset.TryParse(pick.Start, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var start))
        {
            await Replies.ReplacePressedCardAsync(turnContext, SessionCards.Notice(t["Session.Notice.Title"], t["Session.Notice.NotFound"]), cancellationToken);
            return;
        }

        var count = int.TryParse(form.Dates, CultureInfo.InvariantCulture, out var dates) ? dates : 1;
        var draft = Draft(form, GroupSessionService.WeeklySeries(start, Math.Clamp(count, 1, sessions.Options.MaxSeriesLength), me.TimeZoneId));
        var outcome = draft is null ? new OfferOutcome.Invalid(DraftProblem.TopicMissing) : await sessions.OfferAsync(me, draft, cancellationToken);
        var card = outcome switch
        {
            OfferOutcome.Created created => SessionCards.Created(SessionViews.For(created.Session, Audience.For(person.Culture, me.TimeZoneId)), person.Culture),
            OfferOutcome.Invalid invalid => SessionCards.OfferForm(views.SkillChoices(person.Culture), me.DisplayName, form, t.Format($"Session.Invalid.{invalid.Problem}", invalid.Limit), person.Culture),
            _ => throw new InvalidOperationException("Unknown offer outcome."),
        };
        await Replies.ReplacePressedCardAsync(turnContext, card, cancellationToken);
    }

    public async Task JoinAsync(ITurnContext turnContext, TurnPerson person, JoinSessionData join, CancellationToken cancellationToken)
    {
        if (await ProfileAsync(turnContext, person, cancellationToken) is not { } me)
        {
            return;
        }

        var outcome = await sessions.JoinAsync(new GroupSessionId(join.SessionId), me, cancellationToken);
        var t = new SessionTexts(person.Culture);

        if (outcome.Result is JoinResult.Seated or JoinResult.Waitlisted)
        {
            // The booked or waitlisted card comes through the outbox, written with the change (decision 0470); the
            // press itself only gets a short line that says the same thing, never a second card.
            var line = outcome.Result == JoinResult.Seated ? t["Session.Notice.JoinedSeat"] : t.Format("Session.Notice.JoinedWaitlist", outcome.Place ?? 1);
            if (turnContext.Activity.IsType(ActivityTypes.Invoke))
            {
                turnContext.InvokeResponse = InvokeResponse.FromAdaptiveCard(AdaptiveCardInvokeResponse.Message(line));
            }
            else
            {
                await turnContext.SendActivityAsync(line, cancellationToken);
            }

            return;
        }

        var notice = outcome.Result switch
        {
            JoinResult.AlreadySeated => t["Session.Notice.AlreadySeated"],
            JoinResult.AlreadyWaitlisted => t.Format("Session.Notice.AlreadyWaitlisted", outcome.Place ?? 1),
            JoinResult.WaitlistFull => t["Session.Notice.WaitlistFull"],
            JoinResult.IsHost => t["Session.Notice.IsHost"],
            JoinResult.Closed => t["Session.Notice.Closed"],
            _ => t["Session.Notice.NotFound"],
        };
        await Replies.SendCardAsync(turnContext, SessionCards.Notice(outcome.Session?.Topic ?? t["Session.Notice.Title"], notice), cancellationToken);
    }

    public async Task LeaveAsync(ITurnContext turnContext, TurnPerson person, LeaveSessionData leave, CancellationToken cancellationToken)
    {
        var id = new GroupSessionId(leave.SessionId);
        var topic = (await sessions.GetAsync(id, cancellationToken))?.Session.Value.Topic;
        var t = new SessionTexts(person.Culture);
        var text = await sessions.LeaveAsync(id, person.Id, cancellationToken) switch
        {
            LeaveResult.LeftSeat => t.Format("Session.Notice.LeftSeat", topic),
            LeaveResult.LeftWaitlist => t.Format("Session.Notice.LeftWaitlist", topic),
            LeaveResult.NotAttending => t.Format("Session.Notice.NotAttending", topic),
            _ => t["Session.Notice.NotFound"],
        };
        await Replies.ReplacePressedCardAsync(turnContext, SessionCards.Notice(topic ?? t["Session.Notice.Title"], text), cancellationToken);
    }

    public async Task CancelAsync(ITurnContext turnContext, TurnPerson person, CancelSessionData cancel, CancellationToken cancellationToken)
    {
        var id = new GroupSessionId(cancel.SessionId);
        var topic = (await sessions.GetAsync(id, cancellationToken))?.Session.Value.Topic;
        var t = new SessionTexts(person.Culture);
        var text = await sessions.CancelAsync(id, person.Id, cancellationToken) switch
        {
            HostChangeResult.Done or HostChangeResult.AlreadyCancelled => t.Format("Session.Notice.CancelledByYou", topic),
            HostChangeResult.NotHost => t["Session.Notice.NotHost"],
            _ => t["Session.Notice.NotFound"],
        };
        await Replies.ReplacePressedCardAsync(turnContext, SessionCards.Notice(topic ?? t["Session.Notice.Title"], text), cancellationToken);
    }

    public async Task RateAsync(ITurnContext turnContext, TurnPerson person, SessionFeedbackData feedback, CancellationToken cancellationToken)
    {
        var t = new SessionTexts(person.Culture);
        var rating = int.TryParse(feedback.Rating, CultureInfo.InvariantCulture, out var value) ? value : 0;
        var text = await sessions.RateAsync(new GroupSessionId(feedback.SessionId), person.Id, feedback.Occurrence, rating, cancellationToken) switch
        {
            RatingResult.Saved => t["Session.Feedback.Thanks"],
            RatingResult.Invalid => t["Session.Feedback.RatingError"],
            RatingResult.NotAttended => t["Session.Notice.NotAttended"],
            _ => t["Session.Notice.NotFound"],
        };
        await Replies.ReplacePressedCardAsync(turnContext, SessionCards.Notice(t["Session.Notice.Title"], text), cancellationToken);
    }

    public async Task ThankAsync(ITurnContext turnContext, TurnPerson person, ThankSessionHostData thanks, CancellationToken cancellationToken)
    {
        var id = new GroupSessionId(thanks.SessionId);
        var host = (await sessions.GetAsync(id, cancellationToken))?.Session.Value.HostShownName;
        var t = new SessionTexts(person.Culture);
        var text = await sessions.ThankAsync(id, person.Id, InputValue.Text(thanks.Note), thanks.CopyManager, cancellationToken) switch
        {
            ThanksResult.Sent => t.Format("Session.Notice.ThanksSent", host),
            ThanksResult.AlreadyThanked => t["Session.Notice.AlreadyThanked"],
            ThanksResult.NotAttended => t["Session.Notice.NotAttended"],
            ThanksResult.TooLong => t.Format("Session.Notice.TooLong", SessionCards.NoteMaxLength),
            _ => t["Session.Notice.NotFound"],
        };
        await Replies.ReplacePressedCardAsync(turnContext, SessionCards.Notice(t["Session.Notice.Title"], text), cancellationToken);
    }

    /// <summary>The host stepped out of a program: their sessions in it that have not begun are cancelled kindly.</summary>
    public async Task HostLeftProgramAsync(TurnPerson person, ProgramId program, CancellationToken cancellationToken)
    {
        if (await profiles.GetAsync(person.Id, cancellationToken) is { Value: var me })
        {
            await sessions.HostLeftProgramAsync(me, program, cancellationToken);
        }
    }

    private async Task<IReadOnlyList<SessionListEntry>> EntriesAsync(Profile me, IReadOnlyList<GroupSession> list, TurnPerson person, CancellationToken cancellationToken)
    {
        var t = new SessionTexts(person.Culture);
        var audience = Audience.For(person.Culture, me.TimeZoneId);
        var entries = new List<SessionListEntry>();
        foreach (var session in list.Take(10))
        {
            var snapshot = await sessions.GetAsync(session.Id, cancellationToken);
            var place = session.IsHost(me.Id) ? t["Session.List.Hosting"]
                : snapshot?.Find(me.Id)?.Value.Status == AttendeeStatus.Seated ? t["Session.List.Seated"]
                : snapshot?.PlaceOf(me.Id) is { } waiting ? t.Format("Session.List.Waiting", waiting)
                : null;
            entries.Add(new SessionListEntry(SessionViews.For(snapshot?.Session.Value ?? session, audience), place, place is null && session.IsJoinableAt(time.GetUtcNow())));
        }

        return entries;
    }

    private async Task<Profile?> ProfileAsync(ITurnContext turnContext, TurnPerson person, CancellationToken cancellationToken)
    {
        if (await profiles.GetAsync(person.Id, cancellationToken) is { Value: var me })
        {
            return me;
        }

        await turnContext.SendActivityAsync(new CardTexts(person.Culture)["Flow.NoProfileYet"], cancellationToken);
        return null;
    }

    private static SessionDraft? Draft(OfferSessionData form, IReadOnlyList<DateTimeOffset> starts) =>
        InputValue.Text(form.Topic) is not { } topic
            ? null
            : new SessionDraft(
                topic,
                InputValue.Text(form.Skill) is { } skill ? new SkillId(skill) : null,
                InputValue.Text(form.Description) ?? string.Empty,
                TimeSpan.FromMinutes(int.TryParse(form.Length, CultureInfo.InvariantCulture, out var minutes) ? minutes : 60),
                double.TryParse(form.Seats, CultureInfo.InvariantCulture, out var seats) ? (int)seats : 0,
                starts,
                HostShownName: InputValue.Text(form.ShownName));

    private string? Problem(SessionDraft draft, SessionTexts t)
    {
        var options = sessions.Options;
        return draft.Topic.Length > options.MaxTopicLength ? t.Format("Session.Invalid.TopicTooLong", options.MaxTopicLength)
            : draft.Description.Length > options.MaxDescriptionLength ? t.Format("Session.Invalid.DescriptionTooLong", options.MaxDescriptionLength)
            : draft.Length < options.MinLength || draft.Length > options.MaxLength ? t["Session.Invalid.LengthOutOfRange"]
            : draft.Seats < 1 || draft.Seats > options.MaxSeats ? t.Format("Session.Invalid.SeatsOutOfRange", options.MaxSeats)
            : null;
    }
}
