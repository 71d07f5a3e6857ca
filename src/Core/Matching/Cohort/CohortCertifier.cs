namespace MentorBot.Core.Matching.Cohort;

/// <summary>
/// Exact over every eligible pair without materialising them (decision 0260): solve the top-N graph, then price every
/// eligible pair left out with the solution's dual prices. A pair (r, m) can improve the total only if its score beats
/// u[r] + v[m] + g[learner, m]; those pairs join the graph and the graph is solved again, until none does. Then the
/// duals are feasible for the whole eligible graph, so their sum is an upper bound on any assignment (weak duality),
/// and it equals the total found: the certificate (decision 0261).
/// </summary>
/// <remarks>
/// Pricing walks each request's postings best level first and stops where even a perfect pair at that level could not
/// beat u[r] (v and g are never negative), so a request that got a strong pair is priced in a few postings.
/// </remarks>
internal static class CohortCertifier
{
    public static (int[] Assignment, CohortCertificate Certificate) Solve(PreparedRound prepared, int batch)
    {
        var graph = prepared.Graph;
        var contexts = prepared.Contexts;
        var ceiling = 1L;
        foreach (var context in contexts)
        {
            ceiling = Math.Max(ceiling, context.UpperBound((int)Skills.SkillLevel.Expert) + 1);
        }

        var initialEdges = graph.Edges.Sum(e => e.Length);
        var inGraph = new int[prepared.SlotOf.Length];
        var violators = new List<(long Gain, int Mentor, long Units)>();
        var best = new PriorityQueue<long, long>();
        var iterations = 0;
        var priced = 0L;
        var flow = new CohortFlow(graph, ceiling);
        flow.PlaceAll();
        var flagged = new List<int>();
        CohortSolution solution;
        while (true)
        {
            iterations++;
            solution = flow.Solution();
            flagged.Clear();
            var added = 0;
            priced = 0;
            for (var r = 0; r < graph.RequestCount; r++)
            {
                // Nothing left out of the first graph scores more than OutsideBound, and a pair must beat u[r] (v and
                // g are never negative) to improve the round: such a request needs no pricing at all.
                var u = solution.RequestDual[r];
                if (prepared.OutsideBound[r] <= u)
                {
                    continue;
                }

                var stamp = (iterations * graph.RequestCount) + r + 1;
                foreach (var (slot, _) in graph.Edges[r])
                {
                    inGraph[graph.MentorPeople[slot]] = stamp;
                }

                violators.Clear();
                best.Clear();
                var floor = 0L;
                var context = contexts[r];
                var postings = context.Postings(prepared.Limits);
                var minimum = context.MinimumMentorLevel;
                var learner = graph.Learners[r];
                var bucket = -1;
                for (var k = 0; k < postings.Length; k++)
                {
                    ref readonly var posting = ref postings[k];
                    var level = (int)posting.Level;
                    if (level < minimum)
                    {
                        break;
                    }

                    if (level != bucket)
                    {
                        bucket = level;
                        if (context.UpperBound(level) <= u + floor)
                        {
                            break;
                        }
                    }

                    if (inGraph[posting.Person] == stamp)
                    {
                        continue;
                    }

                    // A mentor whose places are worth more than any pair this posting could make is skipped unchecked,
                    // and so is one that could not enter this pass's best batch.
                    var slot = prepared.SlotOf[posting.Person];
                    if (context.QuickBound(in posting) <= u + solution.MentorDual[slot] + floor)
                    {
                        continue;
                    }

                    priced++;
                    if (!context.TryScore(in posting, prepared.Limits, out var units))
                    {
                        continue;
                    }

                    var gain = units - u - solution.MentorDual[slot] - solution.Gate(learner, slot);
                    if (gain > floor)
                    {
                        violators.Add((gain, slot, units));

                        // Once a batch is found, only a pair that beats its weakest gain matters this pass: the
                        // level and posting bounds above then stop the scan early (the last pass finds none, so it
                        // scans in full, which is what the certificate needs).
                        if (best.Count < batch)
                        {
                            best.Enqueue(gain, gain);
                        }
                        else
                        {
                            best.DequeueEnqueue(gain, gain);
                        }

                        if (best.Count == batch)
                        {
                            floor = best.Peek();
                        }
                    }
                }

                if (violators.Count > 0)
                {
                    violators.Sort((a, b) => a.Gain != b.Gain ? b.Gain.CompareTo(a.Gain) : a.Mentor.CompareTo(b.Mentor));
                    var take = Math.Min(violators.Count, batch);
                    var columns = new (int Mentor, long Units)[take];
                    for (var i = 0; i < take; i++)
                    {
                        columns[i] = (violators[i].Mentor, violators[i].Units);
                    }

                    if (flow.AddEdges(r, columns))
                    {
                        flagged.Add(r);
                    }

                    added += take;
                }
            }

            if (added == 0)
            {
                break;
            }

            // Warm: only the requests a new column could improve search again (decision 0260).
            flow.Repair(flagged);
        }

        return (solution.Assignment, Certify(graph, solution, iterations, initialEdges, priced));
    }

    /// <summary>Checks the duals on the graph's own edges (pricing checked the rest) and adds up both sides.</summary>
    private static CohortCertificate Certify(CohortGraph graph, CohortSolution solution, int iterations, int initialEdges, long priced)
    {
        var feasible = true;
        var total = 0L;
        var bound = 0L;
        for (var r = 0; r < graph.RequestCount; r++)
        {
            var u = solution.RequestDual[r];
            feasible &= u >= 0;
            bound += u;
            total += solution.Units[r];
            foreach (var (slot, units) in graph.Edges[r])
            {
                feasible &= units <= u + solution.MentorDual[slot] + solution.Gate(graph.Learners[r], slot);
            }
        }

        for (var m = 0; m < graph.MentorCount; m++)
        {
            feasible &= solution.MentorDual[m] >= 0;
            bound += solution.MentorDual[m] * graph.Capacity[m];
        }

        foreach (var gate in solution.GateDual.Values)
        {
            feasible &= gate >= 0;
            bound += gate;
        }

        return new CohortCertificate(total / CandidateRanker.UnitsPerPoint, bound / CandidateRanker.UnitsPerPoint, feasible, iterations, initialEdges, graph.Edges.Sum(e => e.Length))
        {
            TotalUnits = total,
            DualBoundUnits = bound,
            PairsPriced = priced,
        };
    }
}
