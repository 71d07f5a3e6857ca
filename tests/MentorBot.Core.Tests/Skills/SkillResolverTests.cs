using MentorBot.Core.Skills;

namespace MentorBot.Core.Tests.Skills;

public sealed class SkillResolverTests
{
    private static readonly SkillResolver Resolver = new(SkillCatalog.Default);

    [Theory]
    [InlineData("TikTok", "short-form-video")]
    [InlineData("tik tok", "short-form-video")]
    [InlineData("Instagram Reels", "short-form-video")]
    [InlineData("GenAI", "generative-ai")]
    [InlineData("ChatGPT", "generative-ai")]
    [InlineData("Generative AI", "generative-ai")]
    [InlineData("generative-ai", "generative-ai")]
    [InlineData("Power BI", "power-bi")]
    [InlineData("PowerBI", "power-bi")]
    [InlineData("POWER-BI", "power-bi")]
    [InlineData("D&I", "diversity-inclusion")]
    [InlineData("Gen Z", "gen-z-customers")]
    [InlineData("stakeholder management", "stakeholder-management")]
    [InlineData("P&L", "business-acumen")]
    [InlineData("unwritten rules", "company-culture")]
    [InlineData("career path", "career-navigation")]
    [InlineData("negotiation", "negotiation")]
    public void Resolve_NameOrAlias_IsExactMatch(string text, string expected)
    {
        var result = Resolver.Resolve(text);

        Assert.Equal(expected, result.Best?.Skill.Id.Value);
        Assert.True(result.Best!.Confidence >= 0.95);
    }

    [Theory]
    [InlineData("can someone help me get started with power bi dashboards?", "power-bi")]
    [InlineData("I'd like to understand how our customers use TikTok", "short-form-video")]
    [InlineData("Help me with stakeholder management please", "stakeholder-management")]
    [InlineData("How do I write better prompts for Copilot?", "generative-ai")]
    [InlineData("What do Gen Z customers expect from our brand?", "gen-z-customers")]
    [InlineData("teach me how the company works", "company-culture")]
    public void Resolve_PhraseInsideSentence_IsFound(string text, string expected)
    {
        var result = Resolver.Resolve(text);

        Assert.Equal(expected, result.Best?.Skill.Id.Value);
    }

    [Theory]
    [InlineData("chatgtp", "generative-ai")]
    [InlineData("powr bi", "power-bi")]
    [InlineData("tiktk", "short-form-video")]
    [InlineData("stakeholdr managment", "stakeholder-management")]
    [InlineData("negotiaton", "negotiation")]
    [InlineData("help me with instagrm", "instagram")]
    [InlineData("dashboard", "data-visualisation")]
    public void Resolve_Typo_MatchesWithLowerConfidence(string text, string expected)
    {
        var result = Resolver.Resolve(text);

        Assert.Equal(expected, result.Best?.Skill.Id.Value);
        Assert.Equal(SkillMatchKind.Typo, result.Best!.Kind);
        Assert.InRange(result.Best.Confidence, SkillResolver.MatchThreshold, 0.9);
    }

    [Theory]
    [InlineData("Pówer BÍ", "power-bi")]
    [InlineData("NÉGOCIATION", "negotiation")]
    [InlineData("Divérsity", "diversity-inclusion")]
    [InlineData("Ｐｏｗｅｒ ＢＩ", "power-bi")]
    public void Resolve_AccentsAndWidth_AreIgnored(string text, string expected)
    {
        var result = Resolver.Resolve(text);

        Assert.Equal(expected, result.Best?.Skill.Id.Value);
    }

    [Theory]
    [InlineData("can someone help me with this?")]
    [InlineData("help me")]
    [InlineData("hi, I want to learn something new")]
    [InlineData("thanks, that would be great")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("?!")]
    public void Resolve_OnlyCommonWords_FindsNothing(string text)
    {
        var result = Resolver.Resolve(text);

        Assert.False(result.IsRecognised);
        Assert.Null(result.Best);
    }

    [Fact]
    public void Resolve_SeveralSkills_AllFoundExactFirst()
    {
        var result = Resolver.Resolve("I want TikTok and negotiaton tips");

        Assert.Equal(["short-form-video", "negotiation"], result.Matches.Select(m => m.Skill.Id.Value).ToArray());
        Assert.Equal(1.0, result.Matches[0].Confidence);
        Assert.True(result.Matches[1].Confidence < 1.0);
    }

    [Fact]
    public void Resolve_LongestPhraseWins()
    {
        var result = Resolver.Resolve("instagram reels");

        Assert.Equal("short-form-video", Assert.Single(result.Matches).Skill.Id.Value);
    }

    [Theory]
    [InlineData("powerpoint", "power-bi")]
    [InlineData("budgetary", "finance-basics")]
    [InlineData("stakeholding", "stakeholder-management")]
    public void Resolve_Unknown_SuggestsClosestSkills(string text, string expected)
    {
        var result = Resolver.Resolve(text);

        Assert.False(result.IsRecognised);
        Assert.Contains(result.Suggestions, s => s.Skill.Id.Value == expected);
        Assert.All(result.Suggestions, s => Assert.InRange(s.Similarity, 0.5, SkillResolver.MatchThreshold));
    }

    [Fact]
    public void Resolve_NothingClose_NoSuggestions()
    {
        var result = Resolver.Resolve("xyzzy quux");

        Assert.Empty(result.Matches);
        Assert.Empty(result.Suggestions);
    }

    [Fact]
    public void Resolve_AdminAlias_IsRecognised()
    {
        var extra = SkillCatalog.Create([new SkillDefinition(new SkillId("sap-s4"), "SAP S/4HANA", "Digital tools", SkillDirection.Either, ["S/4"])]).Catalog!;
        var resolver = new SkillResolver(SkillCatalog.Default.Merge(extra).Catalog!);

        var result = resolver.Resolve("anyone who knows sap s4hana?");

        Assert.Equal("sap-s4", result.Best?.Skill.Id.Value);
    }
}
