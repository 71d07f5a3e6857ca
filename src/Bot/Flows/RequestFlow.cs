using MentorBot.Core.Persistence;
using MentorBot.Bot.Cards;
using MentorBot.Bot.Cards.Actions;
using MentorBot.Bot.Cards.Model;
using MentorBot.Bot.Proactive;
using MentorBot.Bot.Protocol.Builder;
using MentorBot.Core.Matching;
using MentorBot.Core.Profiles;
using MentorBot.Core.Requests;
using MentorBot.Core.Skills;
using MentorBot.Bot.Turns;
using MentorBot.Core;
using MentorBot.Core.Outbox;
using CardRequestStatus = MentorBot.Bot.Cards.RequestStatus;
using CoreRequestStatus = MentorBot.Core.Requests.RequestStatus;

namespace MentorBot.Bot.Flows;

/// <summary>
/// The request card actions, senior side (ask, pick, withdraw) and junior side (accept, decline, suggest, refresh):
/// each turns the pressed button into one <see cref="MentoringService"/> command and answers with a card.
/// </summary>
public sealed class RequestFlow(
    MentoringService mentoring,
    ProfileService profiles,
    MentoringViews views,
    PostedCardUpdater postedCards,
    TenantSkillCatalogs catalogs,
    Microsoft.Extensions.Options.IOptions<SkillCatalogOptions> skillOptions,
    Core.Programs.IProgramStore? programs = null)
{
    public AdaptiveCard AskCard(TurnPerson person, string? skillId, string? goal)
    {
        var catalog = catalogs.Peek(person.Tenant);
        SkillId? chosen = skillId is null ? null : catalog.Canonical(new SkillId(skillId));
        return AskForHelpCard.Build(
            new AskForHelpView(views.SkillChoices(catalog.Offered, person.Culture), chosen is { } id && catalog.IsOffered(id) ? id.Value : null, Trim(goal)) { TypeAhead = skillOptions.Value.TypeAheadSearch },
            person.Culture);
    }

    public Task<IReadOnlyList<MentoringRequest>> ListMineAsync(UserId senior, CancellationToken cancellationToken) =>
        mentoring.ListBySeniorAsync(senior, cancellationToken);

    public static bool TryRead(AskForHelpData form, out MeetingFormat format, out Urgency urgency)
    {
        format = form.Format switch
        {
            MeetingFormats.Chat => MeetingFormat.Chat,
            MeetingFormats.Shadowing => MeetingFormat.Shadowing,
            _ => MeetingFormat.Call,
        };
        urgency = form.Urgency switch
        {
            Urgencies.ThisWeek => Urgency.ThisWeek,
            Urgencies.NoRush => Urgency.NoRush,
            _ => Urgency.ThisMonth,
        };
        return InputValue.Text(form.Skill) is { } skill && skill.Length > 0;
    }

    /// <summary>The filled-in request form: create the request and show the best colleagues, or say why nobody fits.</summary>
    public async Task SubmitAskAsync(ITurnContext turnContext, TurnPerson person, AskForHelpData form, CancellationToken cancellationToken)
    {
        var t = new CardTexts(person.Culture);
        if (!TryRead(form, out var format, out var urgency))
        {
            await turnContext.SendActivityAsync(t["Flow.AskUnknownSkill"], cancellationToken);
            return;
        }

        var ask = new AskForHelp(person.Id, new SkillId(form.Skill!.Trim()), Trim(form.Goal), format, urgency);
        switch (await mentoring.AskAsync(ask, cancellationToken, person.StoredProfileAtStart))
        {
            case AskOutcome.CandidatesFound found:
                var card = CandidatesCard.Build(views.Candidates(found.Request, found.Candidates, t), person.Culture);
                var summary = views.Wording(t).Found(found.Request.Skill, found.Eligible, found.AtLeast);
                var posted = await turnContext.SendActivityAsync(CardActivity.Message(card, summary), cancellationToken);
                await RememberAsync(turnContext, found.Request.Id, person.Id, posted.Id, cancellationToken);
                break;
            case AskOutcome.NoneAvailable none:
                await Replies.SendCardAsync(turnContext, SeniorUpdateCard.Build(views.NoneLeft(none.Request, none.Why, t), person.Culture), cancellationToken);
                break;
            case AskOutcome.AlreadyAsking already:
                await turnContext.SendActivityAsync(t.Format("Flow.AlreadyAsking", views.SkillName(already.Request.Skill, t.Culture)), cancellationToken);
                break;
            case AskOutcome.NoProfile:
                await turnContext.SendActivityAsync(t["Flow.NoProfileYet"], cancellationToken);
                break;
            case AskOutcome.ProgramForLearners learners:
                await turnContext.SendActivityAsync(t.Format("Flow.AskProgramForLearners", learners.ProgramName), cancellationToken);
                break;
            default:
                await Replies.SendCardAsync(turnContext, AskCard(person, null, form.Goal), t["Flow.AskUnknownSkill"], cancellationToken);
                break;
        }
    }

    /// <summary>"Ask Jo" (<paramref name="candidate"/>) or "Let MentorBot choose" (null) on the candidates card.</summary>
    public async Task PickAsync(ITurnContext turnContext, TurnPerson person, string requestId, int version, string? candidate, CancellationToken cancellationToken)
    {
        var t = new CardTexts(person.Culture);
        var id = new RequestId(requestId);
        if (await mentoring.GetAsync(id, cancellationToken) is not { } request || request.Senior != person.Id
            || MentoringViews.VersionOf(request) != version || !request.IsOpen)
        {
            await StaleAsync(turnContext, person, cancellationToken);
            return;
        }

        var chosen = candidate is null ? (UserId?)null : new UserId(candidate);
        switch (await mentoring.OfferAsync(id, person.Id, chosen, cancellationToken))
        {
            case OfferOutcome.Offered offered:
                var sent = new RequestProgress(offered.Request, RequestProgressKind.OfferedTo, offered.Candidate, null);
                await Replies.ReplacePressedCardAsync(turnContext, SeniorUpdateCard.Build(views.Progress(sent, null, t), person.Culture), cancellationToken);
                break;
            case OfferOutcome.CandidateUnavailable unavailable:
                await turnContext.SendActivityAsync(t["Flow.CandidateUnavailable"], cancellationToken);
                await ShowCandidatesAsync(turnContext, person, unavailable.Request, cancellationToken);
                break;
            case OfferOutcome.NoCandidatesLeft:
                // The senior was told why in a message of its own; this press only needs its card settled.
                await Replies.ReplacePressedCardAsync(turnContext, NoticeCard.Build(new NoticeView(t["Flow.Done"], t["Flow.NothingToDo"])), cancellationToken);
                break;
            default:
                await StaleAsync(turnContext, person, cancellationToken);
                break;
        }
    }

    public async Task AcceptAsync(ITurnContext turnContext, TurnPerson person, string requestId, int version, CancellationToken cancellationToken)
    {
        var id = new RequestId(requestId);
        var (current, stored) = await IsCurrentOfferCardAsync(id, person, version, cancellationToken);
        if (!current)
        {
            await RefreshAsync(turnContext, person, requestId, cancellationToken);
            return;
        }

        var outcome = await mentoring.AcceptAsync(id, person.Id, cancellationToken, stored);
        if (outcome is AcceptOutcome.Paired paired)
        {
            // The turn only answers the press with what the outcome carries; every other copy of the offer settles
            // with the introduction, sent through the outbox (decision 0306), so copies are updated once.
            await Replies.ReplacePressedCardAsync(turnContext, StatusCard(CardRequestStatus.AcceptedByYou, paired.Senior, paired.Request, person), cancellationToken);
            return;
        }

        if (outcome is AcceptOutcome.ProgramNotTakingPairs paused)
        {
            // The offer card stays as it is: it can still be accepted if the program runs again in time (0445).
            await turnContext.SendActivityAsync(new CardTexts(person.Culture).Format("Flow.AcceptProgramPaused", paused.ProgramName), cancellationToken);
            return;
        }

        var status = outcome switch
        {
            AcceptOutcome.AlreadyPairedWithYou => CardRequestStatus.AcceptedByYou,
            AcceptOutcome.AlreadyMatched => CardRequestStatus.MatchedWithSomeoneElse,
            AcceptOutcome.Refused { Request.Status: CoreRequestStatus.Withdrawn } => CardRequestStatus.Withdrawn,
            AcceptOutcome.Refused { Reason: RefusalReason.AlreadyDeclined } => CardRequestStatus.DeclinedByYou,
            AcceptOutcome.Refused { Reason: RefusalReason.OfferExpired } => CardRequestStatus.Expired,
            _ => (CardRequestStatus?)null,
        };
        await SettleAsync(turnContext, person, id, status, cancellationToken);
    }

    public async Task DeclineAsync(ITurnContext turnContext, TurnPerson person, string requestId, int version, string? reason, CancellationToken cancellationToken)
    {
        var id = new RequestId(requestId);
        var (current, stored) = await IsCurrentOfferCardAsync(id, person, version, cancellationToken);
        if (!current)
        {
            await RefreshAsync(turnContext, person, requestId, cancellationToken);
            return;
        }

        var status = await mentoring.DeclineAsync(id, person.Id, reason, cancellationToken, stored) switch
        {
            DeclineOutcome.Declined => CardRequestStatus.DeclinedByYou,
            DeclineOutcome.Refused { Reason: RefusalReason.AlreadyAccepted } => CardRequestStatus.AcceptedByYou,
            _ => (CardRequestStatus?)null,
        };
        await SettleAsync(turnContext, person, id, status, cancellationToken);
    }

    /// <summary>
    /// "I can't, but ask …": the no is recorded, the colleague named is asked when they can be, and the junior hears
    /// honestly what happened (the senior hears it in their update, from Core).
    /// </summary>
    public async Task SuggestColleagueAsync(ITurnContext turnContext, TurnPerson person, SuggestColleagueData form, CancellationToken cancellationToken)
    {
        var t = new CardTexts(person.Culture);
        var id = new RequestId(form.RequestId);
        if (!(await IsCurrentOfferCardAsync(id, person, form.Version, cancellationToken)).Current)
        {
            await RefreshAsync(turnContext, person, form.RequestId, cancellationToken);
            return;
        }

        if (InputValue.Text(form.Colleague) is not { } colleague)
        {
            await turnContext.SendActivityAsync(t["Flow.SuggestNeedsName"], cancellationToken);
            return;
        }

        switch (await mentoring.SuggestColleagueAsync(id, person.Id, colleague, cancellationToken))
        {
            case DeclineOutcome.Declined { Request: var request, Suggested: var result }:
                var senior = await profiles.GetAsync(request.Senior, cancellationToken);
                await postedCards.UpdateAsync(id.Value, person.Id, StatusCard(CardRequestStatus.DeclinedByYou, senior, request, person), cancellationToken);
                var seniorName = senior?.DisplayName ?? t["Flow.AColleague"];
                var text = result switch
                {
                    SuggestedColleague.Asked => t.Format("Flow.SuggestAsked", colleague, seniorName),
                    SuggestedColleague.CannotBeAsked => t.Format("Flow.SuggestCannotAsk", colleague, seniorName),
                    SuggestedColleague.NotFound => t.Format("Flow.SuggestNotFound", colleague, seniorName),
                    _ => t["Flow.SuggestThanks"],
                };
                await Replies.ReplacePressedCardAsync(turnContext, NoticeCard.Build(new NoticeView(t["Flow.SuggestTitle"], text)), cancellationToken);
                break;
            case DeclineOutcome.TooLong { Problem: var problem }:
                await Replies.SendCardAsync(turnContext, TextTooLongCard.Build(new TextTooLongView(problem, FreeTextInputs.Truncated(form)), person.Culture), cancellationToken);
                break;
            case DeclineOutcome.Refused { Reason: RefusalReason.AlreadyAccepted }:
                await SettleAsync(turnContext, person, id, CardRequestStatus.AcceptedByYou, cancellationToken);
                break;
            default:
                await StaleAsync(turnContext, person, cancellationToken);
                break;
        }
    }

    /// <summary>
    /// An offer card carries the request's version when it was sent (the number of offers so far, so the offer to this
    /// person is number <c>version</c>). Any other number is a card from another moment: it gets the card as it is now.
    /// </summary>
    /// <summary>Whether the pressed card is the person's current offer, and the request as read (handed on, decision 0410).</summary>
    private async Task<(bool Current, Versioned<MentoringRequest>? Stored)> IsCurrentOfferCardAsync(RequestId id, TurnPerson person, int version, CancellationToken cancellationToken)
    {
        if (await mentoring.GetStoredAsync(id, cancellationToken) is not { } stored)
        {
            return (true, null);
        }

        var index = stored.Value.Offers.ToList().FindIndex(o => o.Candidate == person.Id);
        return (index < 0 || index + 1 == version, stored);
    }

    public async Task WithdrawAsync(ITurnContext turnContext, TurnPerson person, string requestId, CancellationToken cancellationToken)
    {
        var t = new CardTexts(person.Culture);
        if (await mentoring.WithdrawAsync(new RequestId(requestId), person.Id, cancellationToken) is WithdrawOutcome.Withdrawn withdrawn)
        {
            var notice = new NoticeView(t["Flow.WithdrawnTitle"], t.Format("Flow.WithdrawnText", views.SkillName(withdrawn.Request.Skill, t.Culture)));
            await Replies.ReplacePressedCardAsync(turnContext, NoticeCard.Build(notice), cancellationToken);
            return;
        }

        await StaleAsync(turnContext, person, cancellationToken);
    }

    /// <summary>Teams' automatic refresh of an offer card: the card as it should look now, for this person.</summary>
    public async Task RefreshAsync(ITurnContext turnContext, TurnPerson person, string requestId, CancellationToken cancellationToken)
    {
        var request = await mentoring.GetAsync(new RequestId(requestId), cancellationToken);
        var offer = request?.Offers.FirstOrDefault(o => o.Candidate == person.Id);
        if (request is null || offer is null)
        {
            await StaleAsync(turnContext, person, cancellationToken);
            return;
        }

        var senior = await profiles.GetAsync(request.Senior, cancellationToken);
        if (offer.Status == OfferStatus.Pending && senior is not null)
        {
            // Match reasons are not stored with the request, so the refreshed offer shows everything but "in return".
            var match = new RankedCandidate(senior, 0, Core.Skills.SkillLevel.None, Core.Skills.SkillLevel.None, 0, []);
            var program = request.Program is { } id && programs is not null ? (await programs.GetAsync(id, cancellationToken))?.Value : null;
            var view = views.Offer(
                new RequestOffered(request, senior, match, offer.ExpiresAt), Audience.For(person.Culture, (await profiles.GetAsync(person.Id, cancellationToken))?.TimeZoneId), program);
            await Replies.ReplacePressedCardAsync(turnContext, MentoringRequestCard.Build(view, person.Culture), cancellationToken);
            return;
        }

        var status = offer.Status switch
        {
            OfferStatus.Accepted => CardRequestStatus.AcceptedByYou,
            OfferStatus.Declined => CardRequestStatus.DeclinedByYou,
            OfferStatus.Expired when request.IsOpen => CardRequestStatus.Expired,
            _ when request.Status == CoreRequestStatus.Withdrawn => CardRequestStatus.Withdrawn,
            _ => CardRequestStatus.MatchedWithSomeoneElse,
        };
        await Replies.ReplacePressedCardAsync(turnContext, StatusCard(status, senior, request, person), cancellationToken);
    }

    public async Task ShowCandidatesAsync(ITurnContext turnContext, TurnPerson person, MentoringRequest request, CancellationToken cancellationToken)
    {
        var t = new CardTexts(person.Culture);
        var ranking = await mentoring.RankAsync(request.Id, cancellationToken);
        if (ranking is null || ranking.Candidates.Count == 0)
        {
            var why = ranking is null ? t["Flow.StatusNoCandidates"] : views.Wording(t).Nobody(ranking.Nobody);
            await Replies.SendCardAsync(turnContext, SeniorUpdateCard.Build(views.NoneLeft(request, why, views.DefaultSuggestions(t), person.Culture), person.Culture), cancellationToken);
            return;
        }

        var card = CandidatesCard.Build(views.Candidates(request, ranking.Candidates, t), person.Culture);
        var posted = await Replies.SendCardAsync(turnContext, card, cancellationToken);
        await RememberAsync(turnContext, request.Id, person.Id, posted.Id, cancellationToken);
    }

    public static Task StaleAsync(ITurnContext turnContext, TurnPerson person, CancellationToken cancellationToken) =>
        Replies.ReplacePressedCardAsync(turnContext, FriendlyErrorCard.Build(new FriendlyErrorView(FriendlyErrorKind.StaleAction), person.Culture), cancellationToken);

    private static string? Trim(string? text) => InputValue.Text(text) is { } trimmed && trimmed.Length > AskForHelpCard.GoalMaxLength
        ? trimmed[..AskForHelpCard.GoalMaxLength]
        : InputValue.Text(text);

    private AdaptiveCard StatusCard(CardRequestStatus status, Profile? senior, MentoringRequest request, TurnPerson person) =>
        RequestStatusCard.Build(
            views.Status(status, senior?.DisplayName ?? new CardTexts(person.Culture)["Flow.AColleague"], request.Skill, person.Culture),
            person.Culture);

    /// <summary>The pressed offer card and every other copy of it now show where the offer stands.</summary>
    private async Task SettleAsync(ITurnContext turnContext, TurnPerson person, RequestId id, CardRequestStatus? status, CancellationToken cancellationToken)
    {
        if (status is not { } settled || await mentoring.GetAsync(id, cancellationToken) is not { } request)
        {
            await StaleAsync(turnContext, person, cancellationToken);
            return;
        }

        var card = StatusCard(settled, await profiles.GetAsync(request.Senior, cancellationToken), request, person);
        await postedCards.UpdateAsync(id.Value, person.Id, card, cancellationToken);
        await Replies.ReplacePressedCardAsync(turnContext, card, cancellationToken);
    }

    private async Task RememberAsync(ITurnContext turnContext, RequestId request, UserId person, string? activityId, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        if (activityId is { Length: > 0 } && activity.ServiceUrl is { Length: > 0 } serviceUrl && activity.Conversation?.Id is { Length: > 0 } conversationId)
        {
            await postedCards.RememberAsync(request.Value, person, serviceUrl, conversationId, activityId, cancellationToken);
        }
    }
}
