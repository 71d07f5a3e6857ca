using MentorBot.Core.Profiles;

namespace MentorBot.Core.Matching.Cohort;

/// <summary>
/// The sparse bipartite graph of a round: open requests × their top-N eligible mentors, with each mentor's free
/// places. Everything an assignment strategy sees; every edge already satisfies the hard constraints.
/// </summary>
internal sealed class CohortGraph
{
    public required CohortRequest[] Requests { get; init; }

    public required int[] Learners { get; init; }

    /// <summary>Per request: (mentor slot, score units), best first.</summary>
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

/// <summary>Everything around the assignment: canonical order, duplicates, kept pairs, graph, report.</summary>
internal static class CohortPlanner
{
    public static CohortResult Run(CandidateRanker ranker, MatchingIndex index, CohortRound round, Func<CohortGraph, int[]> assign)
    {
        var (graph, kept, unmatched, used) = Prepare(ranker, index, round);
        var assignment = assign(graph);
        return Report(ranker, index, graph, assignment, kept, unmatched, used, round.Mentors);
    }

    internal static (CohortGraph Graph, List<CohortAssignment> Kept, List<UnmatchedRequest> Unmatched, int[] Used) Prepare(CandidateRanker ranker, MatchingIndex index, CohortRound round)
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
        var previousMentors = new Dictionary<int, HashSet<int>>();
        foreach (var pair in round.PreviousPairs.OrderBy(p => p.Mentor.AadObjectId, StringComparer.Ordinal))
        {
            previous.TryAdd((pair.Learner, pair.Skill), pair.Mentor);
            if (!round.KeepPreviousPairs && index.TryIndexOf(pair.Learner, out var learner) && index.TryIndexOf(pair.Mentor, out var mentor))
            {
                if (!previousMentors.TryGetValue(learner, out var set))
                {
                    set = [];
                    previousMentors[learner] = set;
                }

                set.Add(mentor);
            }
        }

        var active = index.Snapshot.ActiveMentorships.ToHashSet();
        var seen = new HashSet<(UserId, Core.Skills.SkillId)>();
        var open = new List<(CohortRequest Request, int Learner)>();
        foreach (var request in ordered)
        {
            if (!seen.Add((request.Learner, request.Skill)))
            {
                unmatched.Add(new UnmatchedRequest(request, UnmatchedReason.DuplicateRequest, "The same request appears twice in this round."));
                continue;
            }

            if (!index.TryIndexOf(request.Learner, out var learner))
            {
                unmatched.Add(new UnmatchedRequest(request, UnmatchedReason.LearnerNotFound, "No profile for this learner."));
                continue;
            }

            if (round.KeepPreviousPairs
                && previous.TryGetValue((request.Learner, request.Skill), out var previousMentor)
                && index.TryIndexOf(previousMentor, out var mentor)
                && index.CanTeach[mentor]
                && index.IsActiveAt(mentor, index.Snapshot.AsOf)
                && !index.Lines.AreInSameLine(mentor, learner))
            {
                // A kept pair that is already a running mentorship is counted in the snapshot's load; one that is
                // not yet running takes a place now.
                if (!active.Contains(new ActiveMentorship(previousMentor, request.Learner, request.Skill)))
                {
                    used[mentor]++;
                }

                var match = new MatchRequest(request.Learner, request.Skill, AllowRepeat: true);
                var explained = ranker.Explain(index, learner, match, mentor, 0);
                var score = explained.Factors.Sum(f => f.Contribution);
                kept.Add(new CohortAssignment(request.Learner, previousMentor, request.Skill, Math.Round(score, 4), Kept: true, explained.Factors));
                continue;
            }

            open.Add((request, learner));
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

        var limits = new CohortLimits(index, inRound, used, previousMentors);
        var slots = new Dictionary<int, int>();
        var rawEdges = new List<(int Person, long Units)>[open.Count];
        for (var r = 0; r < open.Count; r++)
        {
            var (request, learner) = open[r];
            var candidates = ranker.Candidates(index, learner, new MatchRequest(request.Learner, request.Skill, AllowRepeat: request.AllowRepeat), ranker.Options.CohortCandidatesPerRequest, limits);
            rawEdges[r] = candidates;
            foreach (var (person, _) in candidates)
            {
                slots.TryAdd(person, 0);
            }
        }

        var mentorPeople = slots.Keys.Order().ToArray();
        for (var s = 0; s < mentorPeople.Length; s++)
        {
            slots[mentorPeople[s]] = s;
        }

        var graph = new CohortGraph
        {
            Requests = [.. open.Select(o => o.Request)],
            Learners = [.. open.Select(o => o.Learner)],
            Edges = [.. rawEdges.Select(edges => edges.Select(e => (slots[e.Person], e.Units)).ToArray())],
            MentorPeople = mentorPeople,
            Capacity = [.. mentorPeople.Select(p => index.Capacity[p] - index.ActiveCount[p] - used[p])],
        };
        return (graph, kept, unmatched, used);
    }

