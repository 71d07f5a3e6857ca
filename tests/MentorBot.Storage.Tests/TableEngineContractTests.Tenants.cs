using MentorBot.Bot.Programs;
using MentorBot.Bot.Storage;
using MentorBot.Bot.Storage.CheckIns;
using MentorBot.Bot.Storage.Conversations;
using MentorBot.Bot.Storage.Nudges;
using MentorBot.Bot.Storage.Mentoring;
using MentorBot.Bot.Storage.Profiles;
using MentorBot.Bot.Storage.Programs;
using MentorBot.Core.CheckIns;
using MentorBot.Core.Matching;
using MentorBot.Core.Matching.Cohort;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Profiles;
using MentorBot.Core.Programs;
using MentorBot.Core.Programs.Reporting;
using MentorBot.Core.Programs.Rounds;
using MentorBot.Core.Requests;
using MentorBot.Core.Skills;
using MentorBot.Core.Tenants;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NodaTime;
using MentorBot.Core;
using MentorBot.Core.Outbox;

namespace MentorBot.Storage.Tests;

/// <summary>
/// Two tenants on one store (decision 0230). Tenant A is the deployment's default tenant, so its reads take the
/// "rows from before tenants" path; tenant B's reads take the property filter. Tenant B's junior is the stronger
/// candidate and is (by a crafted enrolment and pairing) even attached to A's program: none of it may reach A.
/// </summary>
public abstract partial class TableEngineContractTests
{
    private static readonly TenantId TenantA = new("aaaaaaaa-0000-4000-8000-000000000001");
    private static readonly TenantId TenantB = new("bbbbbbbb-0000-4000-8000-000000000002");
    private static readonly SkillId PowerBi = new("power-bi");
    private static readonly UserId OwnerA = new("0a000000-0000-4000-8000-0000000000a0");
    private static readonly UserId SeniorA = new("0a000000-0000-4000-8000-0000000000a1");
    private static readonly UserId JuniorA = new("0a000000-0000-4000-8000-0000000000a2");
    private static readonly UserId FormerA = new("0a000000-0000-4000-8000-0000000000a3");
    private static readonly UserId OwnerB = new("0b000000-0000-4000-8000-0000000000b0");
    private static readonly UserId SeniorB = new("0b000000-0000-4000-8000-0000000000b1");
    private static readonly UserId JuniorB = new("0b000000-0000-4000-8000-0000000000b2");

    [Fact]
    public async Task Tenants_TwoOnOneStore_RankingSeesOnlyTheSeniorsOwnTenant()
    {
        var world = await TwoTenantsAsync();

        var forA = world.Rank(await world.Snapshots.LoadForAsync(SeniorA, null, ProgramNow, None), SeniorA);
        var forB = world.Rank(await world.Snapshots.LoadForAsync(SeniorB, TenantB, ProgramNow, None), SeniorB);

        Assert.Equal([JuniorA], forA);
        Assert.DoesNotContain(JuniorA, forB);
        Assert.DoesNotContain((await world.Snapshots.LoadAsync(ProgramNow, null, None)).Profiles, p => p.Tenant is not null);
        Assert.All((await world.Snapshots.LoadAsync(ProgramNow, TenantB, None)).Profiles, p => Assert.Equal(TenantB, p.Tenant));
    }

    [Fact]
    public async Task Tenants_TwoOnOneStore_ARoundPairsOnlyPeopleOfTheProgramsTenant()
    {
        var world = await TwoTenantsAsync();

        var ready = Assert.IsType<RoundPreviewOutcome.Ready>(await world.Rounds.PreviewAsync(world.ProgramA, OwnerA, None));

        var pair = Assert.Single(ready.Round.Pairs);
        Assert.Equal((SeniorA, JuniorA), (pair.Learner, pair.Mentor));
        Assert.DoesNotContain(ready.Round.UnusedMentors, u => u.Mentor == JuniorB);
        Assert.False(ready.People.ContainsKey(JuniorB));
        Assert.Empty(await world.Rounds.ListOwnedAsync(OwnerA, TenantB, None));
        Assert.IsType<RoundPreviewOutcome.NotAnOwner>(await world.Rounds.PreviewAsync(world.ProgramA, OwnerB, None));
    }

