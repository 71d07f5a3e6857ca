using System.Globalization;
using System.Resources;

namespace MentorBot.Bot.Cards.Sessions;

/// <summary>
/// Group sessions' wording (decision 0470) from <c>SessionTexts.resx</c> (English) and <c>SessionTexts.sv.resx</c>:
/// its own resource family, checked for parity like the others.
/// </summary>
public sealed class SessionTexts(CultureInfo culture)
{
    private static readonly ResourceManager Resources = new("MentorBot.Bot.Cards.Sessions.SessionTexts", typeof(SessionTexts).Assembly);

    public CultureInfo Culture => culture;

    public string this[string key] =>
        Resources.GetString(key, culture) ?? throw new KeyNotFoundException($"Session text '{key}' is missing from SessionTexts.resx.");

    public string Format(string key, params object?[] args) => string.Format(culture, this[key], args);

    /// <summary>Every phrase of <paramref name="key"/> in every language MentorBot speaks (for recognising what people type).</summary>
    public static IReadOnlyList<string> AllPhrases(string key) =>
    [
        .. new[] { CultureInfo.InvariantCulture, CultureInfo.GetCultureInfo("sv") }
            .SelectMany(c => (Resources.GetString(key, c) ?? string.Empty).Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct(StringComparer.OrdinalIgnoreCase),
    ];
}
