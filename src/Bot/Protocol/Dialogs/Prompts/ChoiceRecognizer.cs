using System.Globalization;
using System.Text;

namespace MentorBot.Bot.Protocol.Dialogs.Prompts;

/// <summary>
/// Finds which choice a reply means: a number ("2"), an ordinal ("the second one"), the value or a synonym
/// ("TikTok"), or a part of one ("social", "I'd like AI tools please"). Case and punctuation are ignored; a reply
/// that fits more than one choice is not a match, so the prompt asks again rather than guess.
/// </summary>
internal static class ChoiceRecognizer
{
    private static readonly string[] Ordinals = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"];
    private static readonly HashSet<string> Filler = ["the", "one", "option", "number", "no"];

    public static FoundChoice? Recognize(string text, IReadOnlyList<Choice> choices)
    {
        var tokens = Tokenize(text);
        if (tokens.Length == 0 || choices.Count == 0)
        {
            return null;
        }

        return ByPosition(tokens, choices) ?? ByExactTerm(tokens, choices) ?? ByPartialTerm(tokens, choices);
    }

    internal static string[] Tokenize(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormKC))
        {
            builder.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ');
        }

        return builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    private static FoundChoice? ByPosition(string[] tokens, IReadOnlyList<Choice> choices)
    {
        var meaningful = tokens.Where(t => !Filler.Contains(t)).ToArray();
        if (meaningful.Length != 1)
        {
            return null;
        }

        var word = meaningful[0];
        var index = int.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number - 1
            : word == "last" ? choices.Count - 1
            : Array.IndexOf(Ordinals, word);
        return index >= 0 && index < choices.Count ? Found(choices, index) : null;
    }

    private static FoundChoice? ByExactTerm(string[] tokens, IReadOnlyList<Choice> choices) =>
        Single(choices, terms => terms.Any(term => term.SequenceEqual(tokens)));

    private static FoundChoice? ByPartialTerm(string[] tokens, IReadOnlyList<Choice> choices) =>
        Single(choices, terms => terms.Any(term => ContainsAll(tokens, term) || IsPartOf(tokens, term)));

    /// <summary>The reply contains the whole term ("I'd like AI tools please" → "AI tools").</summary>
    private static bool ContainsAll(string[] tokens, string[] term) => term.All(tokens.Contains);

    /// <summary>The reply is part of the term ("social" → "Social media", "insta" → "Instagram").</summary>
    private static bool IsPartOf(string[] tokens, string[] term) =>
        tokens.All(token => term.Any(word => word == token || (token.Length >= 4 && word.StartsWith(token, StringComparison.Ordinal))));

    private static FoundChoice? Single(IReadOnlyList<Choice> choices, Func<IEnumerable<string[]>, bool> matches)
    {
        var found = Enumerable.Range(0, choices.Count).Where(i => matches(Terms(choices[i]))).Take(2).ToArray();
        return found.Length == 1 ? Found(choices, found[0]) : null;
    }

    private static IEnumerable<string[]> Terms(Choice choice) =>
        new[] { choice.Value }.Concat(choice.Synonyms ?? []).Select(Tokenize).Where(t => t.Length > 0);

    private static FoundChoice Found(IReadOnlyList<Choice> choices, int index) => new(choices[index].Value, index);
}
