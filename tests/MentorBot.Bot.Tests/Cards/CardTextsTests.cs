using System.Globalization;
using System.Xml.Linq;
using MentorBot.Bot.Cards;

namespace MentorBot.Bot.Tests.Cards;

public sealed class CardTextsTests
{
    [Fact]
    public void Indexer_CultureWithoutTranslation_FallsBackToEnglish()
    {
        var texts = new CardTexts(CultureInfo.GetCultureInfo("de-DE"));

        var text = texts["Welcome.SetUpProfile"];

        Assert.Equal("Set up my profile", text);
    }

    [Fact]
    public void Indexer_MissingKey_Throws()
    {
        var texts = new CardTexts(CultureInfo.InvariantCulture);

        Assert.Throws<KeyNotFoundException>(() => texts["No.Such.Key"]);
    }

    [Fact]
    public void Format_UsesTheGivenCulture()
    {
        var texts = new CardTexts(CultureInfo.GetCultureInfo("en-GB"));

        var text = texts.Format("Candidates.Ask", "Alex");

        Assert.Equal("Ask Alex", text);
    }

    [Fact]
    public void Resources_NeverSayMentee()
    {
        var path = Path.Combine(RepositoryRoot.Path, "src", "Bot", "Cards", "CardTexts.resx");

        var values = XDocument.Load(path).Descendants("data").Select(d => (string?)d.Element("value") ?? "");

        Assert.DoesNotContain(values, v => v.Contains("mentee", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("src/Bot/Cards/CardTexts.resx")]
    [InlineData("src/Bot/Proactive/NudgeTexts.resx")]
    public void Resources_NeverLabelPeopleByAgeOrGeneration(string file)
    {
        // DOMAIN.md: no age or generation labels in what people read; people are colleagues who know different things.
        // (Customers' ages are a topic people learn about, so "younger customers" stays allowed.)
        var path = Path.Combine(RepositoryRoot.Path, file);
        var labels = new[] { "younger colleague", "younger mentor", "older colleague", "millennial", "gen z mentor", "boomer", "digital native" };

        var values = XDocument.Load(path).Descendants("data").Select(d => (string?)d.Element("value") ?? "");

        Assert.DoesNotContain(values, v => labels.Any(l => v.Contains(l, StringComparison.OrdinalIgnoreCase)));
    }
}
