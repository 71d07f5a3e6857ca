using System.Globalization;
using System.Resources;
using MentorBot.Bot.Cards;

namespace MentorBot.Bot.Programs;

/// <summary>
/// The words of the program owner's other pages (settings editor, outcomes and term report, round editor, group
/// sessions), from <c>OwnerPageTexts.resx</c> (+ <c>.sv.resx</c>), in the request's language chosen exactly as the
/// dashboard's (<see cref="DashboardTexts.CultureOf"/>: <c>?lang=</c>, Accept-Language, en-US).
/// </summary>
public sealed class OwnerPageTexts(CultureInfo culture)
{
    private static readonly ResourceManager Resources = new("MentorBot.Bot.Programs.OwnerPageTexts", typeof(OwnerPageTexts).Assembly);

    public static OwnerPageTexts English { get; } = new(Languages.Fallback);

    public CultureInfo Culture => culture;

    /// <summary>The value of <c>&lt;html lang&gt;</c> and Content-Language (sv-SE, en-US).</summary>
    public string Lang => culture.Name;

    /// <summary>A missing key is a bug in a page, so it throws (the parity test keeps the languages complete).</summary>
    public string this[string key] =>
        Resources.GetString(key, culture) ?? throw new KeyNotFoundException($"Owner page text '{key}' is missing from OwnerPageTexts.resx.");

    public string Format(string key, params object?[] args) => string.Format(culture, this[key], args);

    /// <summary>The key's text when the family has one, else <paramref name="fallback"/> (words built elsewhere).</summary>
    public string Or(string key, string fallback) => Resources.GetString(key, culture) ?? fallback;

    public static OwnerPageTexts For(HttpRequest request) => new(DashboardTexts.CultureOf(request));
}