    private static CohortResult Report(
        CandidateRanker ranker,
        MatchingIndex index,
        CohortGraph graph,
        int[] assignment,
        List<CohortAssignment> kept,
        List<UnmatchedRequest> unmatched,
        int[] used,
        IReadOnlySet<UserId>? mentors)
    {
        var pairs = new List<CohortAssignment>(kept);
        var taken = new int[graph.MentorCount];
        var total = 0L;
        for (var r = 0; r < graph.RequestCount; r++)
        {
            var request = graph.Requests[r];
            var mentor = assignment[r];
            if (mentor < 0)
            {
                if (graph.Edges[r].Length > 0)
                {
                    unmatched.Add(new UnmatchedRequest(request, UnmatchedReason.MentorsTaken, graph.Edges[r].Length == 1
                        ? "The one person who could help was paired with someone they fit better this round."
                        : $"All {graph.Edges[r].Length} people who could help were paired with people they fit better this round."));
                }
                else
                {
                    var ranking = ranker.Rank(index, new MatchRequest(request.Learner, request.Skill, AllowRepeat: request.AllowRepeat), 1);
                    unmatched.Add(new UnmatchedRequest(request, UnmatchedReason.NoEligibleMentor, ranking.Candidates.Count > 0
                        ? "Everyone who could help is outside this round's mentors or has no places left."
                        : ranking.Summary));
                }

                continue;
            }

            taken[mentor]++;
            var units = graph.Edges[r].First(e => e.Mentor == mentor).Units;
            total += units;
            var person = graph.MentorPeople[mentor];
            var explained = ranker.Explain(index, graph.Learners[r], new MatchRequest(request.Learner, request.Skill, AllowRepeat: request.AllowRepeat), person, units);
            pairs.Add(new CohortAssignment(request.Learner, index.People[person].Id, request.Skill, explained.Score, Kept: false, explained.Factors));
        }

        var candidateSlot = new Dictionary<int, int>();
        for (var s = 0; s < graph.MentorCount; s++)
        {
            candidateSlot[graph.MentorPeople[s]] = s;
        }

        var unused = new List<UnusedMentor>();
        for (var person = 0; person < index.Count; person++)
        {
            if (!index.CanTeach[person] || !index.IsActiveAt(person, index.Snapshot.AsOf) || (mentors is not null && !mentors.Contains(index.People[person].Id)))
            {
                continue;
            }

            var isSlot = candidateSlot.TryGetValue(person, out var slot);
            var free = index.Capacity[person] - index.ActiveCount[person] - used[person] - (isSlot ? taken[slot] : 0);
            if (free > 0 && (!isSlot || taken[slot] == 0))
            {
                unused.Add(new UnusedMentor(index.People[person].Id, free, isSlot ? UnusedMentorReason.OthersFitBetter : UnusedMentorReason.NoMatchingRequest));
            }
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
        return new CohortResult(orderedPairs, orderedUnmatched, unused) { TotalUnits = total };
    }
}
