using MentorBot.Core.Matching;
using MentorBot.Core.Matching.Cohort;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Persistence;
using MentorBot.Core.Profiles;
using MentorBot.Core.Requests;
using MentorBot.Core.Skills;
using MentorBot.Core.Tenants;
using Microsoft.Extensions.Logging;

namespace MentorBot.Core.Programs.Rounds;

/// <summary>
/// An owner's cohort round (decisions 0210–0212): a dry-run preview of who gets whom and why, stored as shown, then
/// published, which creates each pair's request in the program and offers it to the chosen colleague through the
/// ordinary request path. Only the program's owners may do either.
/// </summary>
public sealed partial class ProgramRoundService(
    IProgramStore programs,
    IEnrolmentStore enrolments,
    IRoundStore rounds,
    IRequestStore requests,
    IMentorshipStore mentorships,
    MatchingSnapshotLoader snapshots,
    ICohortMatcher matcher,
    MentoringService mentoring,
    TimeProvider time,
    ILogger<ProgramRoundService> logger)
{
    /// <summary>How long a preview may be published; after that availability, places and profiles have moved on.</summary>
    public static TimeSpan PreviewLifetime { get; } = TimeSpan.FromHours(24);

    internal const int ReasonsShown = 3;

    /// <summary>The programs <paramref name="owner"/> runs, by name.</summary>
    public async Task<IReadOnlyList<MentoringProgram>> ListOwnedAsync(UserId owner, TenantId? tenant, CancellationToken cancellationToken) =>
        (await programs.ListInTenantAsync(tenant, cancellationToken)).Select(p => p.Value).Where(p => ProgramAccess.CanManage(owner, p)).ToList();

    public async Task<RoundPreviewOutcome> PreviewAsync(ProgramId programId, UserId owner, CancellationToken cancellationToken)
    {
        if (await programs.GetAsync(programId, cancellationToken) is not { Value: var program })
        {
            return new RoundPreviewOutcome.ProgramNotFound();
        }

        if (!ProgramAccess.CanManage(owner, program))
        {
            return new RoundPreviewOutcome.NotAnOwner();
        }

        var now = time.GetUtcNow();
        var solved = await SolveAsync(program, [], [], now, cancellationToken);
        var prepared = new ProgramRound(
            RoundId.New(Guid.CreateVersion7(now)),
            programId,
            owner,
            now,
            solved.Pairs,
            solved.Unmatched,
            solved.UnusedMentors,
            Certificate: solved.Certificate);
        await rounds.InsertAsync(prepared, cancellationToken);
        Log.Previewed(logger, programId, prepared.Id, prepared.Pairs.Count, prepared.Unmatched.Count);
        return new RoundPreviewOutcome.Ready(program, prepared, solved.People);
    }

    /// <summary>
    /// Works a round out on today's data: the program's consenting members, one request per learner, last pairs not
    /// repeated, the owner's pins fixed first and removed requests left out, the rest solved exactly (decision 0460).
    /// </summary>
    private async Task<SolvedRound> SolveAsync(MentoringProgram program, IReadOnlyList<RoundPin> pins, IReadOnlyList<RoundRemoval> removed, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var programId = program.Id;
        var members = (await enrolments.ListAsync(programId, cancellationToken))
            .Select(e => e.Value)
            .Where(e => e.MayBeMatched)
            .Select(e => e.Person)
            .ToHashSet();
        // Only the program's own tenant is ranked, so a round can never pair across directories (decision 0230).
        var snapshot = await snapshots.LoadAsync(now, program.Tenant, cancellationToken);
        var index = MatchingIndex.Build(snapshot);
        var asking = await OpenRequestsAsync(cancellationToken);
        var taken = removed.Select(r => (r.Learner, r.Skill)).ToHashSet();

        var cohortRequests = new List<CohortRequest>();
        var previous = new List<CohortPair>();
        foreach (var profile in snapshot.Profiles.Where(p => members.Contains(p.Id) && p.CanLearn && p.Wants.Count > 0).OrderBy(p => p.Id.AadObjectId, StringComparer.Ordinal))
        {
            if (!index.TryIndexOf(profile.Id, out var person) || !index.IsActiveAt(person, now))
            {
                continue;
            }

            var theirs = await mentorships.ListForPersonAsync(profile.Id, cancellationToken);
            previous.AddRange(theirs
                .Where(m => m.Program == programId && m.Senior == profile.Id)
                .Select(m => new CohortPair(m.Junior, m.Senior, m.Skill)));

            // One request per learner: their first wanted skill that is not already being learned or asked for.
            var running = theirs.Where(m => m.Senior == profile.Id && m.State.Status != MentorshipStatus.Ended).Select(m => m.Skill).ToHashSet();
            var wanted = profile.Wants.Select(w => w.Skill).FirstOrDefault(s => !running.Contains(s) && !asking.Contains((profile.Id, s)));
            if (wanted is { Value: not null } && !taken.Contains((profile.Id, wanted)))
            {
                cohortRequests.Add(new CohortRequest(profile.Id, wanted));
            }
        }

        var round = new CohortRound(cohortRequests)
        {
            PreviousPairs = previous,
            KeepPreviousPairs = false,
            Mentors = members,
            Pinned = [.. pins.Select(p => new CohortPair(p.Mentor, p.Learner, p.Skill))],
        };
        var result = MatchingMetrics.Measure(MatchingMetrics.Cohort, () => matcher.Match(index, round));

        RoundPair[] pairs = [.. result.Pairs.Select(p => new RoundPair(p.Learner, p.Mentor, p.Skill, p.Score, []) { Factors = Reasons(p.Factors), Pinned = p.Pinned })];
        RoundUnmatched[] unmatched = [.. result.Unmatched.Select(u => new RoundUnmatched(u.Request.Learner, u.Request.Skill, u.Reason, null, u.EligibleMentors, u.MentorsFull, u.MentorsPairedWithLearner) { Nobody = u.Nobody })];
        RoundUnusedMentor[] unused = [.. result.UnusedMentors.Select(u => new RoundUnusedMentor(u.Mentor, u.FreePlaces, u.Reason))];
        var named = pairs.SelectMany(p => new[] { p.Learner, p.Mentor })
            .Concat(unmatched.Select(u => u.Learner))
            .Concat(unused.Select(u => u.Mentor))
            .Concat(removed.Select(r => r.Learner))
            .ToHashSet();
        var people = snapshot.Profiles.Where(p => named.Contains(p.Id)).ToDictionary(p => p.Id);
        return new SolvedRound(
            pairs,
            unmatched,
            unused,
            result.Certificate is { } proof ? new RoundCertificate(proof.TotalScore, proof.DualBound, proof.IsOptimal) : null,
            [.. result.RejectedPins.Select(p => new RoundPin(p.Learner, p.Skill, p.Mentor))],
            people);
    }

    private sealed record SolvedRound(
        RoundPair[] Pairs,
        RoundUnmatched[] Unmatched,
        RoundUnusedMentor[] UnusedMentors,
        RoundCertificate? Certificate,
        RoundPin[] RejectedPins,
        IReadOnlyDictionary<UserId, Profile> People);

    /// <summary>
    /// Sends the offers of a stored preview. Publishing again (a double press, a second owner, a retry after a failure
    /// part-way) sends only what was not sent yet, which is normally nothing.
    /// </summary>
    public Task<RoundPublishOutcome> PublishAsync(ProgramId programId, RoundId roundId, UserId owner, CancellationToken cancellationToken) =>
        PublishAsync(programId, roundId, owner, shownRevision: 0, cancellationToken);

    /// <summary>
    /// Publishes the round as the owner saw it: <paramref name="shownRevision"/> must still be the round's revision,
    /// and working the round out again on today's data (with its pins and removals) must give the same pairs, scores
    /// and unmatched learners; otherwise it is refused as stale and nothing is sent (decision 0460).
    /// </summary>
    public async Task<RoundPublishOutcome> PublishAsync(ProgramId programId, RoundId roundId, UserId owner, int shownRevision, CancellationToken cancellationToken)
    {
        if (await programs.GetAsync(programId, cancellationToken) is not { Value: var program })
        {
            return new RoundPublishOutcome.NotFound();
        }

        // Checked against the program as it is now: someone removed as an owner since the preview cannot publish it.
        if (!ProgramAccess.CanManage(owner, program))
        {
            return new RoundPublishOutcome.NotAnOwner();
        }

        if (await rounds.GetAsync(programId, roundId, cancellationToken) is not { } stored)
        {
            return new RoundPublishOutcome.NotFound();
        }

        var now = time.GetUtcNow();
        var round = stored.Value;
        if (round.State == RoundState.Previewed)
        {
            if (now - round.SolvedAt > PreviewLifetime)
            {
                return new RoundPublishOutcome.Expired(program);
            }

            if (round.Revision != shownRevision)
            {
                return new RoundPublishOutcome.Stale(program, RoundStaleReason.RoundChanged, round.Revision);
            }

            var again = await SolveAsync(program, round.Pins, round.Removed, now, cancellationToken);
            if (!SameAsShown(round, again))
            {
                Log.StaleAtPublish(logger, programId, roundId);
                return new RoundPublishOutcome.Stale(program, RoundStaleReason.DataChanged, round.Revision);
            }

            var published = round with { State = RoundState.Published, PublishedBy = owner, PublishedAt = now };
            try
            {
                await rounds.ReplaceAsync(published, stored.ETag, cancellationToken);
                round = published;
            }
            catch (ConcurrencyConflictException)
            {
                // Another owner published it a moment ago; the request ids keep the two from sending anything twice.
                round = (await rounds.GetAsync(programId, roundId, cancellationToken))?.Value ?? published;
            }
        }

        int sent = 0, alreadySent = 0, notSent = 0;
        foreach (var pair in round.Pairs)
        {
            var request = MentoringRequest.Create(round.RequestIdFor(pair), pair.Learner, pair.Skill, null, MeetingFormat.Call, Urgency.NoRush, now)
                with { Program = programId, Tenant = program.Tenant };
            switch (await mentoring.OfferFromRoundAsync(request, pair.Mentor, cancellationToken))
            {
                case OfferOutcome.Offered:
                    sent++;
                    break;
                case OfferOutcome.Refused:
                    alreadySent++;
                    break;
                default:
                    notSent++;
                    break;
            }
        }

        Log.Published(logger, programId, roundId, sent, alreadySent, notSent);
        return new RoundPublishOutcome.Published(program, round, sent, alreadySent, notSent);
    }

    private async Task<HashSet<(UserId, SkillId)>> OpenRequestsAsync(CancellationToken cancellationToken)
    {
        var open = new HashSet<(UserId, SkillId)>();
        string? token = null;
        do
        {
            var page = await requests.ListOpenAsync(token, cancellationToken);
            open.UnionWith(page.Items.Select(r => (r.Value.Senior, r.Value.Skill)));
            token = page.ContinuationToken;
        }
        while (token is not null);

        return open;
    }

    private static bool SameAsShown(ProgramRound shown, SolvedRound again)
    {
        static string Key(UserId learner, SkillId skill, string rest) => string.Join('\n', learner.AadObjectId, skill.Value, rest);
        var before = shown.Pairs.Select(p => Key(p.Learner, p.Skill, $"{p.Mentor.AadObjectId}|{Math.Round(p.Score, 4)}|{p.Pinned}"))
            .Concat(shown.Unmatched.Select(u => Key(u.Learner, u.Skill, u.Reason.ToString())))
            .ToHashSet(StringComparer.Ordinal);
        var after = again.Pairs.Select(p => Key(p.Learner, p.Skill, $"{p.Mentor.AadObjectId}|{Math.Round(p.Score, 4)}|{p.Pinned}"))
            .Concat(again.Unmatched.Select(u => Key(u.Learner, u.Skill, u.Reason.ToString())))
            .ToHashSet(StringComparer.Ordinal);
        return again.RejectedPins.Length == 0 && before.SetEquals(after);
    }

    private static FactorScore[] Reasons(IReadOnlyList<FactorScore> factors) =>
        [.. factors.Where(f => f.Contribution > 0).OrderByDescending(f => f.Contribution).Take(ReasonsShown)];

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Round {RoundId} of program {ProgramId} previewed: {Pairs} pairs, {Unmatched} unmatched")]
        public static partial void Previewed(ILogger logger, ProgramId programId, RoundId roundId, int pairs, int unmatched);

        [LoggerMessage(2, LogLevel.Information, "Round {RoundId} of program {ProgramId} published: {Sent} offers sent, {AlreadySent} sent before, {NotSent} not sent")]
        public static partial void Published(ILogger logger, ProgramId programId, RoundId roundId, int sent, int alreadySent, int notSent);

        [LoggerMessage(3, LogLevel.Information, "Round {RoundId} of program {ProgramId} not published: the data changed since it was shown")]
        public static partial void StaleAtPublish(ILogger logger, ProgramId programId, RoundId roundId);

        [LoggerMessage(4, LogLevel.Information, "Round {RoundId} of program {ProgramId} edited to revision {Revision}: {Pairs} pairs, {Pins} pinned")]
        public static partial void Edited(ILogger logger, ProgramId programId, RoundId roundId, int revision, int pairs, int pins);
    }
}
