using System.Globalization;
using System.Resources;

namespace MentorBot.Bot.Cards;

/// <summary>
/// Chat wording of round editing and outcomes (issue 18): <c>OutcomeTexts.resx</c> in English, <c>OutcomeTexts.sv.resx</c>
/// in Swedish; a missing key falls back to English, and a key missing everywhere is a bug, so it throws.
/// </summary>
public sealed class OutcomeTexts(CultureInfo culture)
{
    private static readonly ResourceManager Resources = new("MentorBot.Bot.Cards.OutcomeTexts", typeof(OutcomeTexts).Assembly);

    public string this[string key] =>
        Resources.GetString(key, culture) ?? throw new KeyNotFoundException($"Text '{key}' is missing from OutcomeTexts.resx.");

    public string Format(string key, params object?[] args) => string.Format(culture, this[key], args);
}
