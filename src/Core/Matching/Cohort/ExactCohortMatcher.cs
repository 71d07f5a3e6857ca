namespace MentorBot.Core.Matching.Cohort;

/// <summary>
/// The assignment with the highest total score over the sparse candidate graph, exactly: min-cost flow by
/// successive shortest paths with potentials (the Hungarian method generalised to mentors with several places).
/// Deterministic: requests in canonical order, edges best first, ties by id.
/// </summary>
public sealed class ExactCohortMatcher(CandidateRanker ranker) : ICohortMatcher
{
    public CohortResult Match(MatchingIndex index, CohortRound round) => CohortPlanner.Run(ranker, index, round, MinCostAssignment.Solve);
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
        foreach (var (_, request, mentor) in edges)
        {
            if (assignment[request] < 0 && free[mentor] > 0)
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
        var open = new List<int>();
        foreach (var request in order)
        {
            open.Clear();
            foreach (var (mentor, _) in graph.Edges[request])
            {
                if (free[mentor] > 0)
                {
                    open.Add(mentor);
                }
            }

            if (open.Count > 0)
            {
                var chosen = open[random.Next(open.Count)];
                assignment[request] = chosen;
                free[chosen]--;
            }
        }

        return assignment;
    }
}
