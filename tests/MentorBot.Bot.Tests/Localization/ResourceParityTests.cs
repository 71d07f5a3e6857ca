using System.Text.RegularExpressions;
using System.Xml.Linq;
using MentorBot.Bot.Tests.Cards;

namespace MentorBot.Bot.Tests.Localization;

/// <summary>
/// Every resource family (CardTexts, NudgeTexts, CommandWords) has the same keys in every language, and every text
/// has the same placeholders ("{0}", "{1:N0}") as its English original, so a translation can neither lose a key nor
/// drop or invent a value (decision 0380). Discovers the languages from the files, so a new language is checked too.
/// </summary>
public sealed partial class ResourceParityTests
{
    private static readonly string[] Families = ["src/Bot/Cards/CardTexts", "src/Bot/Proactive/NudgeTexts", "src/Bot/Flows/CommandWords", "src/Bot/Cards/Sessions/SessionTexts"];

    public static TheoryData<string, string> Translations()
    {
        var data = new TheoryData<string, string>();
        foreach (var family in Families)
        {
            var folder = Path.GetDirectoryName(Path.Combine(RepositoryRoot.Path, family))!;
            foreach (var file in Directory.GetFiles(folder, Path.GetFileName(family) + ".*.resx"))
            {
                data.Add(family, Path.GetFileName(file).Split('.')[1]);
            }
        }

        return data;
    }

    [Fact]
    public void EveryFamily_HasASwedishTranslation()
    {
        var languages = Translations().Select(row => ((string)row[0], (string)row[1])).ToList();

        Assert.All(Families, family => Assert.Contains((family, "sv"), languages));
    }

    [Theory]
    [MemberData(nameof(Translations))]
    public void Translation_HasEveryKeyOfTheEnglishAndNoOther(string family, string language)
    {
        var english = Texts(family + ".resx");
        var translated = Texts($"{family}.{language}.resx");

        Assert.Empty(english.Keys.Except(translated.Keys));
        Assert.Empty(translated.Keys.Except(english.Keys));
    }

    [Theory]
    [MemberData(nameof(Translations))]
    public void Translation_EveryTextHasTheEnglishPlaceholders(string family, string language)
    {
        var english = Texts(family + ".resx");
        var translated = Texts($"{family}.{language}.resx");

        var mismatched = english
            .Where(e => translated.TryGetValue(e.Key, out var t) && !Placeholders(e.Value).SetEquals(Placeholders(t)))
            .Select(e => $"{e.Key}: [{string.Join(", ", Placeholders(e.Value))}] vs [{string.Join(", ", Placeholders(translated[e.Key]))}]");

        Assert.Empty(mismatched);
    }

    [Theory]
    [MemberData(nameof(Translations))]
    public void Translation_NoTextIsEmptyOrLeftInEnglishByMistake(string family, string language)
    {
        var english = Texts(family + ".resx");
        var translated = Texts($"{family}.{language}.resx");

        // Short texts may rightly be the same in both ("Status", "{0}: {1}"); a long one that is identical was forgotten.
        var untranslated = english.Where(e => e.Value.Length > 24 && translated.GetValueOrDefault(e.Key) == e.Value).Select(e => e.Key);

        Assert.DoesNotContain(translated, t => string.IsNullOrWhiteSpace(t.Value));
        Assert.Empty(untranslated);
    }

    [Fact]
    public void Placeholders_ReadsIndexAndFormat()
    {
        Assert.Equal(["{0}", "{1:N0}"], Placeholders("{0} can be up to {1:N0} characters, {{literal}}"));
    }

    private static SortedSet<string> Placeholders(string text) =>
        new(Placeholder().Matches(text.Replace("{{", string.Empty, StringComparison.Ordinal).Replace("}}", string.Empty, StringComparison.Ordinal)).Select(m => m.Value), StringComparer.Ordinal);

    internal static Dictionary<string, string> Texts(string file) =>
        XDocument.Load(Path.Combine(RepositoryRoot.Path, file))
            .Descendants("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? string.Empty);

    [GeneratedRegex(@"\{\d+(,-?\d+)?(:[^}]*)?\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