    [Fact]
    public async Task Tenants_TwoOnOneStore_DashboardMetricsAndExportsNameOnlyTheProgramsTenant()
    {
        var world = await TwoTenantsAsync();

        var activity = await world.Activity.LoadAsync(world.ProgramA, None);
        // The page, /programs/{id}/metrics and the status card are all computed from exactly this activity.
        using var pairings = new StringWriter();
        ProgramCsvExport.WritePairings(pairings, activity.Pairings);
        var other = await world.Activity.LoadAsync(world.ProgramB, None);

        Assert.Equal([SeniorA, JuniorA, FormerA], activity.Participants.Select(p => p.Person));
        Assert.Equal((SeniorA, FormerA), (Assert.Single(activity.Pairings).Senior, activity.Pairings[0].Junior));
        Assert.DoesNotContain(activity.Pairings, p => p.Senior == SeniorB || p.Junior == JuniorB);
        Assert.DoesNotContain(activity.Requests, r => r.Senior == SeniorB);
        Assert.DoesNotContain("Bea", pairings.ToString(), StringComparison.Ordinal);
        Assert.Contains("Alma", pairings.ToString(), StringComparison.Ordinal);
        Assert.Equal([SeniorB, JuniorB], other.Participants.Select(p => p.Person).OrderBy(p => p == JuniorB));
        Assert.All(other.Pairings, p => Assert.Equal((SeniorB, JuniorB), (p.Senior, p.Junior)));
    }

    [Fact]
    public async Task Tenants_RowsFromBeforeTenants_BelongToTheDefaultTenantAndAreStampedOnTheNextWrite()
    {
        var engine = new PrefixedEngine(Engine, "t" + Guid.NewGuid().ToString("N")[..10]);
        var table = engine.GetTable(TableProfileStore.TableName);
        await table.CreateIfNotExistsAsync(None);
        var legacyWriter = new TableProfileStore(engine);
        await legacyWriter.InsertAsync(SampleProfile("0c000000-0000-4000-8000-000000000001"), None);
        Assert.False((await table.GetAsync(TableProfileStore.Partition, "0c000000-0000-4000-8000-000000000001", None))!.TryGet("TenantId", out _));
        var store = new TableProfileStore(engine, new DefaultTenant(TenantA));

        var asDefault = await ListAllAsync(store, null);
        var asOther = await ListAllAsync(store, TenantB);
        var read = (await store.GetAsync(new UserId("0c000000-0000-4000-8000-000000000001"), None))!;
        await store.ReplaceAsync(read.Value with { Capacity = 3 }, read.ETag, None);

        Assert.Equal(["0c000000-0000-4000-8000-000000000001"], asDefault);
        Assert.Empty(asOther);
        Assert.Null(read.Value.Tenant);
        Assert.Equal(TenantA.Value, (await table.GetAsync(TableProfileStore.Partition, "0c000000-0000-4000-8000-000000000001", None))!["TenantId"].AsString());
    }

    private static async Task<List<string>> ListAllAsync(IProfileStore store, TenantId? tenant)
    {
        var ids = new List<string>();
        string? token = null;
        do
        {
            var page = await store.ListInTenantAsync(tenant, 1, token, None);
            ids.AddRange(page.Items.Select(p => p.Value.Id.AadObjectId));
            token = page.ContinuationToken;
        }
        while (token is not null);

        return ids;
    }

