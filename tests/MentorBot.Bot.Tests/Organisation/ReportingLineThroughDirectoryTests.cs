using MentorBot.Core.Matching;
using MentorBot.Core.Organisation;
using MentorBot.Core.Profiles;
using MentorBot.Core.Requests;
using MentorBot.Core.Skills;
using MentorBot.Testing;

namespace MentorBot.Bot.Tests.Organisation;

/// <summary>
/// Decision 0400: the reporting-line rule holds through managers who never use MentorBot. The directory's chain above
/// a person's direct manager is kept on their profile (ids only) and matching links each person to the nearest manager
/// above them who has a profile.
/// </summary>
public sealed class ReportingLineThroughDirectoryTests : IAsyncLifetime
{
    private static readonly SkillId Skill = new("generative-ai");

    private LoopbackGraphDirectory _graph = null!;

    public async Task InitializeAsync() => _graph = await LoopbackGraphDirectory.StartAsync();

    public async Task DisposeAsync() => await _graph.DisposeAsync();

    [Fact]
    public async Task ChainThroughManagersWithoutAProfile_BlocksTheMatch_InTheIndexAndTheFreshCheck()
    {
        // junior -> team lead -> head of unit -> senior; only junior, senior and an outsider use MentorBot.
        _graph.AddRange([
            new StubUser("senior") { Mail = "senior@contoso.example" },
            new StubUser("head") { ManagerId = "senior" },
            new StubUser("lead") { ManagerId = "head" },
            new StubUser("junior") { Mail = "junior@contoso.example", ManagerId = "lead" },
            new StubUser("outsider") { Mail = "outsider@contoso.example", ManagerId = "head-elsewhere" },
            new StubUser("head-elsewhere"),
        ]);
        using var host = new OrganisationHost(_graph);
        await SeedAsync(host);
        var index = host.Get<LiveMatchingIndex>();
        Assert.Contains("junior", await RankAsync(host, index));

        await host.Get<DirectorySync>().SyncAsync(null, CancellationToken.None);

        var junior = (await host.Get<IProfileStore>().GetAsync(new UserId("junior"), CancellationToken.None))!.Value;
        Assert.Equal(new UserId("lead"), junior.ManagerId);
        Assert.Equal([new UserId("head"), new UserId("senior")], junior.LineAbove);
        var after = await RankAsync(host, index);
        Assert.DoesNotContain("junior", after);
        Assert.Contains("outsider", after);
        Assert.False(await StillEligibleAsync(host, index, "junior"));
        Assert.True(await StillEligibleAsync(host, index, "outsider"));

        // A full round lists every manager: the chain came from the pages, not one /manager read per person.
        Assert.Equal(0, _graph.Count("manager"));
    }

    [Fact]
    public async Task ManagerAboveChangesInAnIncrementalRound_TheLineFollows()
    {
        _graph.AddRange([
            new StubUser("senior") { Mail = "senior@contoso.example" },
            new StubUser("other-head"),
            new StubUser("lead") { ManagerId = "other-head" },
            new StubUser("junior") { Mail = "junior@contoso.example", ManagerId = "lead" },
            new StubUser("outsider") { Mail = "outsider@contoso.example" },
        ]);
        using var host = new OrganisationHost(_graph);
        await SeedAsync(host);
        var sync = host.Get<DirectorySync>();
        var index = host.Get<LiveMatchingIndex>();
        await sync.SyncAsync(null, CancellationToken.None);
        Assert.Contains("junior", await RankAsync(host, index));

        // Only the lead (no profile) moves under the senior: the delta page lists the lead alone.
        _graph.Change("lead", u => u.ManagerId = "senior");
        var round = await sync.SyncAsync(null, CancellationToken.None);

        Assert.False(round.FullRound);
        var junior = (await host.Get<IProfileStore>().GetAsync(new UserId("junior"), CancellationToken.None))!.Value;
        Assert.Equal([new UserId("senior")], junior.LineAbove);
        Assert.DoesNotContain("junior", await RankAsync(host, index));
        Assert.False(await StillEligibleAsync(host, index, "junior"));
    }

