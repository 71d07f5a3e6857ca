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
/// stopping at the first node that still needs a unit, ties: that node first; only settled nodes' potentials move,
/// which keeps every reduced cost non-negative). The final potentials give the duals (u, v, g) of the assignment LP;
/// <see cref="CohortCertifier"/> checks them against every eligible pair.
/// </summary>
/// <remarks>
/// Warm re-solve (decision 0260): when column generation adds edges, the flow and potentials stay. A request with a new
/// edge of negative reduced cost gives back its first arc (it becomes a unit to place, the node it left becomes a unit
/// short), its potential is raised so every arc out of it is non-negative again, and it is re-placed by a shortest path
/// to the nearest node that is short (successive shortest paths on a pseudoflow). Only those requests search.
/// Node layout: requests, mentors, sink, then gates (gates grow as columns arrive).
/// </remarks>
internal sealed class CohortFlow
{
    private const int Unmatched = -2;
    private const int Unplaced = -1;

    private readonly CohortGraph graph;
    private readonly long ceiling;
    private readonly int requests;
    private readonly int mentors;
    private readonly int sink;
    private readonly bool[] gated;
    private readonly Dictionary<long, int> gateOf = [];
    private readonly Dictionary<long, (int Request, int Edge)> direct = [];
    private readonly List<int> gateMentor = [];
    private readonly List<int> gateUser = [];
    private readonly List<bool> gateUsed = [];
    private readonly int[][] target;
    private readonly int[] via;
    private readonly List<int>?[] feeders;
    private readonly int[] load;
    private readonly List<int> touched = [];
    private readonly PriorityQueue<int, long> heap = new();
    private long[] potential = null!;
    private long[] distance;
    private int[] parent;
    private int[] parentEdge;
    private bool[] settled;
    private int[] shortBy;

    public CohortFlow(CohortGraph graph, long ceiling)
    {
        this.graph = graph;
        this.ceiling = ceiling;
        requests = graph.RequestCount;
        mentors = graph.MentorCount;
        sink = requests + mentors;

        // Gates only for learners with more than one request: everyone else's pairs cannot collide.
        var perLearner = new Dictionary<int, int>();
        foreach (var learner in graph.Learners)
        {
            perLearner[learner] = perLearner.GetValueOrDefault(learner) + 1;
        }

        gated = new bool[requests];
        var shared = new Dictionary<long, int>();
        for (var r = 0; r < requests; r++)
        {
            gated[r] = perLearner[graph.Learners[r]] > 1;
            if (gated[r])
            {
                foreach (var (slot, _) in graph.Edges[r])
                {
                    var key = CohortSolution.GateKey(graph.Learners[r], slot);
                    shared[key] = shared.GetValueOrDefault(key) + 1;
                }
            }
        }

        via = new int[requests];
        Array.Fill(via, Unplaced);
        feeders = new List<int>?[mentors];
        load = new int[mentors];
        target = new int[requests][];
        for (var r = 0; r < requests; r++)
        {
            target[r] = Targets(r, graph.Edges[r], 0, shared);
        }

        var nodes = sink + 1 + gateMentor.Count;
        potential = new long[nodes];
        distance = new long[nodes];
        parent = new int[nodes];
        parentEdge = new int[nodes];
        settled = new bool[nodes];
        shortBy = new int[nodes];
        Array.Fill(distance, long.MaxValue);
    }

    /// <summary>Solves a graph from scratch.</summary>
    public static CohortSolution Solve(CohortGraph graph, long ceiling)
    {
        var flow = new CohortFlow(graph, ceiling);
        flow.PlaceAll();
        return flow.Solution();
    }

    /// <summary>Places every request, one shortest path each.</summary>
    public void PlaceAll()
    {
        shortBy[sink] = requests;

        // Any order gives an optimum; strongest requests first is much faster when many requests compete for few
        // mentors: the mentors' prices rise early, so a weaker request that cannot win settles the sink at once
        // instead of searching the crowd (decision 0260). Ties by index, so the order is deterministic.
        var order = new int[requests];
        var best = new long[requests];
        for (var r = 0; r < requests; r++)
        {
            order[r] = r;
            best[r] = graph.Edges[r].Length > 0 ? graph.Edges[r].Max(e => e.Units) : long.MinValue;
        }

        Array.Sort(order, (a, b) => best[a] != best[b] ? best[b].CompareTo(best[a]) : a.CompareTo(b));
        foreach (var start in order)
        {
            Place(start);
        }
    }

