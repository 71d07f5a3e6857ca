using System.Numerics;

namespace MentorBot.Core.Skills;

public enum SkillMatchKind
{
    /// <summary>The skill's name, id or an alias, word for word (case and accents ignored).</summary>
    Exact,

    /// <summary>The same letters with different spacing ("PowerBI", "tik tok").</summary>
    Compact,

    /// <summary>Close enough to a name or alias to be a typo ("chatgtp").</summary>
    Typo,
}

/// <summary>A skill found in free text. <paramref name="Confidence"/> is 1 for an exact phrase, lower for typos.</summary>
public sealed record SkillMatch(SkillDefinition Skill, double Confidence, SkillMatchKind Kind, string MatchedText, int Position);

/// <summary>A skill the text might have meant, offered when nothing matched confidently.</summary>
public sealed record SkillSuggestion(SkillDefinition Skill, double Similarity);

/// <summary>Skills found in a message, best first; suggestions when nothing matched.</summary>
public sealed record SkillResolution(IReadOnlyList<SkillMatch> Matches, IReadOnlyList<SkillSuggestion> Suggestions)
{
    public static SkillResolution Nothing { get; } = new([], []);

    public SkillMatch? Best => Matches.Count > 0 ? Matches[0] : null;

    public bool IsRecognised => Matches.Count > 0;
}

/// <summary>
/// Finds catalog skills in what people type: "can someone help me get started with power bi dashboards?",
/// "TikTok", "chatgtp", "négociation". Pure and thread-safe; build once per catalog.
/// </summary>
public sealed class SkillResolver
{
    /// <summary>Typo matches below this similarity become suggestions instead.</summary>
    public const double MatchThreshold = 0.8;

    private const double SuggestionThreshold = 0.5;
    private const double CompactConfidence = 0.95;
    private const double TypoConfidenceCap = 0.9;
    private const int MinimumTypoLength = 4;

    // Words that carry the request but never a skill. Typo matching skips windows that start or end with one,
    // so "help me" can never become "helm" and "with" never "wit".
    internal static readonly HashSet<string> FillerWords = new(StringComparer.Ordinal)
    {
        "a", "about", "after", "all", "also", "am", "an", "and", "any", "anyone", "are", "as", "at", "be", "because",
        "been", "better", "but", "by", "can", "could", "did", "do", "does", "doing", "for", "from", "get", "getting",
        "give", "go", "good", "great", "has", "have", "help", "helping", "hi", "hello", "hey", "how", "i", "i'm", "if",
        "in", "into", "is", "it", "its", "just", "know", "learn", "learning", "like", "look", "looking", "make", "me",
        "more", "most", "much", "my", "need", "new", "no", "not", "now", "of", "on", "one", "or", "our", "out", "please",
        "really", "show", "so", "some", "someone", "something", "start", "started", "starting", "teach", "than",
        "thank", "thanks", "that", "the", "their", "them", "then", "there", "these", "they", "things", "this", "those",
        "to", "understand", "up", "us", "use", "using", "very", "want", "wants", "was", "way", "ways", "we", "well",
        "what", "when", "where", "which", "who", "why", "will", "with", "work", "would", "you", "your", "hej", "och",
        "med", "jag", "vill", "und", "mit", "ich", "bitte", "de", "la", "le", "et", "avec", "je", "y", "con",
    };

    private readonly Dictionary<string, Phrase> _exact = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Phrase> _compact = new(StringComparer.Ordinal);
    private readonly List<Phrase> _phrases = [];
    private readonly int _longestPhrase;

