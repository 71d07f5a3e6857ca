using System.Text;
using MentorBot.Core.Skills;

namespace MentorBot.Core.Tests.Skills;

public sealed class SkillCatalogTests
{
    private static CatalogResult LoadJson(string json) => SkillCatalog.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)));

    [Fact]
    public void Default_HasFortyPlusSkillsBothWays()
    {
        var catalog = SkillCatalog.Default;

        Assert.True(catalog.Count >= 40, $"only {catalog.Count} skills");
        Assert.Equal(catalog.Count, catalog.Skills.Select(s => s.Id).Distinct().Count());
        Assert.Contains(catalog.Skills, s => s.Direction == SkillDirection.Reverse);
        Assert.Contains(catalog.Skills, s => s.Direction == SkillDirection.TeachBack);
        Assert.All(catalog.Skills, s => Assert.False(string.IsNullOrWhiteSpace(s.Category)));
    }

    [Theory]
    [InlineData("stakeholder-management")]
    [InlineData("negotiation")]
    [InlineData("business-acumen")]
    [InlineData("company-culture")]
    [InlineData("career-navigation")]
    [InlineData("generative-ai")]
    [InlineData("short-form-video")]
    [InlineData("power-bi")]
    [InlineData("gen-z-customers")]
    [InlineData("hybrid-work")]
    [InlineData("diversity-inclusion")]
    public void Default_ContainsReverseMentoringStaples(string id)
    {
        var skill = SkillCatalog.Default.Find(new SkillId(id));

        Assert.NotNull(skill);
    }

    [Fact]
    public void Merge_AdminFile_AddsSkillsAndAliases()
    {
        var extra = LoadJson("""
            {
              // comments and trailing commas are fine in admin files
              "skills": [
                { "id": "sap-s4", "name": "SAP S/4HANA", "category": "Digital tools", "direction": "either", "aliases": ["S4", "S/4"] },
                { "id": "power-bi", "name": "Power BI", "category": "Data and analytics", "direction": "reverse", "aliases": ["Fabric dashboards"] },
              ]
            }
            """).Catalog!;

        var merged = SkillCatalog.Default.Merge(extra);

        Assert.True(merged.IsSuccess);
        Assert.Equal(SkillCatalog.Default.Count + 1, merged.Catalog!.Count);
        Assert.Equal("SAP S/4HANA", merged.Catalog.NameOf(new SkillId("sap-s4")));
        var powerBi = merged.Catalog.Find(new SkillId("power-bi"))!;
        Assert.Contains("Fabric dashboards", powerBi.Aliases);
        Assert.Contains("PowerBI", powerBi.Aliases);
    }

    [Fact]
    public void Merge_AliasOfAnotherSkill_IsAnError()
    {
        var extra = LoadJson("""{ "skills": [ { "id": "tiktok-ads", "name": "TikTok ads", "aliases": ["TikTok"] } ] }""").Catalog!;

        var merged = SkillCatalog.Default.Merge(extra);

        Assert.False(merged.IsSuccess);
        Assert.Null(merged.Catalog);
        Assert.Contains(merged.Errors, e => e.Code == CatalogErrorCode.AmbiguousAlias && e.Skill == "tiktok-ads");
    }

    [Theory]
    [InlineData("not json", CatalogErrorCode.InvalidJson)]
    [InlineData("""{ "things": [] }""", CatalogErrorCode.InvalidJson)]
    [InlineData("""{ "skills": [ { "id": "Power BI", "name": "Power BI" } ] }""", CatalogErrorCode.InvalidId)]
    [InlineData("""{ "skills": [ { "id": "power-bi" } ] }""", CatalogErrorCode.MissingName)]
    [InlineData("""{ "skills": [ { "id": "x", "name": "X", "direction": "sideways" } ] }""", CatalogErrorCode.InvalidDirection)]
    [InlineData("""{ "skills": [ { "id": "x", "name": "X" }, { "id": "x", "name": "Y" } ] }""", CatalogErrorCode.DuplicateId)]
    [InlineData("""{ "skills": [ { "id": "x", "name": "X", "aliases": ["!!"] } ] }""", CatalogErrorCode.EmptyAlias)]
    public void Load_BadInput_ReturnsTypedError(string json, CatalogErrorCode expected)
    {
        var result = LoadJson(json);

        Assert.False(result.IsSuccess);
        Assert.Contains(result.Errors, e => e.Code == expected);
    }

    [Fact]
    public void Load_MissingFile_IsUnreadable()
    {
        var result = SkillCatalog.Load(Path.Combine(Path.GetTempPath(), $"no-such-catalog-{Guid.NewGuid():N}.json"));

        Assert.Equal(CatalogErrorCode.Unreadable, Assert.Single(result.Errors).Code);
    }

    [Fact]
    public void Load_FileOnDisk_Works()
    {
        var path = Path.Combine(Path.GetTempPath(), $"catalog-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{ "skills": [ { "id": "kanban", "name": "Kanban", "direction": "teach-back" } ] }""");
        try
        {
            var result = SkillCatalog.Load(path);

            Assert.Equal(SkillDirection.TeachBack, Assert.Single(result.Catalog!.Skills).Direction);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