    private async Task<TwoTenants> TwoTenantsAsync()
    {
        var engine = new PrefixedEngine(Engine, "t" + Guid.NewGuid().ToString("N")[..10]);
        foreach (var name in new[] { TableProfileStore.TableName, TableProgramStore.TableName, TableEnrolmentStore.TableName, TableMentoringStore.TableName, TableCheckInStore.TableName, TableConcernStore.TableName, TableNudgeOutbox.TableName, TableConversationReferenceStore.TableName })
        {
            await engine.GetTable(name).CreateIfNotExistsAsync(None);
        }

        // Tenant A is the default tenant: Core writes it as null (decision 0231).
        var legacy = new DefaultTenant(TenantA);
        var profiles = new TableProfileStore(engine, legacy);
        var programs = new TableProgramStore(engine, legacy);
        var enrolments = new TableEnrolmentStore(engine);
        var mentoring = new TableMentoringStore(engine, legacy);
        var checkIns = new TableCheckInStore(engine);
        var clock = new FixedClock(ProgramNow);

        var programA = NewProgram("p-a", "Alpha learns") with { Owners = [OwnerA] };
        var programB = NewProgram("p-b", "Beta learns") with { Owners = [OwnerB], Tenant = TenantB };
        await programs.InsertAsync(programA, None);
        await programs.InsertAsync(programB, None);

        await profiles.InsertAsync(Person(SeniorA, "Alma Senior", learns: true), None);
        await profiles.InsertAsync(Person(JuniorA, "Aki Junior", learns: false) with { Level = new CareerLevel(2) }, None);
        await profiles.InsertAsync(Person(FormerA, "Ari Former", learns: false) with { Offers = [] }, None);
        await profiles.InsertAsync(Person(SeniorB, "Bo Senior", learns: true) with { Tenant = TenantB }, None);
        // B's junior is the better fit on every factor, so only the tenant can keep them out of A's ranking.
        await profiles.InsertAsync(Person(JuniorB, "Bea Junior", learns: false) with { Tenant = TenantB, Capacity = 3 }, None);

        foreach (var (program, person) in new[] { (programA.Id, SeniorA), (programA.Id, JuniorA), (programA.Id, FormerA), (programB.Id, SeniorB), (programB.Id, JuniorB), (programA.Id, JuniorB) })
        {
            await enrolments.InsertAsync(Enrolment.SelfEnrol(program, person, ProgramNow.AddDays(-30)), None);
        }

        var started = ProgramNow.AddDays(-20);
        var cadence = new Cadence(TimeSpan.FromDays(14), TimeSpan.FromMinutes(30));
        var pairB = Mentorship.Start(new MentorshipId("m-b"), SeniorB, JuniorB, PowerBi, programB.Id, started, started.AddDays(90), cadence).Value! with { Tenant = TenantB };
        var strayB = Mentorship.Start(new MentorshipId("m-stray"), SeniorB, JuniorB, PowerBi, programA.Id, started, started.AddDays(90), cadence).Value! with { Tenant = TenantB };
        // A's senior had an earlier pairing (ended) with someone who no longer teaches.
        var pairA = Mentorship.Start(new MentorshipId("m-a"), SeniorA, FormerA, new SkillId("short-form-video"), programA.Id, started, started.AddDays(90), cadence).Value!
            .End(EndReason.Completed, started.AddDays(10)).Value!;
        foreach (var (pair, request) in new[] { (pairB, "r-b"), (strayB, "r-stray"), (pairA, "r-a") })
        {
            var asked = MentoringRequest.Create(new RequestId(request), pair.Senior, pair.Skill, null, MeetingFormat.Call, Urgency.NoRush, started) with { Tenant = pair.Tenant };
            var etag = await mentoring.InsertAsync(asked, None);
            var accepted = asked with { Status = RequestStatus.Matched, MatchedWith = pair.Junior, ClosedAt = started };
            await mentoring.ReplaceAndStartMentorshipAsync(accepted, etag, pair, None);
        }

        var ranker = new CandidateRanker(new MatchingOptions(), SkillCatalog.Default);
        var snapshots = new MatchingSnapshotLoader(profiles, mentoring, mentoring);
        var live = new LiveMatchingIndex(profiles, mentoring, mentoring, ranker, new InProcessChangeMarker(), Options.Create(new RequestOptions()), clock, NullLogger<LiveMatchingIndex>.Instance);
        var membership = new ProgramMembership(programs, enrolments, profiles, clock, live);
        var service = new MentoringService(
            mentoring, profiles, live, ranker, SkillCatalog.Default, new SilentDelivery(), membership,
            Options.Create(new RequestOptions()), Options.Create(new CheckInOptions()), clock, NullLogger<MentoringService>.Instance);
        var rounds = new ProgramRoundService(
            programs, enrolments, new TableRoundStore(engine), mentoring, mentoring, snapshots, new ExactCohortMatcher(ranker), service, clock,
            NullLogger<ProgramRoundService>.Instance);
        var activity = new ProgramActivityLoader(programs, enrolments, profiles, mentoring, mentoring, checkIns, new TableRoundStore(engine));
        return new TwoTenants(programA.Id, programB.Id, snapshots, ranker, rounds, activity) { Engine = engine };
    }

    private static Profile Person(UserId id, string name, bool learns) => new(
        id,
        name,
        null,
        learns ? "Leadership" : "Data",
        null,
        new CareerLevel(learns ? 9 : 3),
        "Europe/Stockholm",
        WorkingHours.Default,
        ["en"],
        2,
        Participation.Active,
        learns ? ProgramRole.Learn : ProgramRole.Teach,
        learns ? [] : [new OfferedSkill(PowerBi, learns ? SkillLevel.None : SkillLevel.Expert)],
        learns ? [new WantedSkill(PowerBi, SkillLevel.Aware, SkillLevel.Practitioner)] : []);

    private sealed record TwoTenants(
        ProgramId ProgramA, ProgramId ProgramB, MatchingSnapshotLoader Snapshots, CandidateRanker Ranker, ProgramRoundService Rounds, ProgramActivityLoader Activity)
    {
        public required ITableEngine Engine { get; init; }

        public IReadOnlyList<UserId> Rank(MatchingSnapshot snapshot, UserId senior) =>
            [.. Ranker.Rank(MatchingIndex.Build(snapshot), new MatchRequest(senior, PowerBi), 10).Candidates.Select(c => c.Mentor.Id)];
    }

    private sealed class SilentDelivery : IRequestMessageDelivery
    {
        public Task DeliverAsync(IReadOnlyList<RequestMessage> messages, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
