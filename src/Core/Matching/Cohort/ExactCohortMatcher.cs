namespace MentorBot.Core.Matching.Cohort;

/// <summary>
/// The assignment with the highest total score over every eligible pair of the round, with a certificate that says
/// so (decisions 0041, 0260, 0261): min-cost flow on the top-N graph, grown by column generation until the dual prices
/// show that no left-out pair can improve the total. One learner's requests go to different mentors (decision 0263).
/// Deterministic: requests in canonical order, edges best first, ties by id.
/// </summary>
public sealed class ExactCohortMatcher(CandidateRanker ranker) : ICohortMatcher
{
    public CohortResult Match(MatchingIndex index, CohortRound round) => CohortPlanner.RunCertified(ranker, index, round);
}

/// <summary>
/// Before decision 0260: exact over the top-N graph only, no certificate. Kept for the benchmark ("today's sparse")
/// and as a regression reference; not registered.
/// </summary>
internal sealed class SparseCohortMatcher(CandidateRanker ranker) : ICohortMatcher
{
    public CohortResult Match(MatchingIndex index, CohortRound round) =>
        CohortPlanner.Run(ranker, index, round, graph => CohortFlow.Solve(graph, Ceiling(graph)).Assignment);

    private static long Ceiling(CohortGraph graph) => graph.Edges.SelectMany(e => e).Select(e => e.Units + 1).DefaultIfEmpty(1).Max();
}

/// <summary>Best pair first, as a person with a spreadsheet would: fast, often good, not optimal.</summary>
public sealed class GreedyCohortMatcher(CandidateRanker ranker) : ICohortMatcher
{
    public CohortResult Match(MatchingIndex index, CohortRound round) => CohortPlanner.Run(ranker, index, round, Assign);

    internal static int[] Assign(CohortGraph graph)
    {
        var edges = new List<(long Units, int Request, int Mentor)>();
        for (var r = 0; r < graph.RequestCount; r++)
        {
            foreach (var (mentor, units) in graph.Edges[r])
            {
                edges.Add((units, r, mentor));
            }
        }

        edges.Sort((a, b) => a.Units != b.Units ? b.Units.CompareTo(a.Units) : a.Request != b.Request ? a.Request.CompareTo(b.Request) : a.Mentor.CompareTo(b.Mentor));
        var assignment = new int[graph.RequestCount];
        Array.Fill(assignment, -1);
        var free = (int[])graph.Capacity.Clone();
        var paired = new HashSet<long>();
        foreach (var (_, request, mentor) in edges)
        {
            if (assignment[request] < 0 && free[mentor] > 0 && paired.Add(CohortSolution.GateKey(graph.Learners[request], mentor)))
            {
                assignment[request] = mentor;
                free[mentor]--;
            }
        }

        return assignment;
    }
}

/// <summary>
/// The Icebreaker baseline: requests in random order, each paired with a random eligible mentor who still has a
/// place. It respects the hard constraints (so the comparison is about quality, not safety) but not the scores.
/// </summary>
public sealed class RandomCohortMatcher(CandidateRanker ranker, Random random) : ICohortMatcher
{
    public CohortResult Match(MatchingIndex index, CohortRound round) => CohortPlanner.Run(ranker, index, round, Assign);

    private int[] Assign(CohortGraph graph)
    {
        var order = Enumerable.Range(0, graph.RequestCount).ToArray();
        random.Shuffle(order);
        var assignment = new int[graph.RequestCount];
        Array.Fill(assignment, -1);
        var free = (int[])graph.Capacity.Clone();
        var paired = new HashSet<long>();
        var open = new List<int>();
        foreach (var request in order)
        {
            open.Clear();
            foreach (var (mentor, _) in graph.Edges[request])
            {
                if (free[mentor] > 0 && !paired.Contains(CohortSolution.GateKey(graph.Learners[request], mentor)))
                {
                    open.Add(mentor);
                }
            }

            if (open.Count > 0)
            {
                var chosen = open[random.Next(open.Count)];
                assignment[request] = chosen;
                free[chosen]--;
                paired.Add(CohortSolution.GateKey(graph.Learners[request], chosen));
            }
        }

        return assignment;
    }
}
