using System.Globalization;
using System.Resources;

namespace MentorBot.Bot.Cards;

/// <summary>
/// Card wording from <c>CardTexts.resx</c> (English, the neutral culture). Another language is a
/// <c>CardTexts.{culture}.resx</c> beside it; missing keys fall back to English through the usual resource fallback.
/// </summary>
public sealed class CardTexts(CultureInfo culture)
{
    private static readonly ResourceManager Resources = new("MentorBot.Bot.Cards.CardTexts", typeof(CardTexts).Assembly);

    public CultureInfo Culture => culture;

    /// <summary>A missing key is a bug in a builder, caught by the golden-file tests, so it throws.</summary>
    public string this[string key] =>
        Resources.GetString(key, culture) ?? throw new KeyNotFoundException($"Card text '{key}' is missing from CardTexts.resx.");

    public string Format(string key, params object?[] args) => string.Format(culture, this[key], args);

    /// <summary>An optional text (a language's own name for something), or null when no language has it.</summary>
    public string? TryGet(string key) => Resources.GetString(key, culture);
}