    /// <summary>
    /// Adds edges to request <paramref name="r"/> (appended, so the request's current edge keeps its index).
    /// Returns whether one of them has a negative reduced cost, i.e. the request must be re-placed by <see cref="Repair"/>.
    /// </summary>
    public bool AddEdges(int r, ReadOnlySpan<(int Mentor, long Units)> added)
    {
        var edges = graph.Edges[r];
        var grown = new (int Mentor, long Units)[edges.Length + added.Length];
        edges.CopyTo(grown, 0);
        added.CopyTo(grown.AsSpan(edges.Length));
        graph.Edges[r] = grown;
        var targets = Targets(r, added, edges.Length, null);

        var old = target[r];
        var all = new int[old.Length + targets.Length];
        old.CopyTo(all, 0);
        targets.CopyTo(all, old.Length);
        target[r] = all;
        for (var e = edges.Length; e < grown.Length; e++)
        {
            if (EdgeCost(r, e) + potential[r] - potential[all[e]] < 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Re-places the given requests (those <see cref="AddEdges"/> flagged) from the current optimum.</summary>
    public void Repair(IReadOnlyList<int> flagged)
    {
        foreach (var r in flagged)
        {
            // Give back the first arc: the request is a unit to place, the node it fed is a unit short.
            var e = via[r];
            if (e == Unmatched)
            {
                shortBy[sink]++;
            }
            else
            {
                var to = target[r][e];
                shortBy[to]++;
                if (to > sink)
                {
                    gateUser[to - sink - 1] = -1;
                }
                else
                {
                    feeders[to - requests]!.Remove(r);
                }
            }

            via[r] = Unplaced;
        }

        foreach (var r in flagged)
        {
            Place(r);
        }
    }

    public CohortSolution Solution()
    {
        var mentorDual = new long[mentors];
        for (var m = 0; m < mentors; m++)
        {
            mentorDual[m] = Math.Max(0, potential[sink] - potential[requests + m]);
        }

        var gateDual = new Dictionary<long, long>();
        foreach (var (key, gate) in gateOf)
        {
            var value = potential[sink] - potential[sink + 1 + gate] - mentorDual[gateMentor[gate]];
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
            var gate = target[r][via[r]] > sink ? gateDual.GetValueOrDefault(CohortSolution.GateKey(graph.Learners[r], slot)) : 0;
            requestDual[r] = value - mentorDual[slot] - gate;
        }

        return new CohortSolution(assignment, units, requestDual, mentorDual, gateDual);
    }

    private int[] Targets(int r, ReadOnlySpan<(int Mentor, long Units)> edges, int offset, Dictionary<long, int>? shared)
    {
        var targets = new int[edges.Length];
        for (var e = 0; e < edges.Length; e++)
        {
            var slot = edges[e].Mentor;
            if (!gated[r])
            {
                targets[e] = requests + slot;
                continue;
            }

            // A gate only where two of the learner's requests can reach the same mentor; a pair only one request can
            // reach needs none (most of them: different skills, different mentors).
            var key = CohortSolution.GateKey(graph.Learners[r], slot);
            if (gateOf.TryGetValue(key, out var gate))
            {
                targets[e] = sink + 1 + gate;
            }
            else if (shared is not null && shared[key] > 1)
            {
                targets[e] = NewGate(key, slot);
            }
            else if (direct.Remove(key, out var other))
            {
                // A second request of this learner reaches the mentor: put a gate in front of the first one's edge.
                var node = NewGate(key, slot);
                target[other.Request][other.Edge] = node;
                if (via[other.Request] == other.Edge)
                {
                    gateUser[node - sink - 1] = other.Request;
                    gateUsed[node - sink - 1] = true;
                    var fed = feeders[slot]!;
                    fed[fed.IndexOf(other.Request)] = node;
                }

                targets[e] = node;
            }
            else
            {
                direct[key] = (r, offset + e);
                targets[e] = requests + slot;
            }
        }

        return targets;
    }

    /// <summary>
    /// A gate starts level with its mentor: gate → mentor costs 0 and an arc into it is priced exactly like the arc
    /// straight to the mentor it replaces, so every reduced cost stays non-negative.
    /// </summary>
    private int NewGate(long key, int slot)
    {
        var gate = gateMentor.Count;
        gateOf[key] = gate;
        gateMentor.Add(slot);
        gateUser.Add(-1);
        gateUsed.Add(false);
        var node = sink + 1 + gate;
        if (potential is not null)
        {
            Grow(node + 1);
            potential[node] = potential[requests + slot];
        }

        return node;
    }

    private void Grow(int nodes)
    {
        if (nodes <= potential.Length)
        {
            return;
        }

        var size = Math.Max(nodes, potential.Length * 3 / 2);
        var old = potential.Length;
        Array.Resize(ref potential, size);
        Array.Resize(ref distance, size);
        Array.Resize(ref parent, size);
        Array.Resize(ref parentEdge, size);
        Array.Resize(ref settled, size);
        Array.Resize(ref shortBy, size);
        Array.Fill(distance, long.MaxValue, old, size - old);
    }

    private long EdgeCost(int request, int edge) => ceiling - graph.Edges[request][edge].Units;

    private void Relax(int from, int to, long reducedCost, int edge)
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

            // Among equally short paths, settle a node that needs a unit first: zero-cost plateaus are common after a
            // few augmentations, and stopping at the first shortest path avoids exploring them.
            heap.Enqueue(to, (candidate * 2) + (shortBy[to] > 0 ? 0 : 1));
        }
    }

    /// <summary>Sends request <paramref name="start"/>'s unit along a shortest path to the nearest node that is short.</summary>
    private void Place(int start)
    {
        // Nothing leads into an unplaced request, so its potential is free to choose: high enough that all its
        // outgoing reduced costs are non-negative.
        var startPotential = potential[sink] - ceiling;
        var targets0 = target[start];
        for (var e = 0; e < targets0.Length; e++)
        {
            startPotential = Math.Max(startPotential, potential[targets0[e]] - EdgeCost(start, e));
        }

        potential[start] = startPotential;
        touched.Clear();
        heap.Clear();
        distance[start] = 0;
        parent[start] = -1;
        touched.Add(start);
        heap.Enqueue(start, 1);
        var end = -1;

        while (heap.TryDequeue(out var node, out var key))
        {
            if (settled[node] || key >> 1 > distance[node])
            {
                continue;
            }

            settled[node] = true;
            if (shortBy[node] > 0)
            {
                end = node;
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

                if (via[request] != Unmatched && !settled[sink])
                {
                    Relax(node, sink, ceiling + potential[node] - potential[sink], -1);
                }
            }
            else if (node < sink)
            {
                var mentor = node - requests;
                if (load[mentor] < graph.Capacity[mentor] && !settled[sink])
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
            else if (node == sink)
            {
                // Only while repairing (the sink has all it needs): backwards to the mentors and unmatched requests.
                for (var m = 0; m < mentors; m++)
                {
                    var to = requests + m;
                    if (load[m] > 0 && !settled[to])
                    {
                        Relax(node, to, potential[node] - potential[to], -1);
                    }
                }

                for (var r = 0; r < requests; r++)
                {
                    if (via[r] == Unmatched && !settled[r])
                    {
                        Relax(node, r, -ceiling + potential[node] - potential[r], -1);
                    }
                }
            }
            else
            {
                var gate = node - sink - 1;
                var mentorNode = requests + gateMentor[gate];
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
        }

        if (end < 0)
        {
            throw new InvalidOperationException("No node to send a request's unit to; the flow is inconsistent.");
        }

        var toEnd = distance[end];
        foreach (var node in touched)
        {
            if (settled[node] && distance[node] < toEnd)
            {
                potential[node] += distance[node] - toEnd;
            }
        }

        shortBy[end]--;

        // Flip the path from the end back to the start: later steps first, so a node handed from one request to
        // the next is released before it is taken.
        var current = end;
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
                    load[from - requests]++;
                }
            }
            else if (from < requests)
            {
                // request → gate or mentor: the request moves there.
                via[from] = parentEdge[current];
                if (current > sink)
                {
                    gateUser[current - sink - 1] = from;
                }
                else
                {
                    (feeders[current - requests] ??= []).Add(from);
                }
            }
            else if (from == sink)
            {
                // sink → mentor backwards: one unit less to the sink. sink → request backwards: the request leaves
                // "unmatched" (its next hop, already flipped, gave it a new place).
                if (current < sink)
                {
                    if (current >= requests)
                    {
                        load[current - requests]--;
                    }
                }
            }
            else if (from > sink)
            {
                var gate = from - sink - 1;
                if (current < requests)
                {
                    // gate → request, backwards: the request leaves the gate (its next hop gives it a new place).
                    gateUser[gate] = -1;
                }
                else
                {
                    // gate → mentor: the gate starts to carry its learner to this mentor.
                    gateUsed[gate] = true;
                    (feeders[current - requests] ??= []).Add(from);
                }
            }
            else
            {
                // mentor → request or gate, backwards: it no longer feeds this mentor.
                feeders[from - requests]!.Remove(current);
                if (current > sink)
                {
                    gateUsed[current - sink - 1] = false;
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
}
