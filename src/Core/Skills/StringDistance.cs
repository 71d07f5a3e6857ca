namespace MentorBot.Core.Skills;

/// <summary>
/// Optimal-string-alignment Damerau-Levenshtein distance: insertions, deletions, substitutions and adjacent
/// transpositions ("chatgtp" → "chatgpt" is one edit), the typos people make in chat.
/// </summary>
internal static class StringDistance
{
    public static int DamerauLevenshtein(string a, string b, int limit = int.MaxValue)
    {
        if (Math.Abs(a.Length - b.Length) > limit)
        {
            return limit + 1;
        }

        var n = a.Length;
        var m = b.Length;
        if (n == 0)
        {
            return m;
        }

        if (m == 0)
        {
            return n;
        }

        Span<int> buffer = (m + 1) * 3 <= 512 ? stackalloc int[(m + 1) * 3] : new int[(m + 1) * 3];
        var previous2 = buffer[..(m + 1)];
        var previous = buffer.Slice(m + 1, m + 1);
        var current = buffer.Slice(2 * (m + 1), m + 1);
        for (var j = 0; j <= m; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= n; i++)
        {
            current[0] = i;
            var rowMin = current[0];
            for (var j = 1; j <= m; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, previous2[j - 2] + 1);
                }

                current[j] = value;
                rowMin = Math.Min(rowMin, value);
            }

            if (rowMin > limit)
            {
                return limit + 1;
            }

            var recycled = previous2;
            previous2 = previous;
            previous = current;
            current = recycled;
        }

        return previous[m];
    }

    /// <summary>1 for equal strings, 0 for nothing in common.</summary>
    public static double Similarity(string a, string b)
    {
        var longest = Math.Max(a.Length, b.Length);
        return longest == 0 ? 1 : 1.0 - (double)DamerauLevenshtein(a, b) / longest;
    }
}