    public SkillResolver(SkillCatalog catalog)
    {
        foreach (var skill in catalog.Skills)
        {
            foreach (var text in SkillCatalog.PhrasesOf(skill))
            {
                var tokens = SkillText.Tokenize(text).Select(t => t.Text).ToArray();
                if (tokens.Length == 0)
                {
                    continue;
                }

                var compactText = SkillText.Compact(tokens);
                var phrase = new Phrase(skill, SkillText.Key(tokens), compactText, tokens.Length, CharacterMask(compactText), CharacterCounts(compactText));
                if (_exact.TryAdd(phrase.Key, phrase))
                {
                    _phrases.Add(phrase);
                }

                _compact.TryAdd(phrase.Compact, phrase);
                _longestPhrase = Math.Max(_longestPhrase, tokens.Length);
            }
        }
    }

    public SkillResolution Resolve(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return SkillResolution.Nothing;
        }

        var tokens = SkillText.Tokenize(text).Select(t => t.Text).ToArray();
        if (tokens.Length == 0)
        {
            return SkillResolution.Nothing;
        }

        var used = new bool[tokens.Length];
        var found = new Dictionary<SkillId, SkillMatch>();

        // Longest phrases first, so "power bi dashboards" wins over "dashboards" and "instagram reels" over "instagram".
        for (var length = Math.Min(_longestPhrase + 1, tokens.Length); length >= 1; length--)
        {
            for (var start = 0; start + length <= tokens.Length; start++)
            {
                if (IsUsed(used, start, length))
                {
                    continue;
                }

                var window = tokens.AsSpan(start, length);
                SkillMatch? match = null;
                if (length <= _longestPhrase && _exact.TryGetValue(SkillText.Key(window.ToArray()), out var exact))
                {
                    match = new SkillMatch(exact.Skill, 1.0, SkillMatchKind.Exact, SkillText.Key(window.ToArray()), start);
                }
                else if (length > 1 && _compact.TryGetValue(SkillText.Compact(window.ToArray()), out var compact))
                {
                    match = new SkillMatch(compact.Skill, CompactConfidence, SkillMatchKind.Compact, SkillText.Key(window.ToArray()), start);
                }

                if (match is not null)
                {
                    MarkUsed(used, start, length);
                    Keep(found, match);
                }
            }
        }

        // Typos: only over words not already explained, never across filler words.
        var suggestions = new Dictionary<SkillId, double>();
        for (var length = Math.Min(_longestPhrase, tokens.Length); length >= 1; length--)
        {
            for (var start = 0; start + length <= tokens.Length; start++)
            {
                if (IsUsed(used, start, length) || FillerWords.Contains(tokens[start]) || FillerWords.Contains(tokens[start + length - 1]))
                {
                    continue;
                }

                var compact = SkillText.Compact(tokens.AsSpan(start, length).ToArray());
                if (compact.Length < MinimumTypoLength)
                {
                    continue;
                }

                var (best, similarity) = ClosestPhrase(compact, length);
                if (best is null)
                {
                    continue;
                }

                if (similarity >= MatchThreshold)
                {
                    MarkUsed(used, start, length);
                    Keep(found, new SkillMatch(best.Skill, Math.Min(TypoConfidenceCap, similarity), SkillMatchKind.Typo, SkillText.Key(tokens.AsSpan(start, length).ToArray()), start));
                }
                else if (similarity >= SuggestionThreshold)
                {
                    suggestions[best.Skill.Id] = Math.Max(suggestions.GetValueOrDefault(best.Skill.Id), similarity);
                }
            }
        }

