using MentorBot.Bot.Workers;
using MentorBot.Core.Matching;
using MentorBot.Core.Organisation;
using MentorBot.Core.Profiles;
using MentorBot.Core.Requests;
using MentorBot.Core.Skills;
using MentorBot.Testing;

namespace MentorBot.Bot.Tests.Organisation;

public sealed class DirectorySyncTests : IAsyncLifetime
{
    private LoopbackGraphDirectory _graph = null!;

    public async Task InitializeAsync() => _graph = await LoopbackGraphDirectory.StartAsync();

    public async Task DisposeAsync() => await _graph.DisposeAsync();

    [Fact]
    public async Task Sync_TenThousandUsers_OneFullPassThenIncrementalRoundsOnly()
    {
        _graph.PageSize = 200;
        _graph.AddRange(Enumerable.Range(0, 10_000).Select(i => new StubUser(Id(i))
        {
            Mail = $"{Id(i)}@contoso.example",
            Department = $"Dept {i % 40}",
            ManagerId = i < 100 ? null : Id(i % 100),
        }));

        // 429 on the 10th page: Retry-After is honoured and the page asked again.
        _graph.Throttle = (route, n) => route == "delta" && n == 10;
        using var host = new OrganisationHost(_graph);
        var profiles = host.Get<IProfileStore>();
        var known = Enumerable.Range(0, 150).Select(i => i * 60).ToList();
        foreach (var i in known)
        {
            await profiles.InsertAsync(OrganisationHost.Person(Id(i)), CancellationToken.None);
        }

        var sync = host.Get<DirectorySync>();
        var first = await sync.SyncAsync(null, CancellationToken.None);

        Assert.True(first.FullRound);
        Assert.Equal(50, first.Pages);
        Assert.Equal(10_000, first.Changes);
        Assert.Equal(51, _graph.Count("delta"));
        Assert.Equal(1, _graph.Throttled["delta"]);
        Assert.Equal(150, _graph.Count("mailbox"));
        Assert.Equal(0, _graph.Count("user"));
        Assert.Equal(0, _graph.Count("manager"));
        var sample = (await profiles.GetAsync(new UserId(Id(6000)), CancellationToken.None))!.Value;
        Assert.Equal(new UserId(Id(0)), sample.ManagerId);
        Assert.Equal("Dept 0", sample.Department);
        Assert.Equal($"{Id(6000)}@contoso.example", sample.Email);

        // Nothing changed: one request, no page, no mailbox.
        var second = await sync.SyncAsync(null, CancellationToken.None);
        Assert.False(second.FullRound);
        Assert.Equal(1, second.Pages);
        Assert.Equal(0, second.Changes);
        Assert.Equal(52, _graph.Count("delta"));
        Assert.Equal(150, _graph.Count("mailbox"));

        // Two known people get a new manager, one unknown person changes, one leaves: only the known are read again.
        _graph.Change(Id(60), u => u.ManagerId = Id(7));
        _graph.Change(Id(120), u => u.Department = "Finance");
        _graph.Change(Id(61), u => u.JobTitle = "Analyst");
        _graph.Remove(Id(62));
        var third = await sync.SyncAsync(null, CancellationToken.None);

        Assert.Equal(1, third.Pages);
        Assert.Equal(4, third.Changes);
        Assert.Equal(2, third.Applied);
        Assert.Equal(53, _graph.Count("delta"));
        Assert.Equal(152, _graph.Count("mailbox"));
        Assert.Equal(new UserId(Id(7)), (await profiles.GetAsync(new UserId(Id(60)), CancellationToken.None))!.Value.ManagerId);
        Assert.Equal("Finance", (await profiles.GetAsync(new UserId(Id(120)), CancellationToken.None))!.Value.Department);
        Assert.Null(await host.Get<IDirectoryStore>().GetAsync(null, new UserId(Id(61)), CancellationToken.None));
    }