    [Fact]
    public async Task PersonLookedUpOnTheirOwn_GetsTheirLineFromManagerReads()
    {
        _graph.AddRange([
            new StubUser("senior") { Mail = "senior@contoso.example" },
            new StubUser("lead") { ManagerId = "senior" },
            new StubUser("junior") { Mail = "junior@contoso.example", ManagerId = "lead" },
            new StubUser("outsider") { Mail = "outsider@contoso.example" },
        ]);
        using var host = new OrganisationHost(_graph);
        await SeedAsync(host);
        var index = host.Get<LiveMatchingIndex>();

        Assert.True(await host.Get<DirectorySync>().LookUpAsync(null, new UserId("junior"), CancellationToken.None));

        // junior's manager, then the lead's and the senior's (404: the top).
        Assert.Equal(3, _graph.Count("manager"));
        Assert.DoesNotContain("junior", await RankAsync(host, index));
    }

    [Fact]
    public async Task LoopAboveTheDirectManager_StopsTheLineAndMatchingStillAnswers()
    {
        _graph.AddRange([
            new StubUser("senior") { Mail = "senior@contoso.example" },
            new StubUser("x") { ManagerId = "y" },
            new StubUser("y") { ManagerId = "x" },
            new StubUser("junior") { Mail = "junior@contoso.example", ManagerId = "x" },
            new StubUser("outsider") { Mail = "outsider@contoso.example" },
        ]);
        using var host = new OrganisationHost(_graph);
        await SeedAsync(host);

        await host.Get<DirectorySync>().SyncAsync(null, CancellationToken.None);

        var junior = (await host.Get<IProfileStore>().GetAsync(new UserId("junior"), CancellationToken.None))!.Value;
        Assert.Equal([new UserId("y")], junior.LineAbove);
        var ranked = await RankAsync(host, host.Get<LiveMatchingIndex>());
        Assert.Contains("junior", ranked);
        Assert.Contains("outsider", ranked);
    }

    private static async Task SeedAsync(OrganisationHost host)
    {
        var profiles = host.Get<IProfileStore>();
        await profiles.InsertAsync(OrganisationHost.Person("senior", wants: [new WantedSkill(Skill, SkillLevel.None, SkillLevel.Working)], level: 7), CancellationToken.None);
        await profiles.InsertAsync(OrganisationHost.Person("junior", offers: [new OfferedSkill(Skill, SkillLevel.Expert)], level: 2), CancellationToken.None);
        await profiles.InsertAsync(OrganisationHost.Person("outsider", offers: [new OfferedSkill(Skill, SkillLevel.Practitioner)], level: 2), CancellationToken.None);
    }

    private static async Task<List<string>> RankAsync(OrganisationHost host, LiveMatchingIndex index)
    {
        var senior = (await host.Get<IProfileStore>().GetAsync(new UserId("senior"), CancellationToken.None))!;
        var state = await index.ReadLearnerAsync(senior, [], CancellationToken.None);
        var result = await index.RankAsync(null, state, new MatchRequest(senior.Value.Id, Skill), 0, null, CancellationToken.None);
        return [.. result.Candidates.Select(c => c.Mentor.Id.AadObjectId)];
    }

    private static async Task<bool> StillEligibleAsync(OrganisationHost host, LiveMatchingIndex index, string candidate)
    {
        var senior = (await host.Get<IProfileStore>().GetAsync(new UserId("senior"), CancellationToken.None))!;
        var state = await index.ReadLearnerAsync(senior, [], CancellationToken.None);
        return await index.IsStillEligibleAsync(null, state, new MatchRequest(senior.Value.Id, Skill), new UserId(candidate), null, CancellationToken.None);
    }
}