        var matches = found.Values
            .OrderByDescending(m => m.Confidence)
            .ThenBy(m => m.Position)
            .ThenBy(m => m.Skill.Id.Value, StringComparer.Ordinal)
            .ToArray();
        var suggested = matches.Length > 0
            ? []
            : suggestions
                .OrderByDescending(s => s.Value)
                .ThenBy(s => s.Key.Value, StringComparer.Ordinal)
                .Take(3)
                .Select(s => new SkillSuggestion(_phrases.First(p => p.Skill.Id == s.Key).Skill, Math.Round(s.Value, 3)))
                .ToArray();
        return new SkillResolution(matches, suggested);
    }

    private (Phrase? Phrase, double Similarity) ClosestPhrase(string compact, int windowLength)
    {
        Phrase? best = null;
        var bestSimilarity = 0.0;
        var mask = CharacterMask(compact);
        var counts = CharacterCounts(compact);
        foreach (var phrase in _phrases)
        {
            // A window of one word should not be compared with a five-word alias and vice versa.
            if (Math.Abs(phrase.TokenCount - windowLength) > 1 || phrase.Compact.Length < MinimumTypoLength)
            {
                continue;
            }

            var longest = Math.Max(compact.Length, phrase.Compact.Length);

            // Only a phrase closer than the best so far can change the answer (ties keep the earlier phrase), so the
            // distance worth computing shrinks as better phrases are found. The small epsilon keeps the limit a
            // superset of "strictly closer" whatever the rounding; the strict comparison below decides as before.
            var limit = Math.Min(
                (int)Math.Floor(longest * (1 - SuggestionThreshold)),
                (int)Math.Floor((longest * (1 - bestSimilarity)) + 1e-9));

            // A cheap lower bound first (issue #16: this loop was most of an unrecognised-text turn's CPU).
            if (Math.Abs(compact.Length - phrase.Compact.Length) > limit || DistanceLowerBound(mask, counts, phrase) > limit)
            {
                continue;
            }

            var distance = StringDistance.DamerauLevenshtein(compact, phrase.Compact, limit);
            if (distance > limit)
            {
                continue;
            }

            var similarity = 1.0 - (double)distance / longest;
            if (similarity > bestSimilarity)
            {
                best = phrase;
                bestSimilarity = similarity;
            }
        }

        return (best, bestSimilarity);
    }

    /// <summary>
    /// The characters one side has more of than the other, counted per side; the larger count bounds the edit distance
    /// from below: an insertion, deletion or substitution lowers each side's surplus by at most one, a transposition
    /// not at all. Characters that share a bucket (see <see cref="CharacterMask"/>) only weaken the bound.
    /// </summary>
    private static int DistanceLowerBound(ulong mask, byte[] counts, Phrase phrase)
    {
        int surplus = 0, shortfall = 0;
        var bits = mask | phrase.Mask;
        while (bits != 0)
        {
            var bucket = BitOperations.TrailingZeroCount(bits);
            bits &= bits - 1;
            var difference = counts[bucket] - phrase.Counts[bucket];
            if (difference > 0)
            {
                surplus += difference;
            }
            else
            {
                shortfall -= difference;
            }
        }

        return Math.Max(surplus, shortfall);
    }

    private static byte[] CharacterCounts(string text)
    {
        var counts = new byte[64];
        foreach (var c in text)
        {
            ref var count = ref counts[c & 63];
            count = (byte)Math.Min(byte.MaxValue, count + 1);
        }

        return counts;
    }

    private static void Keep(Dictionary<SkillId, SkillMatch> found, SkillMatch match)
    {
        if (!found.TryGetValue(match.Skill.Id, out var existing) || existing.Confidence < match.Confidence)
        {
            found[match.Skill.Id] = match;
        }
    }

    private static bool IsUsed(bool[] used, int start, int length)
    {
        for (var i = start; i < start + length; i++)
        {
            if (used[i])
            {
                return true;
            }
        }

        return false;
    }

    private static void MarkUsed(bool[] used, int start, int length)
    {
        for (var i = start; i < start + length; i++)
        {
            used[i] = true;
        }
    }

    /// <summary>
    /// Which character kinds occur, folded into 64 bits (characters that share a bit count as one kind, which only
    /// weakens the bound in <see cref="ClosestPhrase"/>, never breaks it).
    /// </summary>
    private static ulong CharacterMask(string text)
    {
        var mask = 0UL;
        foreach (var c in text)
        {
            mask |= 1UL << (c & 63);
        }

        return mask;
    }

    private sealed record Phrase(SkillDefinition Skill, string Key, string Compact, int TokenCount, ulong Mask, byte[] Counts);
}
