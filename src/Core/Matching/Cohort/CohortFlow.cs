namespace MentorBot.Core.Matching.Cohort;

/// <summary>An optimal assignment of a graph and the linear-programming duals that prove it (decision 0261).</summary>
/// <param name="Assignment">Per request: the mentor slot, or -1.</param>
/// <param name="RequestDual">u[r] ≥ 0: what a request's best alternative would have to beat.</param>
/// <param name="MentorDual">v[m] ≥ 0: what one more place with this mentor would be worth; 0 while they have a free place.</param>
/// <param name="GateDual">g[(learner, mentor)] ≥ 0 for learners with several requests (the "different mentors" rule).</param>
internal sealed record CohortSolution(int[] Assignment, long[] Units, long[] RequestDual, long[] MentorDual, Dictionary<long, long> GateDual)
{
    public static long GateKey(int learner, int slot) => ((long)learner << 32) | (uint)slot;

    public long Gate(int learner, int slot) => GateDual.Count == 0 ? 0 : GateDual.GetValueOrDefault(GateKey(learner, slot));
}

/// <summary>
/// Maximum-weight assignment of requests to mentors with several places, where one learner's requests go to different
/// mentors: min-cost flow request → (gate learner×mentor, capacity 1, only for learners with several requests) →
/// mentor (capacity = free places) → sink, plus a "stay unmatched" arc per request of cost <c>ceiling</c>. Requests are
/// added one at a time; each takes the shortest augmenting path (Dijkstra on reduced costs with Johnson potentials,
/// stopping when the sink is settled, ties: sink first; only settled nodes' potentials move, which keeps every reduced
/// cost non-negative). The final potentials give the duals (u, v, g) of the assignment LP; <see cref="CohortCertifier"/>
/// checks them against every eligible pair.
/// </summary>
internal static class CohortFlow
{
    public static CohortSolution Solve(CohortGraph graph, long ceiling)
    {
        var requests = graph.RequestCount;
        var mentors = graph.MentorCount;

        // Gates only for learners with more than one request: everyone else's pairs cannot collide.
        var perLearner = new Dictionary<int, int>();
        foreach (var learner in graph.Learners)
        {
            perLearner[learner] = perLearner.GetValueOrDefault(learner) + 1;
        }

        var gateOf = new Dictionary<long, int>();
        var gateMentor = new List<int>();
        var target = new int[requests][];
        for (var r = 0; r < requests; r++)
        {
            var edges = graph.Edges[r];
            var targets = new int[edges.Length];
            var gated = perLearner[graph.Learners[r]] > 1;
            for (var e = 0; e < edges.Length; e++)
            {
                var slot = edges[e].Mentor;
                if (gated)
                {
                    var key = CohortSolution.GateKey(graph.Learners[r], slot);
                    if (!gateOf.TryGetValue(key, out var gate))
                    {
                        gate = gateMentor.Count;
                        gateOf[key] = gate;
                        gateMentor.Add(slot);
                    }

                    targets[e] = requests + gate;
                }
                else
                {
                    targets[e] = -1;
                }
            }

            target[r] = targets;
        }

        var gates = gateMentor.Count;
        var firstMentor = requests + gates;
        var sink = firstMentor + mentors;
        var nodes = sink + 1;
        for (var r = 0; r < requests; r++)
        {
            var edges = graph.Edges[r];
            for (var e = 0; e < edges.Length; e++)
            {
                if (target[r][e] < 0)
                {
                    target[r][e] = firstMentor + edges[e].Mentor;
                }
            }
        }

        // Flow state: where each request goes (edge index, or Unmatched), who uses each gate, who feeds each mentor.
        const int Unmatched = -2;
        const int Unplaced = -1;
        var via = new int[requests];
        Array.Fill(via, Unplaced);
        var gateUser = new int[gates];
        Array.Fill(gateUser, -1);
        var gateUsed = new bool[gates];
        var feeders = new List<int>[mentors];
        var load = new int[mentors];

        var potential = new long[nodes];
        var distance = new long[nodes];
        var parent = new int[nodes];
        var parentEdge = new int[nodes];
        var settled = new bool[nodes];
        Array.Fill(distance, long.MaxValue);
        var touched = new List<int>();
        var heap = new PriorityQueue<int, long>();

        long EdgeCost(int request, int edge) => ceiling - graph.Edges[request][edge].Units;

        void Relax(int from, int to, long reducedCost, int edge)
        {
            var candidate = distance[from] + reducedCost;
            if (candidate < distance[to])
            {
                if (distance[to] == long.MaxValue)
                {
                    touched.Add(to);
                }

                distance[to] = candidate;
                parent[to] = from;
                parentEdge[to] = edge;

                // Among equally short paths, settle the sink first: zero-cost plateaus are common after a few
                // augmentations, and stopping at the first shortest path avoids exploring them.
                heap.Enqueue(to, (candidate * 2) + (to == sink ? 0 : 1));
            }
        }

        for (var start = 0; start < requests; start++)
        {
            // Nothing leads into a request that has not been placed yet, so its potential is free to choose:
            // high enough that all its outgoing reduced costs are non-negative.
            var startPotential = potential[sink] - ceiling;
            for (var e = 0; e < graph.Edges[start].Length; e++)
            {
                startPotential = Math.Max(startPotential, potential[target[start][e]] - EdgeCost(start, e));
            }

            potential[start] = startPotential;
            touched.Clear();
            heap.Clear();
            distance[start] = 0;
            parent[start] = -1;
            touched.Add(start);
            heap.Enqueue(start, 1);

            while (heap.TryDequeue(out var node, out var key))
            {
                if (settled[node] || key >> 1 > distance[node])
                {
                    continue;
                }

                settled[node] = true;
                if (node == sink)
                {
                    break;
                }

                if (node < requests)
                {
                    var request = node;
                    var targets = target[request];
                    for (var e = 0; e < targets.Length; e++)
                    {
                        var to = targets[e];
                        if (via[request] != e && !settled[to])
                        {
                            Relax(node, to, EdgeCost(request, e) + potential[node] - potential[to], e);
                        }
                    }

                    if (via[request] != Unmatched)
                    {
                        Relax(node, sink, ceiling + potential[node] - potential[sink], -1);
                    }
                }
                else if (node < firstMentor)
                {
                    var gate = node - requests;
                    var mentorNode = firstMentor + gateMentor[gate];
                    if (!gateUsed[gate] && !settled[mentorNode])
                    {
                        Relax(node, mentorNode, potential[node] - potential[mentorNode], -1);
                    }

                    var user = gateUser[gate];
                    if (user >= 0 && !settled[user])
                    {
                        Relax(node, user, -EdgeCost(user, via[user]) + potential[node] - potential[user], -1);
                    }
                }
                else
                {
                    var mentor = node - firstMentor;
                    if (load[mentor] < graph.Capacity[mentor])
                    {
                        Relax(node, sink, potential[node] - potential[sink], -1);
                    }

                    if (feeders[mentor] is { } fed)
                    {
                        foreach (var from in fed)
                        {
                            if (!settled[from])
                            {
                                var cost = from < requests ? -EdgeCost(from, via[from]) : 0;
                                Relax(node, from, cost + potential[node] - potential[from], -1);
                            }
                        }
                    }
                }
            }

            var toSink = distance[sink];
            foreach (var node in touched)
            {
                if (settled[node] && distance[node] < toSink)
                {
                    potential[node] += distance[node] - toSink;
                }
            }

            // Flip the path from the sink back to the start: later steps first, so a node handed from one request to
            // the next is released before it is taken.
            var current = sink;
            while (current != start)
            {
                var from = parent[current];
                if (current == sink)
                {
                    if (from < requests)
                    {
                        via[from] = Unmatched;
                    }
                    else
                    {
                        load[from - firstMentor]++;
                    }
                }
                else if (from < requests)
                {
                    // request → gate or mentor: the request moves there.
                    via[from] = parentEdge[current];
                    if (current < firstMentor)
                    {
                        gateUser[current - requests] = from;
                    }
                    else
                    {
                        (feeders[current - firstMentor] ??= []).Add(from);
                    }
                }
                else if (from < firstMentor)
                {
                    var gate = from - requests;
                    if (current < requests)
                    {
                        // gate → request, backwards: the request leaves the gate (its next hop gives it a new place).
                        gateUser[gate] = -1;
                    }
                    else
                    {
                        // gate → mentor: the gate starts to carry its learner to this mentor.
                        gateUsed[gate] = true;
                        (feeders[current - firstMentor] ??= []).Add(from);
                    }
                }
                else
                {
                    // mentor → request or gate, backwards: it no longer feeds this mentor.
                    feeders[from - firstMentor]!.Remove(current);
                    if (current >= requests)
                    {
                        gateUsed[current - requests] = false;
                    }
                }

                current = from;
            }

            foreach (var node in touched)
            {
                distance[node] = long.MaxValue;
                settled[node] = false;
            }
        }

        return Duals(graph, target, via, gateOf, gateMentor, firstMentor, potential, sink);
    }

