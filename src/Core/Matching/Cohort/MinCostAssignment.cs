namespace MentorBot.Core.Matching.Cohort;

/// <summary>
/// Maximum-weight assignment of requests to mentors with capacities, as min-cost flow. Requests are added one at a
/// time; each gets the shortest augmenting path (Dijkstra on reduced costs, Johnson potentials) from itself to the
/// sink. A per-request "stay unmatched" edge makes every request assignable, and shifting each request's costs by
/// the same constant (<c>cost = ceiling − score</c>) keeps them non-negative without changing the optimum, since
/// every request takes exactly one edge. Dijkstra stops when the sink is settled; only settled nodes' potentials
/// move (by dist − dist(sink)), which keeps all reduced costs non-negative.
/// </summary>
internal static class MinCostAssignment
{
    public static int[] Solve(CohortGraph graph)
    {
        var requests = graph.RequestCount;
        var mentors = graph.MentorCount;
        var sink = requests + mentors;
        var nodes = sink + 1;

        var ceiling = 1L;
        foreach (var edges in graph.Edges)
        {
            foreach (var (_, units) in edges)
            {
                ceiling = Math.Max(ceiling, units + 1);
            }
        }

        var assignment = new int[requests];
        Array.Fill(assignment, -1);
        var unmatchedChosen = new bool[requests];
        var load = new int[mentors];
        var assigned = new List<int>[mentors];
        for (var m = 0; m < mentors; m++)
        {
            assigned[m] = [];
        }

        var potential = new long[nodes];
        var distance = new long[nodes];
        var parent = new int[nodes];
        var settled = new bool[nodes];
        Array.Fill(distance, long.MaxValue);
        var touched = new List<int>();
        var heap = new PriorityQueue<int, long>();

        long Cost(int request, int mentorSlot)
        {
            foreach (var (mentor, units) in graph.Edges[request])
            {
                if (mentor == mentorSlot)
                {
                    return ceiling - units;
                }
            }

            throw new InvalidOperationException("Edge not in graph.");
        }

        for (var start = 0; start < requests; start++)
        {
            // Nothing leads into a request that has not been placed yet, so its potential is free to choose:
            // high enough that all its outgoing reduced costs are non-negative.
            var startPotential = potential[sink] - ceiling;
            foreach (var (mentor, units) in graph.Edges[start])
            {
                startPotential = Math.Max(startPotential, potential[requests + mentor] - (ceiling - units));
            }

            potential[start] = startPotential;

            touched.Clear();
            heap.Clear();
            distance[start] = 0;
            parent[start] = -1;
            touched.Add(start);
            heap.Enqueue(start, 1);

            void Relax(int from, int to, long reducedCost)
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

                    // Among equally short paths, settle the sink first: zero-cost plateaus are common after a few
                    // augmentations, and stopping at the first shortest path avoids exploring them.
                    heap.Enqueue(to, (candidate * 2) + (to == sink ? 0 : 1));
                }
            }

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
                    foreach (var (mentor, units) in graph.Edges[request])
                    {
                        var to = requests + mentor;
                        if (assignment[request] != mentor && !settled[to])
                        {
                            Relax(node, to, ceiling - units + potential[node] - potential[to]);
                        }
                    }

                    if (!unmatchedChosen[request])
                    {
                        Relax(node, sink, ceiling + potential[node] - potential[sink]);
                    }
                }
                else
                {
                    var mentor = node - requests;
                    if (load[mentor] < graph.Capacity[mentor])
                    {
                        Relax(node, sink, potential[node] - potential[sink]);
                    }

                    foreach (var request in assigned[mentor])
                    {
                        if (!settled[request])
                        {
                            Relax(node, request, -Cost(request, mentor) + potential[node] - potential[request]);
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

            // Walk the path back from the sink and flip every edge on it.
            var current = sink;
            var previous = parent[sink];
            if (previous < requests)
            {
                unmatchedChosen[previous] = true;
                assignment[previous] = -1;
            }
            else
            {
                load[previous - requests]++;
            }

            current = previous;
            while (parent[current] >= 0)
            {
                previous = parent[current];
                if (current >= requests)
                {
                    // request → mentor: the request moves to this mentor.
                    var mentor = current - requests;
                    assignment[previous] = mentor;
                    unmatchedChosen[previous] = false;
                    assigned[mentor].Add(previous);
                }
                else
                {
                    // mentor → request: the request leaves this mentor (its next hop gives it a new place).
                    assigned[previous - requests].Remove(current);
                }

                current = previous;
            }

            foreach (var node in touched)
            {
                distance[node] = long.MaxValue;
                settled[node] = false;
            }
        }

        return assignment;
    }
}
