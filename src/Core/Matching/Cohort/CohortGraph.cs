using MentorBot.Core.Profiles;

namespace MentorBot.Core.Matching.Cohort;

/// <summary>
/// The bipartite graph of a round that a solver sees: open requests × some of their eligible mentors (the top N at
/// first; the certified solver adds every pair that could improve the total), with each mentor's free places. Every
/// edge satisfies the hard constraints. Mentor slots cover every mentor the round could use, so slots never move.
/// </summary>
internal sealed class CohortGraph
{
    public required CohortRequest[] Requests { get; init; }

    /// <summary>Per request: the learner's person index; two requests of one learner go to different mentors (decision 0263).</summary>
    public required int[] Learners { get; init; }

    /// <summary>Per request: (mentor slot, score units), best first.</summary>
    /// <remarks>Column generation adds edges between solves (decision 0260).</remarks>
    public required (int Mentor, long Units)[][] Edges { get; init; }

    /// <summary>Mentor slot → person index in the matching index (ascending, so slot order is id order).</summary>
    public required int[] MentorPeople { get; init; }

    public required int[] Capacity { get; init; }

    public int RequestCount => Requests.Length;

    public int MentorCount => MentorPeople.Length;

    public long Total(int[] assignment)
    {
        var total = 0L;
        for (var r = 0; r < assignment.Length; r++)
        {
            if (assignment[r] >= 0)
            {
                foreach (var (mentor, units) in Edges[r])
                {
                    if (mentor == assignment[r])
                    {
                        total += units;
                        break;
                    }
                }
            }
        }

        return total;
    }
}

/// <summary>A round after the bookkeeping: requests in canonical order, kept pairs, the first graph, the limits.</summary>
internal sealed class PreparedRound
{
    public required CohortGraph Graph { get; init; }

    public required List<CohortAssignment> Kept { get; init; }

    public required List<CohortPair> RejectedPins { get; init; }

    public required List<UnmatchedRequest> Unmatched { get; init; }

    /// <summary>Per person: places taken by kept pairs that are not running mentorships yet.</summary>
    public required int[] Used { get; init; }

    public required CohortLimits Limits { get; init; }

    public required CandidateRanker.RequestContext[] Contexts { get; init; }

    /// <summary>
    /// Per request: no eligible pair left out of the first graph scores more than this (the weakest of the top N,
    /// since the scan keeps the best N), or <see cref="long.MinValue"/> when the first graph holds every eligible pair.
    /// Pricing skips a request whose dual already reaches it: nothing outside can beat u[r] (decision 0260).
    /// </summary>
    public required long[] OutsideBound { get; init; }

    /// <summary>Person index → mentor slot, or -1 for someone who cannot mentor in this round.</summary>
    public required int[] SlotOf { get; init; }

    public required IReadOnlySet<UserId>? Mentors { get; init; }

    /// <summary>Every eligible mentor of request <paramref name="r"/> with the pair's score, best level first.</summary>
    public IEnumerable<(int Person, long Units)> Eligible(int r)
    {
        var context = Contexts[r];
        var postings = context.Postings(Limits);
        var minimum = context.MinimumMentorLevel;
        for (var k = 0; k < postings.Length && (int)postings[k].Level >= minimum; k++)
        {
            if (context.TryScore(in postings[k], Limits, out var units))
            {
                yield return (postings[k].Person, units);
            }
        }
    }
}

/// <summary>Everything around the assignment: canonical order, duplicates, kept pairs, graph, report.</summary>
internal static class CohortPlanner
{
    /// <summary>Solves the top-N graph only: the baselines (greedy, random) and the pre-0260 "sparse exact" benchmark.</summary>
    public static CohortResult Run(CandidateRanker ranker, MatchingIndex index, CohortRound round, Func<CohortGraph, int[]> assign)
    {
        var prepared = Prepare(ranker, index, round);
        var assignment = assign(prepared.Graph);
        return Report(ranker, index, prepared, assignment, certificate: null);
    }

    /// <summary>Exact over every eligible pair, with its certificate (decisions 0260, 0261).</summary>
    public static CohortResult RunCertified(CandidateRanker ranker, MatchingIndex index, CohortRound round)
    {
        var prepared = Prepare(ranker, index, round);
        var (assignment, certificate) = CohortCertifier.Solve(prepared, ranker.Options.CohortPricingBatch);
        return Report(ranker, index, prepared, assignment, certificate);
    }

