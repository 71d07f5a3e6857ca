using MentorBot.Bot.Storage;
using MentorBot.Bot.Storage.Programs;
using MentorBot.Core.Matching;
using MentorBot.Core.Matching.Cohort;
using MentorBot.Core.Persistence;
using MentorBot.Core.Profiles;
using MentorBot.Core.Programs;
using MentorBot.Core.Programs.Rounds;
using MentorBot.Core.Skills;
using MentorBot.Core.Tenants;
using MentorBot.Core;

namespace MentorBot.Storage.Tests;

public abstract partial class TableEngineContractTests
{
    [Fact]
    public async Task RoundStore_InsertPublishAndGet_RoundTripsThePreviewPerProgram()
    {
        var engine = new PrefixedEngine(Engine, "k" + Guid.NewGuid().ToString("N")[..10]);
        await engine.GetTable(TableProgramStore.TableName).CreateIfNotExistsAsync(None);
        var store = new TableRoundStore(engine);
        var programs = new TableProgramStore(engine);
        await programs.InsertAsync(NewProgram("p-1", "Pilot"), None);
        var ann = new UserId("0b7e5f4a-0000-4000-8000-000000000001");
        var mo = new UserId("0b7e5f4a-0000-4000-8000-000000000002");
        var round = new ProgramRound(
            new RoundId("round-1"),
            new ProgramId("p-1"),
            ProgramOwner,
            ProgramNow,
            [new RoundPair(ann, mo, new SkillId("power-bi"), 0.81, ["Power BI: expert vs. their aware", "different department (Data)"])
            {
                // Reasons are data since decision 0381; the stored round keeps them as written.
                Factors = [new FactorScore(MatchFactor.SkillGap, 0.4, new MatchFacts(
                    new SkillId("power-bi"), SkillLevel.Expert, SkillLevel.Aware, new SkillId("negotiation"), 270, "Data", false, "sv", 1, 2, 3, ProgramNow.AddDays(-400)))],
            }],
            [new RoundUnmatched(mo, new SkillId("negotiation"), UnmatchedReason.NoEligibleMentor, "Nobody offers Negotiation yet."),
             new RoundUnmatched(ann, new SkillId("negotiation"), UnmatchedReason.NoEligibleMentor, null)
             {
                 Nobody = new NobodyAvailable(new SkillId("negotiation"), false, 3, new Dictionary<ExclusionReason, int> { [ExclusionReason.AtCapacity] = 2, [ExclusionReason.ReportingLine] = 1 }),
             }],
            [new RoundUnusedMentor(ann, 1, UnusedMentorReason.NoMatchingRequest)]);

        var first = await store.InsertAsync(round, None);
        var published = round with { State = RoundState.Published, PublishedBy = ProgramOwner, PublishedAt = ProgramNow.AddMinutes(5) };
        await store.ReplaceAsync(published, first, None);
        var read = (await store.GetAsync(round.Program, round.Id, None))!.Value;

        Assert.Equal((RoundState.Published, ProgramOwner, ProgramNow.AddMinutes(5)), (read.State, read.PublishedBy, read.PublishedAt));
        Assert.Equal(round.Pairs[0].Reasons, read.Pairs[0].Reasons);
        Assert.Equal((ann, mo, new SkillId("power-bi"), 0.81), (read.Pairs[0].Learner, read.Pairs[0].Mentor, read.Pairs[0].Skill, read.Pairs[0].Score));
        Assert.Equal(round.Pairs[0].Factors, read.Pairs[0].Factors);
        Assert.Equal(round.Unmatched.Select(u => (u.Learner, u.Reason, u.Text)), read.Unmatched.Select(u => (u.Learner, u.Reason, u.Text)));
        Assert.Null(read.Unmatched[0].Nobody);
        Assert.Equal((3, 2, 1), (read.Unmatched[1].Nobody!.Others, read.Unmatched[1].Nobody!.Excluded[ExclusionReason.AtCapacity], read.Unmatched[1].Nobody!.Excluded[ExclusionReason.ReportingLine]));
        Assert.Equal(round.UnusedMentors, read.UnusedMentors);
        Assert.Null(await store.GetAsync(new ProgramId("p-2"), round.Id, None));
        Assert.Equal(["Pilot"], (await programs.ListAsync(None)).Select(p => p.Value.Name));
        Assert.Equal(ConcurrencyConflictKind.PreconditionFailed, (await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.ReplaceAsync(round, first, None))).Kind);
    }

    [Fact]
    public async Task RoundStore_List_NewestFirstOnlyThisProgramAndNeverAnotherTenantsRow()
    {
        var engine = new PrefixedEngine(Engine, "k" + Guid.NewGuid().ToString("N")[..10]);
        await engine.GetTable(TableProgramStore.TableName).CreateIfNotExistsAsync(None);
        var store = new TableRoundStore(engine);
        var programs = new TableProgramStore(engine);
        await programs.InsertAsync(NewProgram("p-1", "Pilot") with { Tenant = new TenantId("tenant-a") }, None);
        await programs.InsertAsync(NewProgram("p-2", "Other") with { Tenant = new TenantId("tenant-a") }, None);
        ProgramRound Round(string id, string program, int day) =>
            new(new RoundId(id), new ProgramId(program), ProgramOwner, ProgramNow.AddDays(day), [], [], []);
        await store.InsertAsync(Round("round-old", "p-1", 1), None);
        await store.InsertAsync(Round("round-new", "p-1", 3), None);
        await store.InsertAsync(Round("round-mid", "p-1", 2), None);
        await store.InsertAsync(Round("round-elsewhere", "p-2", 4), None);
        // A row in this program's partition stamped with another tenant (a forged or misfiled write) is never listed.
        var table = engine.GetTable(TableProgramStore.TableName);
        var copied = (await table.GetAsync("round|p-1", "round-mid", None))!;
        var foreign = new TableEntity(copied.PartitionKey, "round-foreign");
        foreach (var (name, value) in copied.Properties)
        {
            foreign[name] = value;
        }

        foreign["TenantId"] = "tenant-b";
        await table.InsertAsync(foreign, None);

        var listed = await store.ListAsync(new ProgramId("p-1"), None);

        Assert.Equal(["round-new", "round-mid", "round-old"], listed.Select(r => r.Value.Id.Value));
        Assert.Empty(await store.ListAsync(new ProgramId("p-none"), None));
    }
}