    private static CohortSolution Duals(
        CohortGraph graph,
        int[][] target,
        int[] via,
        Dictionary<long, int> gateOf,
        List<int> gateMentor,
        int firstMentor,
        long[] potential,
        int sink)
    {
        var requests = graph.RequestCount;
        var mentorDual = new long[graph.MentorCount];
        for (var m = 0; m < mentorDual.Length; m++)
        {
            mentorDual[m] = Math.Max(0, potential[sink] - potential[firstMentor + m]);
        }

        var gateDual = new Dictionary<long, long>();
        foreach (var (key, gate) in gateOf)
        {
            var value = potential[sink] - potential[requests + gate] - mentorDual[gateMentor[gate]];
            if (value > 0)
            {
                gateDual[key] = value;
            }
        }

        var assignment = new int[requests];
        var units = new long[requests];
        var requestDual = new long[requests];
        for (var r = 0; r < requests; r++)
        {
            if (via[r] < 0)
            {
                assignment[r] = -1;
                continue;
            }

            var (slot, value) = graph.Edges[r][via[r]];
            assignment[r] = slot;
            units[r] = value;
            var gate = target[r][via[r]] < firstMentor ? gateDual.GetValueOrDefault(CohortSolution.GateKey(graph.Learners[r], slot)) : 0;
            requestDual[r] = value - mentorDual[slot] - gate;
        }

        return new CohortSolution(assignment, units, requestDual, mentorDual, gateDual);
    }
}
