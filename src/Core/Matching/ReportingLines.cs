namespace MentorBot.Core.Matching;

/// <summary>
/// The manager forest as DFS enter/exit times, so "is A anywhere above or below B" is two comparisons instead of a
/// walk up the chain per candidate. HR data has cycles now and then (a stale manager field); a cycle is cut at one
/// edge, which turns it into a chain: everyone in it still counts as in everyone else's reporting line.
/// </summary>
internal sealed class ReportingLines
{
    private readonly int[] _enter;
    private readonly int[] _exit;

    public ReportingLines(int[] managerOf)
    {
        var count = managerOf.Length;
        var parent = (int[])managerOf.Clone();
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
                parent[path[^1]] = -1;
            }

            foreach (var visited in path)
            {
                state[visited] = 2;
            }
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
            if (parent[root] >= 0)
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
    }

    public bool AreInSameLine(int a, int b) => IsAbove(a, b) || IsAbove(b, a);

    private bool IsAbove(int manager, int report) => _enter[manager] <= _enter[report] && _exit[report] <= _exit[manager];
}
