using System.Text;
using MentorBot.Core.Programs;
using MentorBot.Core.Programs.Import;
using MentorBot.Core.Skills;

namespace MentorBot.Core.Tests.Programs;

public sealed class CatalogSkillLookupTests
{
    private static readonly CatalogSkillLookup Lookup = new(new SkillResolver(SkillCatalog.Default));

    [Theory]
    [InlineData("power-bi", "power-bi")]
    [InlineData("Power BI", "power-bi")]
    [InlineData("PowerBI", "power-bi")]
    [InlineData("ChatGPT", "generative-ai")]
    public void TryResolve_NameAliasOrSpacing_FindsTheSkill(string text, string expected)
    {
        var found = Lookup.TryResolve(text, out var id);

        Assert.True(found);
        Assert.Equal(new SkillId(expected), id);
    }

    [Fact]
    public void TryResolve_Typo_IsOnlyASuggestion()
    {
        var found = Lookup.TryResolve("chatgtp", out _);

        Assert.False(found);
        Assert.StartsWith("generative-ai (", Lookup.SuggestionFor("chatgtp"), StringComparison.Ordinal);
    }

    [Fact]
    public void TryResolve_TwoSkillsInOneCell_IsRefusedAndBothAreNamed()
    {
        var found = Lookup.TryResolve("power bi and negotiation", out _);

        var suggestion = Lookup.SuggestionFor("power bi and negotiation");

        Assert.False(found);
        Assert.Contains("power-bi", suggestion, StringComparison.Ordinal);
        Assert.Contains("negotiation", suggestion, StringComparison.Ordinal);
    }

    [Fact]
    public void TryResolve_Nonsense_HasNoSuggestion()
    {
        var found = Lookup.TryResolve("zzqx", out _);

        Assert.False(found);
        Assert.Null(Lookup.SuggestionFor("zzqx"));
    }

    [Fact]
    public void DryRun_WithTheShippedCatalog_ResolvesSpreadsheetSpellingsAndFlagsTypos()
    {
        var csv = ParticipantCsvImport.TemplateHeader + "\n" +
            "Ben Okafor,ben@contoso.com,22222222-2222-2222-2222-222222222222,Marketing,,2,Europe/Berlin,\"Power BI:4; TikTok:3\",,teach,2,en\n" +
            "Dan Park,dan@contoso.com,44444444-4444-4444-4444-444444444444,Sales,,9,Europe/Paris,,chatgtp:1>3,learn,1,en\n";
        var import = new ParticipantCsvImport(Lookup);

        var outcome = import.DryRun(Encoding.UTF8.GetBytes(csv), new ProgramId("p-1"), KnownPeople.None, DateTimeOffset.UnixEpoch);

        var problem = Assert.Single(Assert.IsType<ImportOutcome.Rejected>(outcome).Problems);
        Assert.Equal((3, ImportProblemKind.UnknownSkill), (problem.Line, problem.Kind));
        Assert.StartsWith("Unknown skill \"chatgtp\". Did you mean generative-ai (", problem.Message, StringComparison.Ordinal);
    }
}
