using System.Globalization;
using System.Resources;
using MentorBot.Bot.Cards;
using MentorBot.Core.Programs.Reporting;
using Microsoft.Net.Http.Headers;

namespace MentorBot.Bot.Programs;

/// <summary>
/// The words of every dashboard page, chart and CSV header, from <c>DashboardTexts.resx</c> (+ <c>.sv.resx</c>), in
/// the language the request asks for (<see cref="For(HttpRequest)"/>). Pages of any program feature use one instance
/// per request: <c>DashboardTexts.For(http.Request)</c>, then <c>t["Key"]</c> / <c>t.Format("Key", …)</c>; the JSON
/// endpoints stay data (English keys, invariant numbers).
/// </summary>
public sealed class DashboardTexts(CultureInfo culture)
{
    /// <summary>The query parameter that chooses the page's language (<c>?lang=sv</c>), before Accept-Language.</summary>
    public const string LanguageParameter = "lang";

    private static readonly ResourceManager Resources = new("MentorBot.Bot.Programs.DashboardTexts", typeof(DashboardTexts).Assembly);

    public static DashboardTexts English { get; } = new(Languages.Fallback);

    public CultureInfo Culture => culture;

    /// <summary>A missing key is a bug in a page, so it throws (the parity test keeps the languages complete).</summary>
    public string this[string key] =>
        Resources.GetString(key, culture) ?? throw new KeyNotFoundException($"Dashboard text '{key}' is missing from DashboardTexts.resx.");

    public string Format(string key, params object?[] args) => string.Format(culture, this[key], args);

    /// <summary>An enum value's words (<c>State.Matched</c>), or the value itself when no language has a word for it.</summary>
    public string State(string value) => Resources.GetString("State." + value, culture) ?? value;

    /// <summary>CSV column name → its header in this language (<c>Csv.{column}</c>); the rows stay data.</summary>
    public IReadOnlyDictionary<string, string> CsvHeaders() =>
        ProgramCsvExport.Columns.ToDictionary(c => c, c => this["Csv." + c], StringComparer.Ordinal)
            .Append(new KeyValuePair<string, string>(ProgramCsvExport.AllSkillsKey, this["Csv.AllSkills"]))
            .ToDictionary(StringComparer.Ordinal);

    /// <summary>The texts for this request: see <see cref="CultureOf"/>.</summary>
    public static DashboardTexts For(HttpRequest request) => new(CultureOf(request));

    /// <summary>
    /// The language of a dashboard response: <c>?lang=</c> when MentorBot speaks it, else the first language of the
    /// browser's <c>Accept-Language</c> (by quality) that it speaks, else <see cref="Languages.Fallback"/> (en-US), the
    /// same single fallback as chat (decision 0380). Regional formats follow the tag asked for (sv-SE, en-GB).
    /// </summary>
    public static CultureInfo CultureOf(HttpRequest request)
    {
        if (Supported(request.Query[LanguageParameter].ToString()) is { } chosen)
        {
            return chosen;
        }

        if (StringWithQualityHeaderValue.TryParseList(request.Headers.AcceptLanguage, out var accepted))
        {
            foreach (var language in accepted.Where(a => a.Quality is null or > 0).OrderByDescending(a => a.Quality ?? 1))
            {
                if (Supported(language.Value.ToString()) is { } culture)
                {
                    return culture;
                }
            }
        }

        return Languages.Fallback;
    }

    private static CultureInfo? Supported(string? tag) =>
        Languages.Parse(tag) is { } parsed && Languages.IsSupported(parsed) ? Languages.For(chosen: null, locale: parsed.Name) : null;
}
