using MentorBot.Core.Persistence;
using MentorBot.Core.Profiles;
using MentorBot.Core.Skills;
using MentorBot.Core.Tenants;
using MentorBot.Core.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MentorBot.Core.Tests.Skills;

/// <summary>Owners' catalog layer (decision 0450): add, retire, merge, validation, versions, refresh and the type-ahead.</summary>
public sealed class TenantSkillCatalogTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TenantId Contoso = new("contoso");
    private static readonly TenantId Fabrikam = new("fabrikam");

    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 12, 8, 9, 0, 0, TimeSpan.Zero));
    private readonly InProcessSkillCatalogStore _store = new();

    [Fact]
    public async Task Add_PromptEngineeringWithPrompting_TakesTheAliasFromGenerativeAiAndTheResolverMeansTheNewSkill()
    {
        var (catalogs, editor) = Instance();
        var before = (await catalogs.ForAsync(Contoso, None)).Resolver.Resolve("can someone teach me prompting?").Best!.Skill.Id;

        var outcome = await editor.AddAsync(Contoso, "owner-1", new NewSkill("Prompt engineering", ["prompting"], "AI and automation", SkillDirection.Reverse), null, None);
        var catalog = await catalogs.ForAsync(Contoso, None);

        var done = Assert.IsType<SkillEditOutcome.Done>(outcome);
        Assert.Equal(new SkillId("prompt-engineering"), done.Skill);
        Assert.Contains(new TakenAlias("prompting", new SkillId("generative-ai")), done.Taken);
        Assert.Equal(new SkillId("generative-ai"), before);
        Assert.Equal(new SkillId("prompt-engineering"), catalog.Resolver.Resolve("can someone teach me prompting?").Best!.Skill.Id);
        Assert.Equal(new SkillId("prompt-engineering"), catalog.Resolver.Resolve("help with prompt engineering").Best!.Skill.Id);
        Assert.Equal(new SkillId("generative-ai"), catalog.Resolver.Resolve("ChatGPT").Best!.Skill.Id);
        Assert.DoesNotContain("prompting", catalog.Offered.Find(new SkillId("generative-ai"))!.Aliases);
        Assert.Equal(new SkillId("generative-ai"), (await catalogs.ForAsync(Fabrikam, None)).Resolver.Resolve("prompting").Best!.Skill.Id);
        var audit = Assert.Single(await _store.ListAuditAsync(Contoso, 10, None));
        Assert.Equal(("owner-1", SkillCatalogAction.Added, "Prompt engineering", _clock.GetUtcNow()), (audit.Actor, audit.Action, audit.SkillName, audit.At));
    }

    [Theory]
    [InlineData("", "prompting", SkillEditProblem.NameMissing, "name")]
    [InlineData("   ", "prompting", SkillEditProblem.NameMissing, "name")]
    [InlineData("!!!", "prompting", SkillEditProblem.NoLetters, "name")]
    [InlineData("Power BI", "", SkillEditProblem.NameTaken, "name")]
    [InlineData("Prompt engineering", "Power BI", SkillEditProblem.AliasTaken, "aliases")]
    [InlineData("Prompt engineering", "negotiation", SkillEditProblem.AliasTaken, "aliases")]
    public async Task Add_BadInput_IsRefusedWithTheProblemAndWritesNothing(string name, string alias, SkillEditProblem problem, string field)
    {
        var (_, editor) = Instance();

        var outcome = await editor.AddAsync(Contoso, "owner-1", new NewSkill(name, [alias]), null, None);

        var invalid = Assert.IsType<SkillEditOutcome.Invalid>(outcome);
        Assert.Contains(invalid.Errors, e => e.Problem == problem && e.Field == field);
        Assert.Null(await _store.GetAsync(Contoso, None));
    }

    [Fact]
    public async Task Add_TooLongNameOrAlias_IsRefused()
    {
        var (_, editor) = Instance();

        var outcome = await editor.AddAsync(Contoso, "owner-1", new NewSkill(new string('a', SkillCatalogEditor.MaxNameLength + 1), [new string('b', SkillCatalogEditor.MaxAliasLength + 1)]), null, None);

        var invalid = Assert.IsType<SkillEditOutcome.Invalid>(outcome);
        Assert.Contains(invalid.Errors, e => e.Problem == SkillEditProblem.NameTooLong);
        Assert.Contains(invalid.Errors, e => e.Problem == SkillEditProblem.AliasTooLong);
    }

    [Fact]
    public async Task Add_AliasOfAnotherOwnersSkill_IsAClashNotATakeOver()
    {
        var (_, editor) = Instance();
        await editor.AddAsync(Contoso, "owner-1", new NewSkill("Prompt engineering", ["prompting"]), null, None);

        var outcome = await editor.AddAsync(Contoso, "owner-2", new NewSkill("Prompt design", ["prompting"]), null, None);

        var error = Assert.Single(Assert.IsType<SkillEditOutcome.Invalid>(outcome).Errors);
        Assert.Equal((SkillEditProblem.AliasTaken, "prompting", (SkillId?)new SkillId("prompt-engineering")), (error.Problem, error.Text, error.Other));
    }

    [Fact]
    public async Task Retire_Skill_IsNoLongerOfferedButStillKnownAndNamed()
    {
        var (catalogs, editor) = Instance();
        var profile = People.In("0b7e5f4a-0000-4000-8000-00000000a002", "UTC") with { Tenant = Contoso, Offers = [new OfferedSkill(new SkillId("short-form-video"), SkillLevel.Expert)] };
        var validator = new ProfileValidator(SkillCatalog.Default, catalogs);

        var outcome = await editor.RetireAsync(Contoso, "owner-1", new SkillId("short-form-video"), null, None);
        var catalog = await catalogs.ForAsync(Contoso, None);

        Assert.IsType<SkillEditOutcome.Done>(outcome);
        Assert.False(catalog.IsOffered(new SkillId("short-form-video")));
        Assert.True(catalog.IsRetired(new SkillId("short-form-video")));
        Assert.Equal("Short-form video", catalog.NameOf(new SkillId("short-form-video")));
        Assert.Null(catalog.Resolver.Resolve("TikTok").Best);
        Assert.DoesNotContain(catalog.Search("short"), r => r.Value == "short-form-video");
        Assert.True(validator.Validate(profile).IsValid);
        Assert.IsType<SkillEditOutcome.Invalid>(await editor.RetireAsync(Contoso, "owner-1", new SkillId("short-form-video"), null, None));
        Assert.True((await catalogs.ForAsync(Fabrikam, None)).IsOffered(new SkillId("short-form-video")));
    }

    [Fact]
    public async Task Merge_Duplicate_ResolvesToTheSurvivorEverywhere()
    {
        var (catalogs, editor) = Instance();
        await editor.AddAsync(Contoso, "owner-1", new NewSkill("Prompt crafting", ["prompt tricks"]), null, None);
        var merged = new SkillId("prompt-crafting");

        var outcome = await editor.MergeAsync(Contoso, "owner-1", merged, new SkillId("generative-ai"), null, None);
        var catalog = await catalogs.ForAsync(Contoso, None);

        Assert.IsType<SkillEditOutcome.Done>(outcome);
        Assert.Equal(new SkillId("generative-ai"), catalog.Canonical(merged));
        Assert.Equal("Generative AI", catalog.NameOf(merged));
        Assert.False(catalog.IsOffered(merged));
        Assert.Equal(new SkillId("generative-ai"), catalog.Resolver.Resolve("I need help with prompt tricks").Best!.Skill.Id);
        Assert.Equal(new SkillId("generative-ai"), catalog.Resolver.Resolve("prompt crafting").Best!.Skill.Id);
        Assert.IsType<SkillEditOutcome.Invalid>(await editor.MergeAsync(Contoso, "owner-1", new SkillId("generative-ai"), merged, null, None));
        Assert.IsType<SkillEditOutcome.Invalid>(await editor.MergeAsync(Contoso, "owner-1", new SkillId("nothing-like-it"), merged, null, None));
    }

    [Fact]
    public async Task Edit_WithAStaleVersion_IsAConflictAndWritesNothing()
    {
        var (catalogs, editor) = Instance();
        var first = Assert.IsType<SkillEditOutcome.Done>(await editor.AddAsync(Contoso, "owner-1", new NewSkill("Prompt engineering", ["prompting"]), SkillCatalogEditor.Unsaved, None));
        await editor.RetireAsync(Contoso, "owner-2", new SkillId("short-form-video"), first.Stored.ETag, None);

        var stale = await editor.RetireAsync(Contoso, "owner-1", new SkillId("instagram"), first.Stored.ETag, None);

        Assert.IsType<SkillEditOutcome.Conflict>(stale);
        Assert.True((await catalogs.ForAsync(Contoso, None)).IsOffered(new SkillId("instagram")));
        Assert.Equal(2, (await _store.ListAuditAsync(Contoso, 10, None)).Count);
    }

    [Fact]
    public async Task AnotherInstancesChange_IsUsedOnceTheRefreshIntervalPassed_NotBefore()
    {
        var (writer, editor) = Instance();
        var (reader, _) = Instance();
        _ = await reader.ForAsync(Contoso, None);

        await editor.AddAsync(Contoso, "owner-1", new NewSkill("Prompt engineering", ["prompting"]), null, None);
        var soon = await reader.ForAsync(Contoso, None);
        _clock.Advance(TimeSpan.FromSeconds(9));
        var almost = await reader.ForAsync(Contoso, None);
        _clock.Advance(TimeSpan.FromSeconds(1));
        var after = await reader.ForAsync(Contoso, None);

        Assert.True((await writer.ForAsync(Contoso, None)).IsOffered(new SkillId("prompt-engineering")));
        Assert.False(soon.IsOffered(new SkillId("prompt-engineering")));
        Assert.False(almost.IsOffered(new SkillId("prompt-engineering")));
        Assert.True(after.IsOffered(new SkillId("prompt-engineering")));
    }

    [Fact]
    public async Task ProfileValidator_OwnersSkill_CountsOnlyInItsOwnTenant()
    {
        var (catalogs, editor) = Instance();
        await editor.AddAsync(Contoso, "owner-1", new NewSkill("Prompt engineering", ["prompting"]), null, None);
        _ = await catalogs.ForAsync(Fabrikam, None);
        var validator = new ProfileValidator(SkillCatalog.Default, catalogs);
        var profile = People.In("0b7e5f4a-0000-4000-8000-00000000a001", "UTC") with { Offers = [new OfferedSkill(new SkillId("prompt-engineering"), SkillLevel.Expert)] };

        Assert.True(validator.Validate(profile with { Tenant = Contoso }).IsValid);
        Assert.Contains(validator.Validate(profile with { Tenant = Fabrikam }).Errors, e => e.Code == ProfileErrorCode.UnknownSkill);
    }

    [Fact]
    public async Task Search_TwoThousandOwnerSkills_FindsByNameThenAliasAtMostFifteenAndPages()
    {
        var (catalogs, _) = Instance();
        var skills = Enumerable.Range(0, 2000).Select(i => new OwnerSkill(new SkillId($"owner-skill-{i}"), $"Owner skill {i}", "Owners", SkillDirection.Either, [$"nickname {i}"])).ToList();
        await _store.SaveAsync(Contoso, new SkillCatalogLayer(skills, [], []), null, new SkillCatalogAuditEntry(_clock.GetUtcNow(), "seed", SkillCatalogAction.Added, skills[0].Id, null, "seed"), None);
        var catalog = await catalogs.ForAsync(Contoso, None);

        var power = catalog.Search("power");
        var nickname = catalog.Search("nickname 1999");
        var owners = catalog.Search("owner skill");
        var nextPage = catalog.Search("owner skill", skip: 15, top: 15);
        var empty = catalog.Search("");

        Assert.Equal(new SkillSearchResult("Power BI", "power-bi"), power[0]);
        Assert.Contains(power, r => r.Value == "power-automate");
        Assert.Equal(new SkillSearchResult("Owner skill 1999 (nickname 1999)", "owner-skill-1999"), Assert.Single(nickname));
        Assert.Equal(TenantSkillCatalog.MaxSearchResults, owners.Count);
        Assert.Empty(owners.Intersect(nextPage));
        Assert.Equal(TenantSkillCatalog.MaxSearchResults, nextPage.Count);
        Assert.Equal(TenantSkillCatalog.MaxSearchResults, empty.Count);
        Assert.Empty(catalog.Search("zzzz-nothing"));
        Assert.Equal(TenantSkillCatalog.MaxSearchResults, catalog.Search("skill", top: 500).Count);
    }

    private (TenantSkillCatalogs Catalogs, SkillCatalogEditor Editor) Instance()
    {
        var catalogs = new TenantSkillCatalogs(SkillCatalog.Default, _store, Options.Create(new SkillCatalogOptions()), _clock, NullLogger<TenantSkillCatalogs>.Instance);
        return (catalogs, new SkillCatalogEditor(catalogs, _store, _clock));
    }
}
