using MentorBot.Core.CheckIns;
using MentorBot.Core.Matching;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Persistence;
using MentorBot.Core.Profiles;
using MentorBot.Core.Programs;
using MentorBot.Core.Skills;
using MentorBot.Core.Tenants;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MentorBot.Core.Outbox;

namespace MentorBot.Core.Requests;

/// <summary>
/// A senior's request for help from ask to pairing: load → decide (the <see cref="MentoringRequest"/> aggregate) →
/// save with the version read, together with the messages the step must send (decision 0306) → hand those to delivery. Every write is conditional, so several bot instances can run this over one
/// store: a lost race re-reads and decides again, which is what makes "first accept wins" hold.
/// </summary>
public sealed partial class MentoringService(
    IRequestStore requests,
    IProfileStore profiles,
    LiveMatchingIndex matching,
    CandidateRanker ranker,
    SkillCatalog catalog,
    IRequestMessageDelivery delivery,
    IProgramMembers membership,
    IOptions<RequestOptions> requestOptions,
    IOptions<CheckInOptions> checkInOptions,
    TimeProvider time,
    ILogger<MentoringService> logger,
    TenantSkillCatalogs? skillCatalogs = null)
{
    /// <summary>Conflicts are expected under concurrency, but each retry reads a newer state, so a few are plenty.</summary>
    internal const int MaxWriteAttempts = 8;

    private static readonly IReadOnlySet<UserId> NoneRejected = new HashSet<UserId>();

    private RequestOptions Options => requestOptions.Value;

    /// <param name="askerReadThisTurn">The senior's profile as the turn read it moments ago (the turn-person
    /// middleware), so the ask does not read it again; null reads it. What it decides is the same as on a fresh read:
    /// the write that follows is an insert of a new request, and every offer re-reads its colleague (decision 0185).</param>
    public async Task<AskOutcome> AskAsync(AskForHelp ask, CancellationToken cancellationToken, Versioned<Profile>? askerReadThisTurn = null)
    {
        if (TextLimits.Check(FreeTextField.Goal, ask.Goal) is { } tooLong)
        {
            return new AskOutcome.TooLong(tooLong);
        }

        if (skillCatalogs is null && !catalog.Contains(ask.Skill))
        {
            return new AskOutcome.UnknownSkill();
        }

        // The asker's own records, read together (decision 0410): their requests, their pairs and their programs are
        // independent reads, so on Azure Table storage they cost the latency of one round trip, not four.
        var askerRead = askerReadThisTurn is { } known && known.Value.Id == ask.Senior
            ? Task.FromResult<Versioned<Profile>?>(known)
            : profiles.GetAsync(ask.Senior, cancellationToken);
        var askedRead = requests.ListBySeniorAsync(ask.Senior, cancellationToken);
        var pairsRead = matching.ReadPairsAsync(ask.Senior, cancellationToken);
        var programRead = membership.ProgramForRequestAsync(ask.Senior, cancellationToken);
        await Task.WhenAll(askerRead, askedRead, pairsRead, programRead);

        // Someone an owner imported has not said yes yet: asking would show their name to a colleague (0242). Setting up
        // their profile in chat (what NoProfile leads to) is their consent.
        if (await askerRead is not { Value.Participation.HasConsented: true } asker)
        {
            return new AskOutcome.NoProfile();
        }

        // The asker's tenant's catalog (decision 0450): owners' skills can be asked for, retired ones no longer, and a
        // merged skill means its survivor.
        if (skillCatalogs is not null)
        {
            var tenantCatalog = await skillCatalogs.ForAsync(asker.Value.Tenant, cancellationToken);
            var skill = tenantCatalog.Canonical(ask.Skill);
            if (!tenantCatalog.IsOffered(skill))
            {
                return new AskOutcome.UnknownSkill();
            }

            ask = ask with { Skill = skill };
        }

        var asked = await askedRead;
        var open = asked.FirstOrDefault(r => r.IsOpen && r.Skill == ask.Skill);
        if (open is not null)
        {
            return new AskOutcome.AlreadyAsking(open);
        }

        var now = time.GetUtcNow();
        var program = await programRead;

        // A program with target skills is for those skills (decision 0440): an ask for another skill is made outside it.
        var programTerms = program is { } inProgram ? await membership.TermsAsync(inProgram, cancellationToken) : null;
        if (programTerms is not null && !programTerms.Covers(ask.Skill))
        {
            program = null;
            programTerms = null;
        }

        // Someone who takes part only to teach asks in the program only where its owners opened asking to them (0445).
        if (programTerms is { JuniorsMayAsk: false } && asker.Value.Role == ProgramRole.Teach)
        {
            return new AskOutcome.ProgramForLearners(programTerms.Name);
        }

        var request = MentoringRequest.Create(RequestId.New(Guid.CreateVersion7(now)), ask.Senior, ask.Skill, ask.Goal, ask.Format, ask.Urgency, now, program) with { Tenant = asker.Value.Tenant };
        var ranking = (await RankAsync(request, asker, asked, NoneRejected, cancellationToken, learner: new LearnerState(asker, asked, await pairsRead))).Ranking;
        if (ranking.Candidates.Count > 0)
        {
            await requests.InsertAsync(request, cancellationToken);
            Log.Asked(logger, request.Id, ask.Skill, ranking.Candidates.Count);
            return new AskOutcome.CandidatesFound(request, ranking.Candidates, ranking.EligibleCount, !ranking.IsComplete);
        }

        // Nobody can take it on: the request is stored closed in its one write (decision 0305), never "searching"
        // first, so a failure part-way cannot leave an open request behind that answers "already asking".
        var why = WhyNobody(request, ranking);
        var closed = ((RequestTransition.Changed)request.MarkNoCandidates(now)).Request;
        await requests.InsertAsync(closed, cancellationToken);
        Log.Asked(logger, request.Id, ask.Skill, 0);
        return new AskOutcome.NoneAvailable(closed, why);
    }

    /// <summary>
    /// Offers the request to <paramref name="chosen"/>, or to the best colleague not asked yet when null ("let
    /// MentorBot choose"). The colleague gets the offer, the senior an update.
    /// </summary>
    public async Task<OfferOutcome> OfferAsync(RequestId id, UserId senior, UserId? chosen, CancellationToken cancellationToken)
    {
        var stored = await requests.GetAsync(id, cancellationToken);
        if (stored is null)
        {
            return new OfferOutcome.NotFound();
        }

        return stored.Value.Senior != senior
            ? new OfferOutcome.NotYours()
            : await OfferNextAsync(id, chosen, RequestProgressKind.OfferedTo, cancellationToken);
    }

    /// <summary>First accept wins: a colleague who accepts after someone else gets <see cref="AcceptOutcome.AlreadyMatched"/>.</summary>
    /// <param name="readThisTurn">The request as the turn read it moments ago (to check the pressed card), used for the
    /// first attempt instead of a second read: the write is conditional on its ETag, so if anyone wrote since, the write
    /// conflicts and the next attempt reads again (first accept wins all the same, decision 0410).</param>
    public async Task<AcceptOutcome> AcceptAsync(RequestId id, UserId junior, CancellationToken cancellationToken, Versioned<MentoringRequest>? readThisTurn = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            if ((attempt == 1 && readThisTurn is { } known && known.Value.Id == id ? known : await requests.GetAsync(id, cancellationToken)) is not { } stored)
            {
                return new AcceptOutcome.NotFound();
            }

            var now = time.GetUtcNow();
            var before = stored.Value;
            var transition = before.Accept(junior, now);
            switch (transition)
            {
                case RequestTransition.Refused { Reason: RefusalReason.AlreadyMatched }:
                    return new AcceptOutcome.AlreadyMatched(before);
                case RequestTransition.Refused refused:
                    return new AcceptOutcome.Refused(refused.Reason, before);
                case RequestTransition.Unchanged:
                    return new AcceptOutcome.AlreadyPairedWithYou(before);
            }

            var accepted = ((RequestTransition.Changed)transition).Request;

            // An offer sent before an owner paused (or closed) the program: no new pair starts while it is (0445).
            var terms = accepted.Program is { } program ? await membership.TermsAsync(program, cancellationToken) : null;
            if (terms is { TakesNewPairs: false })
            {
                return new AcceptOutcome.ProgramNotTakingPairs(before, terms.Name);
            }

            // Both people at once: one round trip's latency on Azure Table storage.
            var seniorRead = profiles.GetAsync(before.Senior, cancellationToken);
            var juniorRead = profiles.GetAsync(junior, cancellationToken);
            await Task.WhenAll(seniorRead, juniorRead);
            var seniorProfile = await seniorRead;
            var juniorProfile = await juniorRead;
            if (seniorProfile is null || juniorProfile is null)
            {
                // One of the two asked MentorBot to forget them while the offer was out.
                return new AcceptOutcome.Refused(RefusalReason.RequestClosed, before);
            }

            var mentorship = StartMentorship(accepted, seniorProfile.Value, now, terms);
            var started = new PairingStarted(mentorship, seniorProfile.Value, juniorProfile.Value, accepted);
            var messages = Messages(
                accepted,
                [(before.Senior, started), (junior, started), .. ClosedBy(before, accepted).Select(c => (c, (Notification)new OfferClosed(accepted, seniorProfile.Value)))]);
            try
            {
                await requests.ReplaceAndStartMentorshipAsync(accepted, stored.ETag, mentorship, messages, cancellationToken);
            }
            catch (ConcurrencyConflictException) when (attempt < MaxWriteAttempts)
            {
                // Someone else wrote first (another accept, a decline, an expiry): decide again on what they wrote.
                Log.Retrying(logger, id, nameof(AcceptAsync), attempt);
                continue;
            }

            // Written: this instance's index follows at once (the colleague has one place less).
            matching.MentorshipStarted(mentorship);
            Log.Paired(logger, id, mentorship.Id);
            await delivery.DeliverAsync(messages, cancellationToken);
            return new AcceptOutcome.Paired(accepted, mentorship, seniorProfile.Value, juniorProfile.Value);
        }
    }

    /// <summary>A "no" is fine: the next colleague is asked straight away and the senior is kept informed.</summary>
    /// <param name="readThisTurn">As for <see cref="AcceptAsync"/>: the first attempt decides on it, a conflict reads again.</param>
    public Task<DeclineOutcome> DeclineAsync(RequestId id, UserId junior, string? reason, CancellationToken cancellationToken, Versioned<MentoringRequest>? readThisTurn = null) =>
        DeclineCoreAsync(id, junior, reason, null, cancellationToken, readThisTurn);

    /// <param name="suggestion">The colleague the junior named instead ("suggest a colleague"): asked next when they can be.</param>
    private async Task<DeclineOutcome> DeclineCoreAsync(RequestId id, UserId junior, string? reason, ColleagueSuggestion? suggestion, CancellationToken cancellationToken, Versioned<MentoringRequest>? readThisTurn = null)
    {
        if (TextLimits.Check(FreeTextField.DeclineReason, reason) is { } tooLong)
        {
            return new DeclineOutcome.TooLong(tooLong);
        }

        for (var attempt = 1; ; attempt++)
        {
            if ((attempt == 1 && readThisTurn is { } known && known.Value.Id == id ? known : await requests.GetAsync(id, cancellationToken)) is not { } stored)
            {
                return new DeclineOutcome.NotFound();
            }

            var now = time.GetUtcNow();
            var transition = stored.Value.Decline(junior, reason, now);
            if (transition is RequestTransition.Refused refused)
            {
                return new DeclineOutcome.Refused(refused.Reason, stored.Value);
            }

            if (transition is not RequestTransition.Changed { Request: var declined })
            {
                return new DeclineOutcome.Declined(stored.Value, null);
            }

            // The decline and the next offer (or "nobody left") are one write (decision 0305): a failure between two
            // writes would leave the request searching with nobody asked.
            var next = suggestion is null
                ? await NextStepAsync(declined, null, RequestProgressKind.DeclinedAskingNext, now, anyEligible: false, cancellationToken)
                : await NextAfterSuggestionAsync(declined, suggestion, now, cancellationToken);
            var messages = Messages(next?.Request ?? declined, next?.Notes ?? []);
            try
            {
                await requests.ReplaceAsync(next?.Request ?? declined, stored.ETag, messages, cancellationToken);
            }
            catch (ConcurrencyConflictException) when (attempt < MaxWriteAttempts)
            {
                Log.Retrying(logger, id, nameof(DeclineAsync), attempt);
                continue;
            }

            Log.Declined(logger, id);
            await AfterStepAsync(id, next, messages, cancellationToken);
            return new DeclineOutcome.Declined(declined, next?.Outcome, suggestion is null ? null : SuggestionResult(suggestion, next?.Outcome));
        }
    }

    public async Task<WithdrawOutcome> WithdrawAsync(RequestId id, UserId senior, CancellationToken cancellationToken)
    {
        var seniorProfile = await profiles.GetAsync(senior, cancellationToken);
        var decision = await DecideAndSaveAsync(
            id,
            r => r.Senior == senior ? r.Withdraw(time.GetUtcNow()) : new RequestTransition.Refused(RefusalReason.NotOffered),
            (before, after) => seniorProfile is null ? [] : Messages(after, [.. ClosedBy(before, after).Select(c => (c, (Notification)new OfferClosed(after, seniorProfile.Value)))]),
            cancellationToken);
        if (decision is null)
        {
            return new WithdrawOutcome.NotFound();
        }

        if (decision.Transition is RequestTransition.Refused { Reason: RefusalReason.NotOffered })
        {
            return new WithdrawOutcome.NotYours();
        }

        if (decision.Transition is RequestTransition.Refused refused)
        {
            return new WithdrawOutcome.Refused(refused.Reason, decision.Before);
        }

        return new WithdrawOutcome.Withdrawn(decision.After);
    }

    /// <summary>
    /// Settles every offer whose answer window has passed by <paramref name="now"/>: silence counts as "not now", so
    /// the next colleague is asked and the senior told. Returns how many offers expired.
    /// </summary>
    public async Task<int> ExpireDueOffersAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var due = new List<RequestId>();
        string? token = null;
        do
        {
            var page = await requests.ListOpenAsync(token, cancellationToken);
            due.AddRange(page.Items.Where(r => r.Value.PendingOffer is { } offer && now >= offer.ExpiresAt).Select(r => r.Value.Id));
            token = page.ContinuationToken;
        }
        while (token is not null);

        var expired = 0;
        foreach (var id in due)
        {
            expired += await ExpireOfferAsync(id, now, cancellationToken) ? 1 : 0;
        }

        return expired;
    }

    /// <summary>One offer's expiry and the next offer (or "nobody left") in one write (decision 0305).</summary>
    private async Task<bool> ExpireOfferAsync(RequestId id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (await requests.GetAsync(id, cancellationToken) is not { } stored
                || stored.Value.ExpireOffer(now) is not RequestTransition.Changed { Request: var request })
            {
                return false;
            }

            var next = await NextStepAsync(request, null, RequestProgressKind.NoAnswerAskingNext, now, anyEligible: false, cancellationToken);
            var after = next?.Request ?? request;
            var messages = next is null
                ? []
                : Messages(after, [(stored.Value.PendingOffer!.Candidate, new OfferExpired(request, next.Senior)), .. next.Notes]);
            try
            {
                await requests.ReplaceAsync(after, stored.ETag, messages, cancellationToken);
            }
            catch (ConcurrencyConflictException) when (attempt < MaxWriteAttempts)
            {
                Log.Retrying(logger, id, nameof(ExpireOfferAsync), attempt);
                continue;
            }

            Log.Expired(logger, id);
            await AfterStepAsync(id, next, messages, cancellationToken);
            return true;
        }
    }

    /// <summary>
    /// A program round's pair (decision 0211): creates <paramref name="request"/> unless a request with its id already
    /// exists, and offers it to <paramref name="chosen"/>, or to the best colleague still available when they no longer
    /// can take it on. From then on it is an ordinary request: a decline or silence re-offers it as usual. Calling
    /// again sends nothing twice: a request that was offered already comes back as
    /// <see cref="OfferOutcome.Refused"/>.
    /// </summary>
    public async Task<OfferOutcome> OfferFromRoundAsync(MentoringRequest request, UserId chosen, CancellationToken cancellationToken)
    {
        try
        {
            await requests.InsertAsync(request, cancellationToken);
        }
        catch (ConcurrencyConflictException conflict) when (conflict.Kind == ConcurrencyConflictKind.EntityExists)
        {
            // Published before (a second press, or a retry after a failure part-way): carry on with what is stored.
        }

        if (await requests.GetAsync(request.Id, cancellationToken) is not { } stored)
        {
            return new OfferOutcome.NotFound();
        }

        if (stored.Value.Offers.Count > 0 || !stored.Value.IsOpen)
        {
            return new OfferOutcome.Refused(stored.Value.IsOpen ? RefusalReason.OfferAlreadyPending : RefusalReason.RequestClosed, stored.Value);
        }

        var outcome = await OfferNextAsync(request.Id, chosen, RequestProgressKind.OfferedTo, cancellationToken, anyEligible: true);
        return outcome is OfferOutcome.CandidateUnavailable
            ? await OfferNextAsync(request.Id, null, RequestProgressKind.OfferedTo, cancellationToken)
            : outcome;
    }

    public async Task<MentoringRequest?> GetAsync(RequestId id, CancellationToken cancellationToken) =>
        (await requests.GetAsync(id, cancellationToken))?.Value;

    /// <summary>The request with the version it was read at (to hand back to <see cref="AcceptAsync"/> or <see cref="DeclineAsync"/>).</summary>
    public Task<Versioned<MentoringRequest>?> GetStoredAsync(RequestId id, CancellationToken cancellationToken) =>
        requests.GetAsync(id, cancellationToken);

    public Task<IReadOnlyList<MentoringRequest>> ListBySeniorAsync(UserId senior, CancellationToken cancellationToken) =>
        requests.ListBySeniorAsync(senior, cancellationToken);

    /// <summary>What the senior sees for their own request now: the best colleagues not asked yet.</summary>
    public async Task<RankingResult?> RankAsync(RequestId id, CancellationToken cancellationToken) =>
        await requests.GetAsync(id, cancellationToken) is { } stored
            ? (await RankAsync(stored.Value, await profiles.GetAsync(stored.Value.Senior, cancellationToken), null, NoneRejected, cancellationToken)).Ranking
            : null;

    private static IEnumerable<UserId> ClosedBy(MentoringRequest before, MentoringRequest after) =>
        after.Offers
            .Where(o => o.Status == OfferStatus.Closed
                && before.Offers.Any(b => b.Candidate == o.Candidate && b.Status == OfferStatus.Pending))
            .Select(o => o.Candidate);

    private static NoCandidates WhyNobody(MentoringRequest request, RankingResult ranking)
    {
        var suggestions = new List<NoCandidatesSuggestion>();
        var asked = request.Offers.Count;
        var why = asked > 0 && ranking.OfferingCount > 0
            ? ranking.Nobody with
            {
                AskedEveryone = true,
                Declined = request.Offers.Count(o => o.Status == OfferStatus.Declined),
                Silent = request.Offers.Count(o => o.Status == OfferStatus.Expired),
            }
            : ranking.Nobody;

        if (ranking.ExcludedByReason.GetValueOrDefault(ExclusionReason.TooFewSharedHours) > 0)
        {
            suggestions.Add(NoCandidatesSuggestion.WidenWorkingHours);
        }

        if (ranking.OfferingCount <= 1)
        {
            suggestions.Add(NoCandidatesSuggestion.AskProgramOwner);
        }

        suggestions.Add(NoCandidatesSuggestion.BroadenSkill);
        suggestions.Add(NoCandidatesSuggestion.TryLater);
        return new NoCandidates(why, suggestions);
    }

    /// <summary>The new pair's cadence and term: the program's own settings (decision 0440), else the configured defaults.</summary>
    private Mentorship StartMentorship(MentoringRequest accepted, Profile senior, DateTimeOffset now, ProgramTerms? terms)
    {
        var options = checkInOptions.Value;
        var started = Mentorship.Start(
            new MentorshipId($"m-{Guid.CreateVersion7(now):N}"),
            accepted.Senior,
            accepted.MatchedWith!.Value,
            accepted.Skill,
            accepted.Program,
            now,
            terms is null ? CheckInCadence.PlannedEnd(now, senior, accepted.Program, options) : CheckInCadence.PlannedEnd(now, senior, terms.TermMonths),
            terms?.Cadence ?? CheckInCadence.For(accepted.Program, options));

        // Offers never go to the senior and the options are validated at start-up, so a failure here is a bug.
        return started.IsOk ? started.Value with { Tenant = accepted.Tenant ?? senior.Tenant } : throw new InvalidOperationException($"A mentorship for {accepted.Id} could not start: {started.Error}.");
    }

    private async Task<OfferOutcome> OfferNextAsync(RequestId id, UserId? chosen, RequestProgressKind kind, CancellationToken cancellationToken, bool anyEligible = false)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (await requests.GetAsync(id, cancellationToken) is not { } stored)
            {
                return new OfferOutcome.NotFound();
            }

            var request = stored.Value;
            if (!request.IsOpen || request.PendingOffer is not null)
            {
                return new OfferOutcome.Refused(request.IsOpen ? RefusalReason.OfferAlreadyPending : RefusalReason.RequestClosed, request);
            }

            if (await NextStepAsync(request, chosen, kind, time.GetUtcNow(), anyEligible, cancellationToken) is not { } next)
            {
                return new OfferOutcome.NotFound();
            }

            if (next.Outcome is OfferOutcome.CandidateUnavailable)
            {
                return next.Outcome;
            }

            var messages = Messages(next.Request, next.Notes);
            try
            {
                await requests.ReplaceAsync(next.Request, stored.ETag, messages, cancellationToken);
            }
            catch (ConcurrencyConflictException) when (attempt < MaxWriteAttempts)
            {
                Log.Retrying(logger, id, nameof(OfferNextAsync), attempt);
                continue;
            }

            await AfterStepAsync(id, next, messages, cancellationToken);
            return next.Outcome;
        }
    }

    /// <summary>
    /// Decides what happens to a searching request next, without writing: offered to <paramref name="chosen"/> (or
    /// the best colleague not asked yet), or closed because nobody is left. The caller writes the result together with
    /// whatever change led here, so a request is never stored searching with nobody asked after someone said no or
    /// stayed silent (decision 0305). The colleague offered to has been re-read from storage first (decision 0185), so
    /// the one write never offers to someone a stale index still proposes. Null when the senior is gone or the request
    /// is not searching.
    /// </summary>
    private async Task<NextStep?> NextStepAsync(
        MentoringRequest request, UserId? chosen, RequestProgressKind kind, DateTimeOffset now, bool anyEligible, CancellationToken cancellationToken)
    {
        if (request.Status != RequestStatus.Searching || await profiles.GetAsync(request.Senior, cancellationToken) is not { } stored)
        {
            return null;
        }

        var senior = stored.Value;

        // The index may be behind storage (another instance, a change a moment ago): each colleague it proposes
        // is read again before the offer is decided, and one who no longer qualifies makes way for the next.
        var rejected = new HashSet<UserId>();
        RankedCandidate? candidate = null;
        Ranked ranked;
        do
        {
            ranked = await RankAsync(request, stored, null, rejected, cancellationToken, anyEligible);
            var proposed = chosen is { } pick ? ranked.Ranking.Candidates.Where(c => c.Mentor.Id == pick) : ranked.Ranking.Candidates;
            foreach (var option in proposed)
            {
                if (ranked.Learner is { } learner && await matching.IsStillEligibleAsync(ranked.Tenant, learner, ranked.Request, option.Mentor.Id, ranked.Members, cancellationToken))
                {
                    candidate = option;
                    break;
                }

                rejected.Add(option.Mentor.Id);
            }
        }
        while (candidate is null && chosen is null && ranked.Ranking.Candidates.Count > 0);

        var ranking = ranked.Ranking;
        if (candidate is null && chosen is not null)
        {
            return new NextStep(request, senior, new OfferOutcome.CandidateUnavailable(request), []);
        }

        if (candidate is null)
        {
            var why = WhyNobody(request, ranking);
            var closed = ((RequestTransition.Changed)request.MarkNoCandidates(now)).Request;
            return new NextStep(closed, senior, new OfferOutcome.NoCandidatesLeft(closed, why), [(request.Senior, new RequestProgress(closed, RequestProgressKind.NoCandidatesLeft, null, why.Why))]);
        }

        var window = AnswerWindowFor(request, ranked.Terms);
        var offered = ((RequestTransition.Changed)request.OfferTo(candidate.Mentor.Id, now, window)).Request;
        return new NextStep(
            offered,
            senior,
            new OfferOutcome.Offered(offered, candidate.Mentor),
            [
                (candidate.Mentor.Id, new RequestOffered(offered, senior, candidate, now + window)),
                (request.Senior, new RequestProgress(offered, kind, candidate.Mentor, null)),
            ]);
    }

    /// <summary>
    /// The ask card's "By when?": a senior who hopes to start this week does not wait two days per colleague, so each
    /// colleague has at most <see cref="UrgentAnswerWindow"/> to answer; otherwise <see cref="RequestOptions.AnswerWindow"/>.
    /// </summary>
    /// <remarks>Inside a program, its own answer window replaces the configured one (decision 0440).</remarks>
    private TimeSpan AnswerWindowFor(MentoringRequest request, ProgramTerms? terms)
    {
        var window = terms?.AnswerWindow ?? Options.AnswerWindow;
        return request.Urgency == Urgency.ThisWeek && window > UrgentAnswerWindow ? UrgentAnswerWindow : window;
    }

    /// <summary>How long a colleague has to answer a request marked "this week".</summary>
    public static readonly TimeSpan UrgentAnswerWindow = TimeSpan.FromHours(24);

    /// <summary>After a step was written with its messages: logs it and hands the messages to delivery.</summary>
    private async Task AfterStepAsync(RequestId id, NextStep? next, IReadOnlyList<RequestMessage> messages, CancellationToken cancellationToken)
    {
        switch (next?.Outcome)
        {
            case OfferOutcome.Offered offered:
                Log.Offered(logger, id, offered.Request.Offers.Count);
                break;
            case OfferOutcome.NoCandidatesLeft:
                Log.NoneLeft(logger, id);
                break;
        }

        await delivery.DeliverAsync(messages, cancellationToken);
    }

    private IReadOnlyList<RequestMessage> Messages(MentoringRequest after, IReadOnlyList<(UserId To, Notification What)> notes)
    {
        var now = time.GetUtcNow();
        return [.. notes.Select(n => RequestMessages.For(n.To, n.What, after, now))];
    }

    /// <summary>Ranks for the request, leaving out everyone already asked for it (and <paramref name="rejected"/>).</summary>
    /// <param name="anyEligible">Everyone eligible rather than the few a senior is shown: a program round's choice may
    /// rank below others who went to other pairs.</param>
    private async Task<Ranked> RankAsync(
        MentoringRequest request,
        Versioned<Profile>? senior,
        IReadOnlyList<MentoringRequest>? seniorRequests,
        IReadOnlySet<UserId> rejected,
        CancellationToken cancellationToken,
        bool anyEligible = false,
        LearnerState? learner = null)
    {
        var match = new MatchRequest(request.Senior, request.Skill, request.Goal);
        var tenant = request.Tenant ?? senior?.Value.Tenant;

        // Consent first: in a program, only people who said yes to it can be offered the request.
        var terms = request.Program is { } inProgram ? await membership.TermsAsync(inProgram, cancellationToken) : null;
        var members = request.Program is { } program
            ? terms is { TakesNewPairs: false } ? new HashSet<UserId>() : await membership.MembersAsync(program, cancellationToken)
            : null;
        if (senior is null)
        {
            // Forgotten while the request was open: nobody to rank for.
            var nobody = ranker.Rank(MatchingIndex.Build(new MatchingSnapshot(time.GetUtcNow(), [])), match, 1);
            return new Ranked(nobody, null, tenant, match, members) { Terms = terms };
        }

        learner ??= await matching.ReadLearnerAsync(senior, seniorRequests, cancellationToken);
        var skip = request.AskedCandidates.ToHashSet();
        skip.UnionWith(rejected);
        var shown = Options.CandidatesShown;
        // A program's target skills count in ranking (decision 0445): its members are few, so all of them are ranked
        // before the bonus reorders them; the hard constraints have already been applied by the ranker.
        var targets = members is not null && terms is { TargetSkills.Count: > 0 } ? terms.TargetSkills : [];
        var ranking = await matching.RankAsync(tenant, learner, match, anyEligible || targets.Count > 0 ? 0 : skip.Count + shown, members, cancellationToken);
        var fresh = ProgramFit.Rerank(ranking.Candidates, request.Skill, targets).Where(c => !skip.Contains(c.Mentor.Id));
        return new Ranked(ranking with { Candidates = [.. anyEligible ? fresh : fresh.Take(shown)] }, learner, tenant, match, members) { Terms = terms };
    }

    private sealed record Ranked(RankingResult Ranking, LearnerState? Learner, TenantId? Tenant, MatchRequest Request, IReadOnlySet<UserId>? Members)
    {
        public ProgramTerms? Terms { get; init; }
    }

    /// <summary>Reads, decides and writes back with the version read; on a conflict decides again on the newer state.</summary>
    private async Task<Decision?> DecideAndSaveAsync(
        RequestId id,
        Func<MentoringRequest, RequestTransition> decide,
        Func<MentoringRequest, MentoringRequest, IReadOnlyList<RequestMessage>> messagesFor,
        CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (await requests.GetAsync(id, cancellationToken) is not { } stored)
            {
                return null;
            }

            var transition = decide(stored.Value);
            if (transition is not RequestTransition.Changed changed)
            {
                return new Decision(stored.Value, stored.Value, transition);
            }

            var messages = messagesFor(stored.Value, changed.Request);
            try
            {
                await requests.ReplaceAsync(changed.Request, stored.ETag, messages, cancellationToken);
            }
            catch (ConcurrencyConflictException) when (attempt < MaxWriteAttempts)
            {
                Log.Retrying(logger, id, nameof(DecideAndSaveAsync), attempt);
                continue;
            }

            await delivery.DeliverAsync(messages, cancellationToken);
            return new Decision(stored.Value, changed.Request, transition);
        }
    }

    private sealed record Decision(MentoringRequest Before, MentoringRequest After, RequestTransition Transition);

    private sealed record NextStep(MentoringRequest Request, Profile Senior, OfferOutcome Outcome, IReadOnlyList<(UserId To, Notification What)> Notes);

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Request {RequestId} for {Skill} created with {CandidateCount} candidates")]
        public static partial void Asked(ILogger logger, RequestId requestId, SkillId skill, int candidateCount);

        [LoggerMessage(2, LogLevel.Information, "Request {RequestId} offered (offer {OfferNumber})")]
        public static partial void Offered(ILogger logger, RequestId requestId, int offerNumber);

        [LoggerMessage(3, LogLevel.Information, "Request {RequestId} accepted; mentorship {MentorshipId} started")]
        public static partial void Paired(ILogger logger, RequestId requestId, MentorshipId mentorshipId);

        [LoggerMessage(4, LogLevel.Information, "Request {RequestId} declined")]
        public static partial void Declined(ILogger logger, RequestId requestId);

        [LoggerMessage(5, LogLevel.Information, "Offer of request {RequestId} expired without an answer")]
        public static partial void Expired(ILogger logger, RequestId requestId);

        [LoggerMessage(6, LogLevel.Information, "Request {RequestId} closed: nobody left to ask")]
        public static partial void NoneLeft(ILogger logger, RequestId requestId);

        [LoggerMessage(7, LogLevel.Debug, "Request {RequestId} changed while {Operation} was deciding (attempt {Attempt}); deciding again")]
        public static partial void Retrying(ILogger logger, RequestId requestId, string operation, int attempt);
    }
}