    internal static PreparedRound Prepare(CandidateRanker ranker, MatchingIndex index, CohortRound round)
    {
        var unmatched = new List<UnmatchedRequest>();
        var kept = new List<CohortAssignment>();
        var used = new int[index.Count];

        // Canonical order makes the result independent of the order requests arrived in.
        var ordered = round.Requests
            .OrderBy(r => r.Learner.AadObjectId, StringComparer.Ordinal)
            .ThenBy(r => r.Skill.Value, StringComparer.Ordinal)
            .ThenBy(r => r.AllowRepeat)
            .ToArray();

        var previous = new Dictionary<(UserId, Core.Skills.SkillId), UserId>();
        var excluded = new Dictionary<int, HashSet<int>>();
        void Exclude(int learner, int mentor)
        {
            if (!excluded.TryGetValue(learner, out var set))
            {
                set = [];
                excluded[learner] = set;
            }

            set.Add(mentor);
        }

        foreach (var pair in round.PreviousPairs.OrderBy(p => p.Mentor.AadObjectId, StringComparer.Ordinal))
        {
            previous.TryAdd((pair.Learner, pair.Skill), pair.Mentor);
            if (!round.KeepPreviousPairs && index.TryIndexOf(pair.Learner, out var learner) && index.TryIndexOf(pair.Mentor, out var mentor))
            {
                Exclude(learner, mentor);
            }
        }

        bool[]? inRound = null;
        if (round.Mentors is not null)
        {
            inRound = new bool[index.Count];
            foreach (var mentor in round.Mentors)
            {
                if (index.TryIndexOf(mentor, out var person))
                {
                    inRound[person] = true;
                }
            }
        }

        var active = index.Snapshot.ActiveMentorships.ToHashSet();

        // Owners' pins first, in canonical order (decision 0460): each takes its place before anything else is solved.
        var pinned = new HashSet<(UserId, Core.Skills.SkillId)>();
        var rejected = new List<CohortPair>();
        foreach (var pin in round.Pinned
            .OrderBy(p => p.Learner.AadObjectId, StringComparer.Ordinal).ThenBy(p => p.Skill.Value, StringComparer.Ordinal).ThenBy(p => p.Mentor.AadObjectId, StringComparer.Ordinal))
        {
            var request = ordered.FirstOrDefault(r => r.Learner == pin.Learner && r.Skill == pin.Skill);
            if (request is null || pinned.Contains((pin.Learner, pin.Skill))
                || !index.TryIndexOf(pin.Learner, out var learner) || !index.TryIndexOf(pin.Mentor, out var mentor)
                || (inRound is not null && !inRound[mentor])
                || (excluded.TryGetValue(learner, out var notWith) && notWith.Contains(mentor)))
            {
                rejected.Add(pin);
                continue;
            }

            // Every hard constraint of the ranker (skill gap, reporting line, availability, places after running
            // mentorships), then the places earlier pins and kept pairs took.
            var match = new MatchRequest(request.Learner, request.Skill, AllowRepeat: request.AllowRepeat);
            var running = active.Contains(new ActiveMentorship(pin.Mentor, pin.Learner, pin.Skill));
            var eligible = ranker.Rank(index, match, int.MaxValue).Candidates.FirstOrDefault(c => c.Mentor.Id == pin.Mentor);
            if (eligible is null || (!running && index.Capacity[mentor] - index.ActiveCount[mentor] - used[mentor] <= 0))
            {
                rejected.Add(pin);
                continue;
            }

            if (!running)
            {
                used[mentor]++;
            }

            Exclude(learner, mentor);
            pinned.Add((pin.Learner, pin.Skill));
            kept.Add(new CohortAssignment(request.Learner, pin.Mentor, request.Skill, eligible.Score, Kept: true, eligible.Factors) { Pinned = true });
        }

        var seen = new HashSet<(UserId, Core.Skills.SkillId)>();
        var open = new List<(CohortRequest Request, int Learner)>();
        foreach (var request in ordered)
        {
            if (!seen.Add((request.Learner, request.Skill)))
            {
                unmatched.Add(new UnmatchedRequest(request, UnmatchedReason.DuplicateRequest));
                continue;
            }

            if (!index.TryIndexOf(request.Learner, out var learner))
            {
                unmatched.Add(new UnmatchedRequest(request, UnmatchedReason.LearnerNotFound));
                continue;
            }

            if (pinned.Contains((request.Learner, request.Skill)))
            {
                continue;
            }

            if (round.KeepPreviousPairs
                && previous.TryGetValue((request.Learner, request.Skill), out var previousMentor)
                && index.TryIndexOf(previousMentor, out var mentor)
                && mentor != learner
                && index.CanTeach[mentor]
                && index.IsActiveAt(mentor, index.Snapshot.AsOf)
                && !index.Lines.AreInSameLine(mentor, learner)
                && !(excluded.TryGetValue(learner, out var keptWith) && keptWith.Contains(mentor)))
            {
                // One learner, different mentors (decision 0263) holds for kept pairs too: a second previous pair with
                // a mentor this learner already keeps is matched afresh.
                // A kept pair that is already a running mentorship is counted in the snapshot's load; one that is not
                // yet running takes a place now, and only if there is one (decision 0262): otherwise the request is
                // matched afresh like any other.
                var running = active.Contains(new ActiveMentorship(previousMentor, request.Learner, request.Skill));
                if (running || index.Capacity[mentor] - index.ActiveCount[mentor] - used[mentor] > 0)
                {
                    if (!running)
                    {
                        used[mentor]++;
                    }

                    // One learner, different mentors: the kept mentor is not offered for their other requests.
                    Exclude(learner, mentor);
                    var match = new MatchRequest(request.Learner, request.Skill, AllowRepeat: true);
                    var explained = ranker.Explain(index, learner, match, mentor, 0);
                    var score = explained.Factors.Sum(f => f.Contribution);
                    kept.Add(new CohortAssignment(request.Learner, previousMentor, request.Skill, Math.Round(score, 4), Kept: true, explained.Factors));
                    continue;
                }
            }

            open.Add((request, learner));
        }

        var limits = new CohortLimits(index, inRound, used, excluded);
        var slotOf = new int[index.Count];
        Array.Fill(slotOf, -1);
        var mentorPeople = new List<int>();
        foreach (var postings in limits.Postings)
        {
            foreach (var posting in postings)
            {
                slotOf[posting.Person] = 0;
            }
        }

        for (var person = 0; person < index.Count; person++)
        {
            if (slotOf[person] == 0)
            {
                slotOf[person] = mentorPeople.Count;
                mentorPeople.Add(person);
            }
        }

        // A limit of 0 means "no limit": every eligible pair is an edge from the start (safe: bounded by the postings).
        var limit = ranker.Options.CohortCandidatesPerRequest is var n and > 0 ? n : int.MaxValue;
        var contexts = new CandidateRanker.RequestContext[open.Count];
        var edges = new (int Mentor, long Units)[open.Count][];
        var outside = new long[open.Count];
        for (var r = 0; r < open.Count; r++)
        {
            var (request, learner) = open[r];
            contexts[r] = ranker.Context(index, learner, new MatchRequest(request.Learner, request.Skill, AllowRepeat: request.AllowRepeat), limits);
            edges[r] = [.. contexts[r].Scan(limit, null, limits).Select(c => (slotOf[c.Person], c.Units))];

            // Fewer than N found means the scan saw every eligible pair; otherwise the rest score at most the weakest.
            outside[r] = edges[r].Length < limit ? long.MinValue : edges[r][^1].Units;
        }

        var graph = new CohortGraph
        {
            Requests = [.. open.Select(o => o.Request)],
            Learners = [.. open.Select(o => o.Learner)],
            Edges = edges,
            MentorPeople = [.. mentorPeople],
            Capacity = [.. mentorPeople.Select(p => index.Capacity[p] - index.ActiveCount[p] - used[p])],
        };
        return new PreparedRound
        {
            Graph = graph,
            Kept = kept,
            RejectedPins = rejected,
            Unmatched = unmatched,
            Used = used,
            Limits = limits,
            Contexts = contexts,
            OutsideBound = outside,
            SlotOf = slotOf,
            Mentors = round.Mentors,
        };
    }

