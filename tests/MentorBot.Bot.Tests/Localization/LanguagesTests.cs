using MentorBot.Bot.Cards;
using MentorBot.Bot.Turns;

namespace MentorBot.Bot.Tests.Localization;

public sealed class LanguagesTests
{
    [Fact]
    public void Supported_FoundFromTheSatelliteAssemblies_EnglishFirstThenSwedish()
    {
        var supported = Languages.Supported.Select(l => l.Name);

        Assert.Equal(["en", "sv"], supported);
    }

    [Theory]
    [InlineData(null, "sv-SE", "sv-SE")]
    [InlineData(null, "sv-FI", "sv-FI")]
    [InlineData(null, "sv", "sv-SE")]
    [InlineData(null, "en-gb", "en-GB")]
    [InlineData(null, "en-US", "en-US")]
    [InlineData(null, "de-DE", "en-US")]
    [InlineData(null, null, "en-US")]
    [InlineData(null, "", "en-US")]
    [InlineData(null, "xx-not-a-culture", "en-US")]
    [InlineData(null, "\u0000\u0001", "en-US")]
    [InlineData("sv", "en-US", "sv-SE")]
    [InlineData("sv", "sv-FI", "sv-FI")]
    [InlineData("en", "sv-SE", "en-US")]
    [InlineData("en", "en-GB", "en-GB")]
    [InlineData("de", "sv-SE", "sv-SE")]
    [InlineData("teams", "sv-SE", "sv-SE")]
    public void For_ChosenThenTeamsLocaleThenOneFallback(string? chosen, string? locale, string expected)
    {
        var culture = Languages.For(chosen, locale);

        Assert.Equal(expected, culture.Name);
    }

    [Fact]
    public void TurnPerson_DefaultCulture_IsTheOneFallbackProactiveSendsUseToo()
    {
        Assert.Same(Languages.Fallback, TurnPerson.DefaultCulture);
        Assert.Equal(Languages.Fallback, TurnPerson.CultureOf(null));
        Assert.Equal(Languages.Fallback, Languages.For(null, null));
    }

    [Theory]
    [InlineData("sv", "sv")]
    [InlineData("sv-SE", "sv")]
    [InlineData("EN", "en")]
    [InlineData("teams", null)]
    [InlineData("de", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Choice_StoresSupportedLanguagesOnly(string? value, string? expected)
    {
        Assert.Equal(expected, Languages.Choice(value));
    }
}
