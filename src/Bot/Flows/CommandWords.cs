using System.Globalization;
using System.Resources;
using MentorBot.Bot.Cards;

namespace MentorBot.Bot.Flows;

/// <summary>
/// What people type, from <c>CommandWords.resx</c> and its translations (decision 0382): a third language is another
/// <c>CommandWords.{language}.resx</c>. Recognition takes every supported language for everyone — Teams sends the
/// command title in the client's language, a person may type English in a Swedish client, and an unknown word in one
/// language is rarely a command in another.
/// </summary>
public static class CommandWords
{
    /// <summary>Marks a phrase that takes the rest of the message as its argument ("pause …").</summary>
    public const string TakesArgumentMark = " …";

    private static readonly ResourceManager Resources = new("MentorBot.Bot.Flows.CommandWords", typeof(CommandWords).Assembly);

    /// <summary>Every alternative of <paramref name="key"/> in one language, lower case, as written.</summary>
    public static IReadOnlyList<string> In(CultureInfo language, string key) =>
        (Resources.GetString(key, language) ?? throw new KeyNotFoundException($"Command word '{key}' is missing from CommandWords.resx."))
            .Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(w => w.ToLower(CultureInfo.InvariantCulture))
            .ToArray();

    /// <summary>Every alternative of <paramref name="key"/> in every supported language, longest first, no repeats.</summary>
    public static IReadOnlyList<string> All(string key) =>
        [.. Languages.Supported.SelectMany(l => In(l, key)).Distinct(StringComparer.Ordinal).OrderByDescending(w => w.Length).ThenBy(w => w, StringComparer.Ordinal)];

    /// <summary>The words as one regular-expression alternation: <c>(?:a|b c)</c>, each escaped unless it is a pattern.</summary>
    public static string Alternation(string key, bool escape = true) =>
        "(?:" + string.Join("|", All(key).Select(w => escape ? System.Text.RegularExpressions.Regex.Escape(w).Replace("\\ ", "\\s+", StringComparison.Ordinal) : w)) + ")";
}
