using MentorBot.Bot.Cards;
using MentorBot.Bot.Cards.CheckIns;
using MentorBot.Bot.Cards.Model;
using MentorBot.Bot.Flows;
using MentorBot.Bot.Protocol.Connector;
using MentorBot.Bot.Protocol.Schema;
using MentorBot.Core.Profiles;
using MentorBot.Core.Requests;
using MentorBot.Bot.Turns;
using MentorBot.Core;
using MentorBot.Core.CheckIns;
using MentorBot.Core.Programs;
using MentorBot.Core.Outbox;
using MentorBot.Core.Mentorships;
using CardRequestStatus = MentorBot.Bot.Cards.RequestStatus;

namespace MentorBot.Bot.Proactive;

/// <summary>
/// The one place a message outside a turn is rendered and sent: what the outbox recorded (decisions 0306, 0307, 0320),
/// rendered by <see cref="RequestMessageDispatch"/> into one of Core's notification records, becomes a card in the recipient's 1:1 chat, worded in their language (the locale Teams last sent)
/// and times in their time zone (their profile). Offers are remembered so that later news about the request updates
/// the offer card in place instead of leaving live buttons behind.
/// </summary>
public sealed class CardNotifier(
    IConversationReferenceStore references,
    ProactiveMessenger messenger,
    IProfileStore profiles,
    PostedCardUpdater postedCards,
    MentoringViews views,
    CheckInViews checkInViews,
    SessionNotifier sessions,
    IProgramStore? programs = null)
{
    /// <summary>
    /// Renders and sends one notification, with the Connector's own outcome (a throttle's Retry-After included), for
    /// the outbox dispatcher to settle the item it leased (decision 0306). A card that is only updated in place and
    /// has no known copy needs nothing sent: that is done, not a failure.
    /// </summary>
    public async Task<SendOutcome> SendAsync(UserId recipient, Notification notification, CancellationToken cancellationToken)
    {
        var person = PersonKey.From(recipient);
        var reference = await references.GetAsync(person, cancellationToken);
        var profile = (await profiles.GetAsync(recipient, cancellationToken))?.Value;
        var audience = Audience.For(Languages.For(profile?.Language, reference?.Locale), profile?.TimeZoneId);
        var culture = audience.Culture;

        return notification switch
        {
            RequestOffered offer => await SendOfferAsync(recipient, offer, profile, audience, cancellationToken),
            RequestProgress { Kind: RequestProgressKind.OfferedTo } progress =>
                await UpdateOrSendAsync(recipient, progress.Request.Id, SeniorUpdateCard.Build(views.Progress(progress, null, audience.Texts), culture), cancellationToken),
            RequestProgress progress =>
                await SendAsync(recipient, SeniorUpdateCard.Build(views.Progress(progress, await PreviousCandidateNameAsync(progress.Request, audience.Texts, cancellationToken), audience.Texts), culture), cancellationToken),
            OfferClosed closed => await UpdateOnlyAsync(
                recipient,
                closed.Request.Id,
                RequestStatusCard.Build(
                    views.Status(closed.Request.Status == Core.Requests.RequestStatus.Withdrawn ? CardRequestStatus.Withdrawn : CardRequestStatus.MatchedWithSomeoneElse, closed.Senior.DisplayName, closed.Request.Skill, culture),
                    culture),
                cancellationToken),
            OfferExpired expired => await UpdateOnlyAsync(
                recipient,
                expired.Request.Id,
                RequestStatusCard.Build(views.Status(CardRequestStatus.Expired, expired.Senior.DisplayName, expired.Request.Skill, culture), culture),
                cancellationToken),
            PairingStarted started => await SendIntroAsync(recipient, started, audience, cancellationToken),
            CheckInTimesOffered offered => await SendAsync(
                recipient, SlotPickerCard.Build(checkInViews.Picker(offered.Details, recipient, audience.Culture, offered.Suggested), audience.Culture), cancellationToken),
            CheckInBooked booked => await SendAsync(
                recipient, CheckInScheduledCard.Build(checkInViews.Scheduled(booked.Details, recipient, audience.Culture), audience.Culture), cancellationToken),
            ThanksReceived thanks => await SendAsync(
                recipient,
                ThankYouCard.Build(new ThankYouView(thanks.Details.Senior.DisplayName, views.SkillName(thanks.Details.Mentorship.Skill, culture), thanks.Note, thanks.ManagerCopied), culture),
                cancellationToken),
            ThanksCopiedToManager copy => await SendAsync(
                recipient,
                ManagerThanksCard.Build(
                    new ManagerThanksView(copy.Details.Senior.DisplayName, copy.Details.Junior.DisplayName, views.SkillName(copy.Details.Mentorship.Skill, culture), copy.Note),
                    culture),
                cancellationToken),
            CheckInSkipped skipped => await SendAsync(recipient, NoticeCard.Build(MentoringViews.CheckInSkipped(skipped, audience)), cancellationToken),
            ConcernForOwner concern => await SendAsync(recipient, NoticeCard.Build(views.ConcernForOwner(concern, audience.Texts)), cancellationToken),
            PairingPausedQuietly paused => await SendAsync(
                recipient,
                NoticeCard.Build(new NoticeView(audience.Texts.Format("Concern.PausedTitle", views.SkillName(paused.Mentorship.Skill, audience.Culture)), audience.Texts["Concern.PausedText"])),
                cancellationToken),
            CadenceChanged cadence => await SendAsync(
                recipient,
                NoticeCard.Build(new NoticeView(
                    audience.Texts.Format("Cadence.ChangedTitle", cadence.By.DisplayName),
                    audience.Texts.Format("Cadence.ChangedText", CheckInViews.Every(Math.Max(1, cadence.Mentorship.Cadence.IntervalDays / 7), audience.Texts), (int)cadence.Mentorship.Cadence.MeetingLength.TotalMinutes))),
                cancellationToken),
            PairingChanged changed => await SendAsync(recipient, NoticeCard.Build(views.PairingChanged(changed, audience.Texts)), cancellationToken),
            PartnerLeft left => await SendAsync(recipient, NoticeCard.Build(views.PartnerLeft(left, audience.Texts)), cancellationToken),
            Core.Sessions.SessionNotification session when await sessions.BuildAsync(session, audience, cancellationToken) is { } card =>
                await SendAsync(recipient, card, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(notification), notification.GetType().Name, "No card for this notification."),
        };
    }

    private async Task<SendOutcome> SendOfferAsync(UserId recipient, RequestOffered offer, Profile? profile, Audience audience, CancellationToken cancellationToken)
    {
        var view = views.Offer(offer, audience, await ProgramAsync(offer.Request.Program, cancellationToken)) with
        {
            // Teams refreshes the card for these users when they open the chat: an offer answered elsewhere shows so.
            RefreshUserIds = profile?.TeamsId is { } teamsId ? [teamsId.Value] : null,
        };
        return await SendAndRememberAsync(recipient, offer.Request.Id, MentoringRequestCard.Build(view, audience.Culture), cancellationToken);
    }

    /// <summary>Sends a card about a request and remembers the message, so it is updated in place when the request moves on.</summary>
    private async Task<SendOutcome> SendAndRememberAsync(UserId recipient, RequestId request, AdaptiveCard card, CancellationToken cancellationToken)
    {
        var person = PersonKey.From(recipient);
        var outcome = await messenger.SendAsync(person, CardActivity.Message(card), cancellationToken);
        if (outcome is SendOutcome.Sent { ActivityId: { Length: > 0 } activityId }
            && await references.GetAsync(person, cancellationToken) is { ServiceUrl: { } serviceUrl, Conversation.Id: { } conversationId })
        {
            await postedCards.RememberAsync(request.Value, recipient, serviceUrl, conversationId, activityId, cancellationToken);
        }

        return outcome;
    }

    private async Task<SendOutcome> SendIntroAsync(UserId recipient, PairingStarted started, Audience audience, CancellationToken cancellationToken)
    {
        if (recipient == started.Junior.Id)
        {
            var accepted = RequestStatusCard.Build(
                views.Status(CardRequestStatus.AcceptedByYou, started.Senior.DisplayName, started.Request.Skill, audience.Culture), audience.Culture);
            await postedCards.UpdateAsync(started.Request.Id.Value, recipient, accepted, cancellationToken);
        }
        else
        {
            // The senior's "I've asked …" card settles too: no withdraw button once someone said yes.
            var paired = RequestStatusCard.Build(
                views.Status(CardRequestStatus.PairedForYou, started.Junior.DisplayName, started.Request.Skill, audience.Culture), audience.Culture);
            await postedCards.UpdateAsync(started.Request.Id.Value, recipient, paired, cancellationToken);
        }

        var program = await ProgramAsync(started.Mentorship.Program, cancellationToken);
        return await SendAsync(recipient, PairingIntroCard.Build(views.Intro(started, recipient, audience, program), audience.Culture), cancellationToken);
    }

    /// <summary>The program a card speaks for (its rhythm, its purpose), or null outside one.</summary>
    private async Task<MentoringProgram?> ProgramAsync(ProgramId? id, CancellationToken cancellationToken) =>
        id is { } program && programs is not null ? (await programs.GetAsync(program, cancellationToken))?.Value : null;

    private Task<SendOutcome> SendAsync(UserId recipient, AdaptiveCard card, CancellationToken cancellationToken) =>
        messenger.SendAsync(PersonKey.From(recipient), CardActivity.Message(card), cancellationToken);

    /// <summary>
    /// News that replaces a card the person already has (their candidates list becomes "sent to …"); when no copy is
    /// known (the channel gave no id for it) a new message goes out, and is remembered for the next update.
    /// </summary>
    private async Task<SendOutcome> UpdateOrSendAsync(UserId recipient, RequestId request, AdaptiveCard card, CancellationToken cancellationToken) =>
        await postedCards.UpdateAsync(request.Value, recipient, card, cancellationToken) > 0
            ? new SendOutcome.Sent(null)
            : await SendAndRememberAsync(recipient, request, card, cancellationToken);

    /// <summary>An offer that closed needs no new message, only its card settled.</summary>
    private async Task<SendOutcome> UpdateOnlyAsync(UserId recipient, RequestId request, AdaptiveCard card, CancellationToken cancellationToken)
    {
        await postedCards.UpdateAsync(request.Value, recipient, card, cancellationToken);
        return new SendOutcome.Sent(null);
    }

    private async Task<string?> PreviousCandidateNameAsync(MentoringRequest request, CardTexts texts, CancellationToken cancellationToken)
    {
        var previous = request.Offers.LastOrDefault(o => o.Status is OfferStatus.Declined or OfferStatus.Expired);
        return previous is null ? null : (await profiles.GetAsync(previous.Candidate, cancellationToken))?.Value.DisplayName ?? texts["Flow.AColleague"];
    }
}
