using System.Globalization;
using System.Resources;

namespace MentorBot.Bot.Cards;

/// <summary>
/// The languages MentorBot speaks and which one a person gets (decision 0380). A language is supported when its
/// <c>CardTexts.{language}.resx</c> exists (English is the neutral resource), so a third language is a set of
/// translated resource files, not a code change. Everyone gets: the language they chose on their profile, else their
/// Teams locale when its language is supported, else <see cref="Fallback"/> — in replies and proactive messages alike.
/// </summary>
public static class Languages
{
    /// <summary>The one fallback: Teams' own default client language, and what the Agents Playground sends.</summary>
    public static CultureInfo Fallback { get; } = CultureInfo.GetCultureInfo("en-US");

    /// <summary>The profile card's value for "the same language as Teams" (no choice stored).</summary>
    public const string FollowTeams = "teams";

    private static readonly Lazy<IReadOnlyList<CultureInfo>> SupportedLanguages = new(Discover);

    /// <summary>Neutral cultures with texts, English first: "en", "sv", …</summary>
    public static IReadOnlyList<CultureInfo> Supported => SupportedLanguages.Value;

    public static bool IsSupported(CultureInfo culture) =>
        Supported.Any(l => l.TwoLetterISOLanguageName == culture.TwoLetterISOLanguageName);

    /// <summary>A predefined culture for a BCP 47 tag ("sv-SE", "en-us", "sv"), or null for missing or made-up tags.</summary>
    public static CultureInfo? Parse(string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag))
        {
            return null;
        }

        try
        {
            // predefinedOnly: ICU would otherwise accept any well-formed tag and invent a culture with invariant data.
            return CultureInfo.GetCultureInfo(tag.Trim(), predefinedOnly: true);
        }
        catch (CultureNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// The culture to speak and format in: the person's <paramref name="chosen"/> language (a language tag from the
    /// profile card), else their Teams <paramref name="locale"/>, else <see cref="Fallback"/>. A chosen language keeps
    /// the Teams locale's regional formats when both are the same language (chose "en" on en-GB: en-GB dates).
    /// </summary>
    public static CultureInfo For(string? chosen, string? locale)
    {
        var teams = Parse(locale) is { } parsed && IsSupported(parsed) ? Specific(parsed) : null;
        if (Parse(chosen) is { } choice && IsSupported(choice))
        {
            return teams is not null && teams.TwoLetterISOLanguageName == choice.TwoLetterISOLanguageName ? teams : Specific(choice);
        }

        return teams ?? Fallback;
    }

    /// <summary>The language tag a person's choice is stored as ("sv"), or null for "follow Teams" and anything unsupported.</summary>
    public static string? Choice(string? value) =>
        value != FollowTeams && Parse(value) is { } culture && IsSupported(culture) ? culture.TwoLetterISOLanguageName : null;

    // A neutral culture ("sv") formats dates like its default region; the specific one ("sv-SE") is explicit about it.
    private static CultureInfo Specific(CultureInfo culture)
    {
        if (!culture.IsNeutralCulture)
        {
            return culture;
        }

        return culture.TwoLetterISOLanguageName == Fallback.TwoLetterISOLanguageName
            ? Fallback
            : CultureInfo.GetCultureInfo(CultureInfo.CreateSpecificCulture(culture.Name).Name);
    }

    private static IReadOnlyList<CultureInfo> Discover()
    {
        // The satellite assemblies the build produced from CardTexts.{language}.resx, one folder per language.
        var resources = new ResourceManager("MentorBot.Bot.Cards.CardTexts", typeof(Languages).Assembly);
        var found = new List<CultureInfo> { CultureInfo.GetCultureInfo("en") };
        var folder = AppContext.BaseDirectory;
        foreach (var directory in Directory.Exists(folder) ? Directory.GetDirectories(folder) : [])
        {
            var name = Path.GetFileName(directory);
            if (Parse(name) is { IsNeutralCulture: true } culture
                && culture.TwoLetterISOLanguageName != "en"
                && File.Exists(Path.Combine(directory, typeof(Languages).Assembly.GetName().Name + ".resources.dll"))
                && resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false) is not null)
            {
                found.Add(culture);
            }
        }

        return [.. found.OrderBy(c => c.TwoLetterISOLanguageName == "en" ? 0 : 1).ThenBy(c => c.Name, StringComparer.Ordinal)];
    }
}