    [Fact]
    public async Task Sync_PersonWhoJoinsAfterTheFullRound_IsLookedUpAndA404ManagerIsNoManager()
    {
        _graph.AddRange([new StubUser("top") { Mail = "top@contoso.example" }, new StubUser("a") { Mail = "a@contoso.example", ManagerId = "top" }]);
        using var host = new OrganisationHost(_graph);
        var profiles = host.Get<IProfileStore>();
        await profiles.InsertAsync(OrganisationHost.Person("a"), CancellationToken.None);
        var sync = host.Get<DirectorySync>();
        await sync.SyncAsync(null, CancellationToken.None);

        await profiles.InsertAsync(OrganisationHost.Person("top"), CancellationToken.None);
        var round = await sync.SyncAsync(null, CancellationToken.None);

        Assert.Equal(1, round.LookedUp);
        Assert.Equal(1, _graph.Count("user"));
        Assert.Equal(1, _graph.Count("manager"));
        var top = await host.Get<IDirectoryStore>().GetAsync(null, new UserId("top"), CancellationToken.None);
        Assert.NotNull(top);
        Assert.Null(top.Manager);
        Assert.Null((await profiles.GetAsync(new UserId("top"), CancellationToken.None))!.Value.ManagerId);
        Assert.Equal(new UserId("top"), (await profiles.GetAsync(new UserId("a"), CancellationToken.None))!.Value.ManagerId);
    }

    [Fact]
    public async Task ManagerChainImportedOnlyFromGraph_BlocksAMatchInsideTheReportingLine()
    {
        // Everyone joined in chat (no manager known); the directory says junior -> lead -> senior.
        _graph.AddRange([
            new StubUser("senior") { Mail = "senior@contoso.example" },
            new StubUser("lead") { Mail = "lead@contoso.example", ManagerId = "senior" },
            new StubUser("junior") { Mail = "junior@contoso.example", ManagerId = "lead" },
            new StubUser("outsider") { Mail = "outsider@contoso.example" },
        ]);
        using var host = new OrganisationHost(_graph);
        var profiles = host.Get<IProfileStore>();
        var skill = new SkillId("generative-ai");
        await profiles.InsertAsync(OrganisationHost.Person("senior", wants: [new WantedSkill(skill, SkillLevel.None, SkillLevel.Working)], level: 7), CancellationToken.None);
        await profiles.InsertAsync(OrganisationHost.Person("lead", level: 5), CancellationToken.None);
        await profiles.InsertAsync(OrganisationHost.Person("junior", offers: [new OfferedSkill(skill, SkillLevel.Expert)], level: 2), CancellationToken.None);
        await profiles.InsertAsync(OrganisationHost.Person("outsider", offers: [new OfferedSkill(skill, SkillLevel.Practitioner)], level: 2), CancellationToken.None);
        var index = host.Get<LiveMatchingIndex>();

        var before = await RankAsync(host, index, skill);
        Assert.Contains("junior", before);

        await host.Get<DirectorySync>().SyncAsync(null, CancellationToken.None);
        var after = await RankAsync(host, index, skill);

        Assert.DoesNotContain("junior", after);
        Assert.Contains("outsider", after);
        var senior = (await profiles.GetAsync(new UserId("senior"), CancellationToken.None))!;
        var state = await index.ReadLearnerAsync(senior, [], CancellationToken.None);
        Assert.False(await index.IsStillEligibleAsync(null, state, new MatchRequest(senior.Value.Id, skill), new UserId("junior"), null, CancellationToken.None));
    }

    [Fact]
    public async Task ManagerLoopInTheDirectory_IsLoggedWithoutNamesAndMatchingStillAnswers()
    {
        _graph.AddRange([
            new StubUser("x") { ManagerId = "y" },
            new StubUser("y") { ManagerId = "x" },
            new StubUser("self") { ManagerId = "self" },
            new StubUser("helper"),
        ]);
        using var host = new OrganisationHost(_graph);
        var profiles = host.Get<IProfileStore>();
        var skill = new SkillId("generative-ai");
        await profiles.InsertAsync(OrganisationHost.Person("x", wants: [new WantedSkill(skill, SkillLevel.None, SkillLevel.Working)]), CancellationToken.None);
        await profiles.InsertAsync(OrganisationHost.Person("y", offers: [new OfferedSkill(skill, SkillLevel.Expert)]), CancellationToken.None);
        await profiles.InsertAsync(OrganisationHost.Person("self"), CancellationToken.None);
        await profiles.InsertAsync(OrganisationHost.Person("helper", offers: [new OfferedSkill(skill, SkillLevel.Expert)]), CancellationToken.None);

        var round = await host.Get<DirectorySync>().SyncAsync(null, CancellationToken.None);

        Assert.Equal(2, round.ManagerLoops);
        var line = Assert.Single(host.Lines, l => l.Contains("loops back", StringComparison.Ordinal));
        Assert.Contains("2 people", line, StringComparison.Ordinal);
        Assert.Null((await profiles.GetAsync(new UserId("self"), CancellationToken.None))!.Value.ManagerId);
        var ranked = await RankAsync(host, host.Get<LiveMatchingIndex>(), skill, "x");
        Assert.Equal(["helper"], ranked);
        AssertNoPersonalData(host);
    }

