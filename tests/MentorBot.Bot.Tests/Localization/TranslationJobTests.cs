using MentorBot.Bot.Cards;
using MentorBot.Bot.Tests.Manifest;
using RepositoryRoot = MentorBot.Bot.Tests.Cards.RepositoryRoot;

namespace MentorBot.Bot.Tests.Localization;

/// <summary>
/// A third language is a translation job (docs/localization.md): what MentorBot speaks is decided by the files present,
/// never by a list in code, and a language added in one place but not the others fails here, naming what is missing.
/// </summary>
public sealed class TranslationJobTests
{
    private static string BotSource => Path.Combine(RepositoryRoot.Path, "src", "Bot");

    [Fact]
    public void Supported_IsEnglishPlusExactlyTheLanguagesWithACardTextsTranslation()
    {
        var translated = Directory.GetFiles(Path.Combine(BotSource, "Cards"), "CardTexts.*.resx")
            .Select(f => Path.GetFileName(f).Split('.')[1])
            .Order(StringComparer.Ordinal);

        Assert.Equal("en", Languages.Supported[0].TwoLetterISOLanguageName);
        Assert.Equal(translated, Languages.Supported.Skip(1).Select(l => l.TwoLetterISOLanguageName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void EveryResourceFamily_IsTranslatedIntoEverySupportedLanguage()
    {
        var missing = ResourceParityTests.DiscoverFamilies()
            .SelectMany(family => Languages.Supported.Skip(1).Select(l => $"{family}.{l.TwoLetterISOLanguageName}.resx"))
            .Where(file => !File.Exists(Path.Combine(RepositoryRoot.Path, file)))
            .ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public void Manifest_ListsALocalizationFileForEverySupportedLanguage()
    {
        var listed = ManifestFiles.Load()["localizationInfo"]!["additionalLanguages"]!.AsArray()
            .Select(l => (Tag: l!["languageTag"]!.GetValue<string>(), File: l["file"]!.GetValue<string>()))
            .ToList();

        foreach (var language in Languages.Supported.Skip(1).Select(l => l.TwoLetterISOLanguageName))
        {
            var entry = Assert.Single(listed, l => l.Tag == language);
            Assert.True(File.Exists(Path.Combine(ManifestFiles.Folder, entry.File)), $"manifest/{entry.File} is missing");
        }
    }

    [Fact]
    public void DiscoverFamilies_FindsEveryFamilyUnderSrcBot_IncludingNewFeaturesOwn()
    {
        var families = ResourceParityTests.DiscoverFamilies();

        Assert.Contains("src/Bot/Cards/CardTexts", families);
        Assert.Contains("src/Bot/Programs/DashboardTexts", families);
        Assert.Contains("src/Bot/Calendar/CalendarTexts", families);
        Assert.Contains("src/Bot/Flows/FormTexts", families);
        Assert.Contains("src/Bot/Flows/ProfileErrorTexts", families);
        Assert.DoesNotContain(families, f => f.Contains(".sv", StringComparison.Ordinal));
    }
}
