using System.Globalization;
using System.Text;
using MentorBot.Core.Skills;

namespace MentorBot.Core.Tests.Skills;

/// <summary>
/// Issue 19: skill names and aliases per language. The id is the matching key whatever the language; Swedish names
/// and aliases are recognised (for everyone), and a reader sees the name in their own language.
/// </summary>
public sealed class SkillLanguagesTests
{
    private static readonly SkillResolver Resolver = new(SkillCatalog.Default);
    private static readonly CultureInfo Swedish = CultureInfo.GetCultureInfo("sv-SE");

    [Theory]
    [InlineData("sociala medier", "social-media-strategy")]
    [InlineData("AI-verktyg", "generative-ai")]
    [InlineData("Intressenthantering", "stakeholder-management")]
    [InlineData("förhandling", "negotiation")]
    [InlineData("affärsförståelse", "business-acumen")]
    [InlineData("oskrivna regler", "company-culture")]
    [InlineData("hybridarbete", "hybrid-work")]
    [InlineData("pivottabeller", "advanced-excel")]
    public void Resolve_SwedishNameOrAlias_IsExactMatch(string text, string expected)
    {
        var best = Resolver.Resolve(text).Best;

        Assert.Equal(expected, best?.Skill.Id.Value);
        Assert.True(best!.Confidence >= 0.95, $"\"{text}\" matched with confidence {best.Confidence}.");
    }

    [Theory]
    [InlineData("kan någon hjälpa mig med sociala medier?", "social-media-strategy")]
    [InlineData("jag vill bli bättre på AI-verktyg", "generative-ai")]
    [InlineData("kan någon lära mig förhandlingsteknik?", "negotiation")]
    public void Resolve_SwedishPhraseInsideSentence_IsFound(string text, string expected) =>
        Assert.Equal(expected, Resolver.Resolve(text).Best?.Skill.Id.Value);

    [Fact]
    public void NameIn_Swedish_IsTheSwedishName_EnglishAndOtherLanguagesGetTheCatalogName()
    {
        var catalog = SkillCatalog.Default;
        var skill = new SkillId("stakeholder-management");

        Assert.Equal("Intressenthantering", catalog.NameIn(skill, Swedish));
        Assert.Equal("Intressenthantering", catalog.NameIn(skill, CultureInfo.GetCultureInfo("sv")));
        Assert.Equal("Stakeholder management", catalog.NameIn(skill, CultureInfo.GetCultureInfo("en-GB")));
        Assert.Equal("Stakeholder management", catalog.NameIn(skill, CultureInfo.GetCultureInfo("de-DE")));
        Assert.Equal("Stakeholder management", catalog.NameIn(skill, CultureInfo.InvariantCulture));
        Assert.Equal("unknown-skill", catalog.NameIn(new SkillId("unknown-skill"), Swedish));
    }

    [Fact]
    public void EveryShippedSkill_HasASwedishName_AndEveryPhraseResolvesToItsOwnSkill()
    {
        foreach (var skill in SkillCatalog.Default.Skills)
        {
            var swedish = skill.NameIn(Swedish);
            Assert.False(string.IsNullOrWhiteSpace(swedish), $"{skill.Id} has no Swedish name.");
            Assert.Equal(skill.Id, Resolver.Resolve(swedish).Best?.Skill.Id);
            foreach (var alias in skill.Localized!["sv"].Aliases)
            {
                Assert.Equal(skill.Id, Resolver.Resolve(alias).Best?.Skill.Id);
            }
        }
    }

    [Fact]
    public void Load_LocalizedBlock_ANewLanguageIsData_AndAClashAcrossSkillsIsAnError()
    {
        var finnish = Load("""
            { "skills": [
              { "id": "power-bi", "name": "Power BI", "direction": "reverse", "aliases": ["PBI"] },
              { "id": "negotiation", "name": "Negotiation", "direction": "teach-back", "aliases": [],
                "localized": { "fi": { "name": "Neuvottelutaidot", "aliases": ["neuvottelu"] } } }
            ] }
            """);
        Assert.True(finnish.IsSuccess, string.Join("; ", finnish.Errors));
        Assert.Equal("Neuvottelutaidot", finnish.Catalog!.NameIn(new SkillId("negotiation"), CultureInfo.GetCultureInfo("fi-FI")));
        Assert.Equal("negotiation", new SkillResolver(finnish.Catalog).Resolve("neuvottelu").Best?.Skill.Id.Value);

        var clash = Load("""
            { "skills": [
              { "id": "power-bi", "name": "Power BI", "direction": "reverse" },
              { "id": "negotiation", "name": "Negotiation", "direction": "teach-back",
                "localized": { "sv": { "aliases": ["Power BI"] } } }
            ] }
            """);
        Assert.False(clash.IsSuccess);
        Assert.Contains(clash.Errors, e => e.Code == CatalogErrorCode.AmbiguousAlias);
    }

    [Fact]
    public void Merge_AnAdminsFile_AddsSwedishAliases_AndKeepsTheShippedSwedishName()
    {
        var extra = Load("""
            { "skills": [ { "id": "negotiation", "name": "Negotiation", "direction": "teach-back",
                            "localized": { "sv": { "aliases": ["köpslå"] } } } ] }
            """);
        var merged = SkillCatalog.Default.Merge(extra.Catalog!);

        Assert.True(merged.IsSuccess, string.Join("; ", merged.Errors));
        Assert.Equal("Förhandling", merged.Catalog!.NameIn(new SkillId("negotiation"), Swedish));
        Assert.Equal("negotiation", new SkillResolver(merged.Catalog).Resolve("köpslå").Best?.Skill.Id.Value);
        Assert.Equal("negotiation", new SkillResolver(merged.Catalog).Resolve("förhandlingsteknik").Best?.Skill.Id.Value);
    }

    private static CatalogResult Load(string json)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        return SkillCatalog.Load(stream);
    }
}