    private static CohortResult Report(CandidateRanker ranker, MatchingIndex index, PreparedRound prepared, int[] assignment, CohortCertificate? certificate)
    {
        var graph = prepared.Graph;
        var unmatched = prepared.Unmatched;
        var pairs = new List<CohortAssignment>(prepared.Kept);
        var taken = new int[graph.MentorCount];
        var pairedWith = new HashSet<long>();
        for (var r = 0; r < graph.RequestCount; r++)
        {
            if (assignment[r] >= 0)
            {
                taken[assignment[r]]++;
                pairedWith.Add(CohortSolution.GateKey(graph.Learners[r], assignment[r]));
            }
        }

        var total = 0L;
        for (var r = 0; r < graph.RequestCount; r++)
        {
            var request = graph.Requests[r];
            var mentor = assignment[r];
            if (mentor < 0)
            {
                // True counts over every eligible mentor, not the solver's graph (decision 0264).
                int eligible = 0, full = 0, sameLearner = 0;
                foreach (var (person, _) in prepared.Eligible(r))
                {
                    eligible++;
                    var slot = prepared.SlotOf[person];
                    if (taken[slot] >= graph.Capacity[slot])
                    {
                        full++;
                    }
                    else if (pairedWith.Contains(CohortSolution.GateKey(graph.Learners[r], slot)))
                    {
                        sameLearner++;
                    }
                }

                if (eligible > 0)
                {
                    unmatched.Add(new UnmatchedRequest(request, UnmatchedReason.MentorsTaken)
                    {
                        EligibleMentors = eligible,
                        MentorsFull = full,
                        MentorsPairedWithLearner = sameLearner,
                    });
                }
                else
                {
                    var ranking = ranker.Rank(index, new MatchRequest(request.Learner, request.Skill, AllowRepeat: request.AllowRepeat), 1);
                    unmatched.Add(new UnmatchedRequest(request, UnmatchedReason.NoEligibleMentor, ranking.Candidates.Count > 0 ? null : ranking.Nobody));
                }

                continue;
            }

            var units = graph.Edges[r].First(e => e.Mentor == mentor).Units;
            total += units;
            var person2 = graph.MentorPeople[mentor];
            var explained = ranker.Explain(index, graph.Learners[r], new MatchRequest(request.Learner, request.Skill, AllowRepeat: request.AllowRepeat), person2, units);
            pairs.Add(new CohortAssignment(request.Learner, index.People[person2].Id, request.Skill, explained.Score, Kept: false, explained.Factors));
        }

        var bySkill = new Dictionary<int, List<int>>();
        for (var r = 0; r < graph.RequestCount; r++)
        {
            if (index.TrySkillOrdinal(graph.Requests[r].Skill, out var skill))
            {
                if (!bySkill.TryGetValue(skill, out var list))
                {
                    list = [];
                    bySkill[skill] = list;
                }

                list.Add(r);
            }
        }

        var unused = new List<UnusedMentor>();
        var mentors = prepared.Mentors;
        for (var person = 0; person < index.Count; person++)
        {
            if (!index.CanTeach[person] || !index.IsActiveAt(person, index.Snapshot.AsOf) || (mentors is not null && !mentors.Contains(index.People[person].Id)))
            {
                continue;
            }

            var slot = prepared.SlotOf[person];
            var free = index.Capacity[person] - index.ActiveCount[person] - prepared.Used[person] - (slot >= 0 ? taken[slot] : 0);
            if (free <= 0 || (slot >= 0 && taken[slot] > 0))
            {
                continue;
            }

            // How many of the round's requests they could have taken: each went to someone who fits it at least as
            // well (the certificate's dual prices say so), or the learner already has them for another skill.
            var could = false;
            foreach (var (skill, level) in index.Offers[person])
            {
                if (!could && bySkill.TryGetValue(skill, out var requests))
                {
                    var posting = index.MakePosting(person, level);
                    foreach (var r in requests)
                    {
                        if (prepared.Contexts[r].TryScore(in posting, prepared.Limits, out _))
                        {
                            could = true;
                            break;
                        }
                    }
                }
            }

            unused.Add(new UnusedMentor(index.People[person].Id, free, could ? UnusedMentorReason.OthersFitBetter : UnusedMentorReason.NoMatchingRequest));
        }

        var orderedPairs = pairs
            .OrderBy(p => p.Learner.AadObjectId, StringComparer.Ordinal)
            .ThenBy(p => p.Skill.Value, StringComparer.Ordinal)
            .ToArray();
        var orderedUnmatched = unmatched
            .OrderBy(u => u.Request.Learner.AadObjectId, StringComparer.Ordinal)
            .ThenBy(u => u.Request.Skill.Value, StringComparer.Ordinal)
            .ThenBy(u => u.Reason)
            .ToArray();
        return new CohortResult(orderedPairs, orderedUnmatched, unused) { TotalUnits = total, Certificate = certificate, RejectedPins = prepared.RejectedPins };
    }
}
