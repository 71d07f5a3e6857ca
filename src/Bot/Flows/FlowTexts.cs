using System.Globalization;
using System.Resources;

namespace MentorBot.Bot.Flows;

/// <summary>
/// Chat wording of the flows (messages, view fragments) from <c>FlowTexts.resx</c>, kept apart from the card builders'
/// own texts so each resx has one owner. Same fallback rules as <see cref="Cards.CardTexts"/>.
/// </summary>
public sealed class FlowTexts(CultureInfo culture)
{
    private static readonly ResourceManager Resources = new("MentorBot.Bot.Flows.FlowTexts", typeof(FlowTexts).Assembly);

    public CultureInfo Culture => culture;

    public string this[string key] =>
        Resources.GetString(key, culture) ?? throw new KeyNotFoundException($"Flow text '{key}' is missing from FlowTexts.resx.");

    public string Format(string key, params object?[] args) => string.Format(culture, this[key], args);
}
