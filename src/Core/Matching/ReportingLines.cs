namespace MentorBot.Core.Matching;

/// <summary>
/// The manager forest as DFS enter/exit times, so "is A anywhere above or below B" is two comparisons instead of a
/// walk up the chain per candidate. HR data has cycles now and then (a stale manager field); a cycle is contracted
/// to one node, so everyone on it is in everyone else's reporting line and above everyone who reports into it.
/// </summary>
internal sealed class ReportingLines
{
    private readonly int[] _enter;
    private readonly int[] _exit;

    public ReportingLines(int[] managerOf)
    {
        var count = managerOf.Length;
        var parent = (int[])managerOf.Clone();
        var representative = new int[count];
        for (var person = 0; person < count; person++)
        {
            representative[person] = person;
        }

        var state = new byte[count];
        var path = new List<int>();
        for (var person = 0; person < count; person++)
        {
            path.Clear();
            var current = person;
            while (current >= 0 && state[current] == 0)
            {
                state[current] = 1;
                path.Add(current);
                current = parent[current];
            }

            if (current >= 0 && state[current] == 1)
            {
                // Everyone on the cycle becomes one node: each is above and below every other, and above
                // everyone who reports into any of them.
                for (var i = path.IndexOf(current); i < path.Count; i++)
                {
                    representative[path[i]] = current;
                }

                parent[current] = -1;
            }

            foreach (var visited in path)
            {
                state[visited] = 2;
            }
        }

        for (var person = 0; person < count; person++)
        {
            parent[person] = representative[person] != person ? -2 : parent[person] < 0 ? -1 : representative[parent[person]];
        }

        var firstChild = new int[count];
        var nextSibling = new int[count];
        Array.Fill(firstChild, -1);
        Array.Fill(nextSibling, -1);
        for (var person = count - 1; person >= 0; person--)
        {
            if (parent[person] >= 0)
            {
                nextSibling[person] = firstChild[parent[person]];
                firstChild[parent[person]] = person;
            }
        }

        _enter = new int[count];
        _exit = new int[count];
        var clock = 0;
        var stack = new Stack<(int Node, int Child)>();
        for (var root = 0; root < count; root++)
        {
            if (parent[root] != -1)
            {
                continue;
            }

            _enter[root] = clock++;
            stack.Push((root, firstChild[root]));
            while (stack.Count > 0)
            {
                var (node, child) = stack.Pop();
                if (child < 0)
                {
                    _exit[node] = clock++;
                    continue;
                }

                stack.Push((node, nextSibling[child]));
                _enter[child] = clock++;
                stack.Push((child, firstChild[child]));
            }
        }

        for (var person = 0; person < count; person++)
        {
            _enter[person] = _enter[representative[person]];
            _exit[person] = _exit[representative[person]];
        }
    }

    public int[] Enter => _enter;

    public int[] Exit => _exit;

    public bool AreInSameLine(int a, int b) => AreInSameLine(_enter[a], _exit[a], _enter[b], _exit[b]);

    /// <summary>One interval inside the other: one person is somewhere above the other.</summary>
    public static bool AreInSameLine(int enterA, int exitA, int enterB, int exitB) =>
        (enterA <= enterB && exitB <= exitA) || (enterB <= enterA && exitA <= exitB);
}