    [Fact]
    public async Task UsersWithoutAMailbox_404And403_AreSyncedWithAClearLineAndNoMailboxFacts()
    {
        _graph.AddRange([
            new StubUser("nobox") { Mail = "nobox@contoso.example", MailboxTimeZone = null },
            new StubUser("policy") { Mail = "policy@contoso.example", MailboxForbidden = true },
            new StubUser("ok") { Mail = "ok@contoso.example", MailboxTimeZone = "Pacific Standard Time" },
        ]);
        using var host = new OrganisationHost(_graph);
        var profiles = host.Get<IProfileStore>();
        foreach (var id in new[] { "nobox", "policy", "ok" })
        {
            await profiles.InsertAsync(OrganisationHost.Person(id), CancellationToken.None);
        }

        var round = await host.Get<DirectorySync>().SyncAsync(null, CancellationToken.None);

        Assert.Equal(2, round.WithoutMailbox);
        Assert.Equal(3, round.Applied);
        var store = host.Get<IDirectoryStore>();
        Assert.False((await store.GetAsync(null, new UserId("nobox"), CancellationToken.None))!.HasMailbox);
        Assert.False((await store.GetAsync(null, new UserId("policy"), CancellationToken.None))!.HasMailbox);
        Assert.Equal("Pacific Standard Time", (await store.GetAsync(null, new UserId("ok"), CancellationToken.None))!.MailboxTimeZone);
        Assert.Contains(host.Lines, l => l.Contains("no readable mailbox (Graph 404, MailboxNotEnabledForRESTAPI)", StringComparison.Ordinal));
        Assert.Contains(host.Lines, l => l.Contains("no readable mailbox (Graph 403, ErrorAccessDenied)", StringComparison.Ordinal));
        AssertNoPersonalData(host);
    }

    [Fact]
    public async Task TokenFailure_WorkerLogsWhatToCheck_AndTheBotKeepsWhatItKnows()
    {
        _graph.Add(new StubUser("a") { ManagerId = "b" });
        using var host = new OrganisationHost(_graph, tokenFails: true);
        var profiles = host.Get<IProfileStore>();
        await profiles.InsertAsync(OrganisationHost.Person("a", email: "a@contoso.example"), CancellationToken.None);

        var ran = await host.Get<DirectorySyncWorker>().RunOnceAsync(CancellationToken.None);

        Assert.False(ran);
        Assert.Equal(0, _graph.Requests.Values.Sum());
        Assert.Contains(host.Lines, l => l.StartsWith("Error: No Microsoft Graph token for users/delta (AuthenticationFailedException)", StringComparison.Ordinal));
        Assert.Contains(host.Lines, l => l.Contains("Directory sync failed (TokenUnavailable)", StringComparison.Ordinal));
        Assert.DoesNotContain(host.Lines, l => l.Contains("not-a-real-secret", StringComparison.Ordinal));
        Assert.Equal("a@contoso.example", (await profiles.GetAsync(new UserId("a"), CancellationToken.None))!.Value.Email);
        Assert.Null(await host.Get<IDirectoryStore>().GetDeltaLinkAsync(null, CancellationToken.None));
    }

    [Fact]
    public async Task ExpiredDeltaLink_StartsAFullRoundAgain()
    {
        _graph.AddRange(Enumerable.Range(0, 30).Select(i => new StubUser(Id(i))));
        _graph.PageSize = 10;
        using var host = new OrganisationHost(_graph);
        await host.Get<IProfileStore>().InsertAsync(OrganisationHost.Person(Id(3)), CancellationToken.None);
        var sync = host.Get<DirectorySync>();
        await sync.SyncAsync(null, CancellationToken.None);

        _graph.DeltaTokensExpired = true;
        var round = await sync.SyncAsync(null, CancellationToken.None);

        Assert.True(round.FullRound);
        Assert.Equal(3, round.Pages);
        Assert.Equal(3 + 1 + 3, _graph.Count("delta"));
        Assert.Contains(host.Lines, l => l.Contains("delta link expired", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TwoInstancesOnOneStorage_OnlyTheLeaseHolderSyncs()
    {
        _graph.AddRange(Enumerable.Range(0, 30).Select(i => new StubUser(Id(i))));
        _graph.PageSize = 10;
        var folder = Path.Combine(Path.GetTempPath(), "mentorbot-lease-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            // A single-tenant deployment: the Graph tenant is the default one, so its people are Core's null tenant.
            var tenant = new Dictionary<string, string?> { ["Bot:DefaultTenantId"] = "00000000-0000-0000-0000-000000000001" };
            using var first = new OrganisationHost(_graph, settings: tenant, dataFolder: folder);
            using var second = new OrganisationHost(_graph, settings: tenant, dataFolder: folder);
            await first.Get<IProfileStore>().InsertAsync(OrganisationHost.Person(Id(4)), CancellationToken.None);

            var ranFirst = await first.Get<DirectorySyncWorker>().RunOnceAsync(CancellationToken.None);
            var ranSecond = await second.Get<DirectorySyncWorker>().RunOnceAsync(CancellationToken.None);
            var ranFirstAgain = await first.Get<DirectorySyncWorker>().RunOnceAsync(CancellationToken.None);

            Assert.True(ranFirst);
            Assert.False(ranSecond);
            Assert.True(ranFirstAgain);
            Assert.Equal(3 + 1, _graph.Count("delta"));
            Assert.Equal(1, _graph.Count("mailbox"));
            Assert.NotNull(await second.Get<IDirectoryStore>().GetDeltaLinkAsync(null, CancellationToken.None));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task WithoutGraph_NothingIsCalledAndProfilesStayAsTheyAre()
    {
        _graph.Add(new StubUser("a") { ManagerId = "b" });
        using var host = new OrganisationHost(_graph, graphOn: false);
        await host.Get<IProfileStore>().InsertAsync(OrganisationHost.Person("a"), CancellationToken.None);

        var round = await host.Get<DirectorySync>().SyncAsync(null, CancellationToken.None);

        Assert.IsType<NoDirectory>(host.Get<IDirectory>());
        Assert.Equal(0, round.Pages);
        Assert.Equal(0, _graph.Requests.Values.Sum());
        Assert.Null((await host.Get<IProfileStore>().GetAsync(new UserId("a"), CancellationToken.None))!.Value.ManagerId);
    }

    private static string Id(int i) => $"u{i:D5}";

    private static async Task<List<string>> RankAsync(OrganisationHost host, LiveMatchingIndex index, SkillId skill, string learner = "senior")
    {
        var senior = (await host.Get<IProfileStore>().GetAsync(new UserId(learner), CancellationToken.None))!;
        var state = await index.ReadLearnerAsync(senior, [], CancellationToken.None);
        var result = await index.RankAsync(null, state, new MatchRequest(senior.Value.Id, skill), 0, null, CancellationToken.None);
        return [.. result.Candidates.Select(c => c.Mentor.Id.AadObjectId)];
    }

    private static void AssertNoPersonalData(OrganisationHost host)
    {
        foreach (var id in new[] { "@contoso.example", "nobox", "policy", "\"x\"", " x ", "helper" })
        {
            Assert.False(host.Lines.Any(l => l.Contains(id, StringComparison.Ordinal)), "A log line names a person: " + host.Lines.FirstOrDefault(l => l.Contains(id, StringComparison.Ordinal)));
        }
    }
}
