using MentorBot.Bot.Storage;
using MentorBot.Bot.Storage.Programs;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Persistence;
using MentorBot.Core.Profiles;
using MentorBot.Core.Programs;
using MentorBot.Core.Skills;
using NodaTime;
using MentorBot.Core;

namespace MentorBot.Storage.Tests;

public abstract partial class TableEngineContractTests
{
    private static readonly DateTimeOffset ProgramNow = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly UserId ProgramOwner = new("0b7e5f4a-0000-4000-8000-00000000000a");

    [Fact]
    public async Task ProgramStore_InsertGetAndList_RoundTripsEveryFieldOrderedByName()
    {
        var store = await NewProgramStoreAsync();
        var leadership = NewProgram("p-leadership", "Leadership learns short video");
        await store.InsertAsync(leadership, None);
        await store.InsertAsync(NewProgram("p-finance", "Finance and GenAI"), None);

        var read = await store.GetAsync(leadership.Id, None);
        var listed = await store.ListAsync(None);

        Assert.NotNull(read);
        Assert.Equal(leadership.Name, read.Value.Name);
        Assert.Equal(leadership.Goals.Purpose, read.Value.Goals.Purpose);
        Assert.Equal(leadership.Goals.TargetSkills, read.Value.Goals.TargetSkills);
        Assert.Equal(leadership.Cohort, read.Value.Cohort);
        Assert.Equal(leadership.Meetings, read.Value.Meetings);
        Assert.Equal(leadership.ReOfferWindow, read.Value.ReOfferWindow);
        Assert.Equal(leadership.Owners, read.Value.Owners);
        Assert.True(read.Value.ManagersMayBeCopied);
        Assert.Equal(["Finance and GenAI", "Leadership learns short video"], listed.Select(p => p.Value.Name));
        Assert.Null(await store.GetAsync(new ProgramId("p-missing"), None));
    }

    [Fact]
    public async Task ProgramStore_ReplaceWithStaleETag_ThrowsConflictAndKeepsTheFirstOwnersChange()
    {
        var store = await NewProgramStoreAsync();
        var program = NewProgram("p-1", "Pilot");
        var first = await store.InsertAsync(program, None);
        await store.ReplaceAsync(program with { Name = "Pilot, renamed by one owner" }, first, None);

        var lost = await Assert.ThrowsAsync<ConcurrencyConflictException>(
            () => store.ReplaceAsync(program with { Name = "Pilot, renamed by another" }, first, None));

        Assert.Equal(ConcurrencyConflictKind.PreconditionFailed, lost.Kind);
        Assert.Equal("Pilot, renamed by one owner", (await store.GetAsync(program.Id, None))!.Value.Name);
        Assert.Equal(ConcurrencyConflictKind.EntityExists, (await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.InsertAsync(program, None))).Kind);
    }

    [Fact]
    public async Task EnrolmentStore_InsertConfirmAndList_RoundTripsPerProgram()
    {
        var store = await NewEnrolmentStoreAsync();
        var program = new ProgramId("p-1");
        var ada = new UserId("0b7e5f4a-0000-4000-8000-000000000001");
        var bo = new UserId("0b7e5f4a-0000-4000-8000-000000000002");
        await store.InsertAsync(Enrolment.Invite(program, bo, ProgramNow), None);
        await store.InsertAsync(Enrolment.SelfEnrol(program, ada, ProgramNow), None);
        await store.InsertAsync(Enrolment.Invite(new ProgramId("p-2"), ada, ProgramNow), None);

        var invited = (await store.GetAsync(program, bo, None))!;
        await store.ReplaceAsync(invited.Value.Confirm(ProgramNow.AddDays(1)), invited.ETag, None);
        var listed = await store.ListAsync(program, None);

        Assert.Equal([ada, bo], listed.Select(e => e.Value.Person));
        var confirmed = listed[1].Value;
        Assert.Equal(EnrolmentState.Consented, confirmed.State);
        Assert.Equal(new Consent(ProgramNow.AddDays(1), ConsentSource.ImportedAndConfirmed), confirmed.Consent);
        Assert.Equal(EnrolmentOrigin.Imported, confirmed.Origin);
        Assert.Null(await store.GetAsync(program, new UserId("nobody"), None));
    }

    [Fact]
    public async Task EnrolmentStore_ReplaceWithStaleETag_ThrowsConflict()
    {
        var store = await NewEnrolmentStoreAsync();
        var enrolment = Enrolment.Invite(new ProgramId("p-1"), new UserId("aad-1"), ProgramNow);
        var stale = await store.InsertAsync(enrolment, None);
        await store.ReplaceAsync(enrolment.Confirm(ProgramNow.AddHours(1)), stale, None);

        var lost = await Assert.ThrowsAsync<ConcurrencyConflictException>(
            () => store.ReplaceAsync(enrolment.Decline(ProgramNow.AddHours(2)), stale, None));

        Assert.Equal(ConcurrencyConflictKind.PreconditionFailed, lost.Kind);
        Assert.Equal(EnrolmentState.Consented, (await store.GetAsync(enrolment.Program, enrolment.Person, None))!.Value.State);
    }

    [Fact]
    public async Task ConcernStore_AddDecideAndList_SavesStateWithItsAuditEntry()
    {
        var store = await NewConcernStoreAsync();
        var program = NewProgram("p-1", "Pilot");
        var concern = NewConcern("c-1", program.Id, ProgramNow);
        var added = await store.AddAsync(concern, None);
        await store.AddAsync(NewConcern("c-2", program.Id, ProgramNow.AddHours(1)), None);
        await store.AddAsync(NewConcern("c-3", new ProgramId("p-2"), ProgramNow), None);

        var decided = Assert.IsType<ConcernDecision.Decided>(
            concern.Handle(new OwnerAction.PausePairing(ProgramOwner, "Talked to both."), program, ProgramNow.AddDays(1)));
        await store.SaveAsync(decided.Concern, added, decided.Audit, None);
        var read = (await store.GetAsync(program.Id, concern.Id, None))!;
        var closed = Assert.IsType<ConcernDecision.Decided>(
            read.Value.Handle(new OwnerAction.Close(ProgramOwner, "Pair ended well."), program, ProgramNow.AddDays(2)));
        await store.SaveAsync(closed.Concern, read.ETag, closed.Audit, None);

        var listed = await store.ListAsync(program.Id, None);
        var audit = await store.ListAuditAsync(program.Id, concern.Id, None);
        Assert.Equal(["c-1", "c-2"], listed.Select(c => c.Value.Id.Value));
        Assert.Equal(ConcernState.Resolved, listed[0].Value.State);
        Assert.Equal("It isn't working for me.", listed[0].Value.Text);
        Assert.Equal([OwnerActionKind.PausePairing, OwnerActionKind.Close], audit.Select(a => a.Action));
        Assert.Equal([decided.Audit, closed.Audit], audit);
        Assert.Empty(await store.ListAuditAsync(program.Id, new ConcernId("c-2"), None));
    }

    [Fact]
    public async Task ConcernStore_SaveWithStaleETag_ThrowsConflictAndWritesNoAuditEntry()
    {
        var store = await NewConcernStoreAsync();
        var program = NewProgram("p-1", "Pilot");
        var concern = NewConcern("c-1", program.Id, ProgramNow);
        var stale = await store.AddAsync(concern, None);
        var first = (ConcernDecision.Decided)concern.Handle(new OwnerAction.Acknowledge(ProgramOwner), program, ProgramNow.AddHours(1));
        await store.SaveAsync(first.Concern, stale, first.Audit, None);
        var second = (ConcernDecision.Decided)concern.Handle(new OwnerAction.Close(ProgramOwner, "Closing."), program, ProgramNow.AddHours(2));

        var lost = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.SaveAsync(second.Concern, stale, second.Audit, None));

        Assert.Equal(ConcurrencyConflictKind.PreconditionFailed, lost.Kind);
        Assert.Equal(ConcernState.Acknowledged, (await store.GetAsync(program.Id, concern.Id, None))!.Value.State);
        Assert.Equal([OwnerActionKind.Acknowledge], (await store.ListAuditAsync(program.Id, concern.Id, None)).Select(a => a.Action));
    }

    private static MentoringProgram NewProgram(string id, string name) => new(
        new ProgramId(id),
        name,
        new ProgramGoals("The leadership team learns how younger customers use short video.", [new SkillId("short-form-video"), new SkillId("power-bi")]),
        new CohortDates(new LocalDate(2026, 3, 1), new LocalDate(2026, 8, 31)),
        new MeetingDefaults(2, TimeSpan.FromMinutes(45)),
        TimeSpan.FromHours(48),
        [ProgramOwner, new UserId("0b7e5f4a-0000-4000-8000-00000000000b")],
        ManagersMayBeCopied: true);

    private static Concern NewConcern(string id, ProgramId program, DateTimeOffset at) => Concern.Raise(
        new ConcernId(id), program, new MentorshipId("m-1"), new UserId("aad-j"), "It isn't working for me.", at, about: new UserId("aad-s"));

    private async Task<IProgramStore> NewProgramStoreAsync()
    {
        var engine = new PrefixedEngine(Engine, "k" + Guid.NewGuid().ToString("N")[..10]);
        await engine.GetTable(TableProgramStore.TableName).CreateIfNotExistsAsync(None);
        return new TableProgramStore(engine);
    }

    private async Task<IEnrolmentStore> NewEnrolmentStoreAsync()
    {
        var engine = new PrefixedEngine(Engine, "k" + Guid.NewGuid().ToString("N")[..10]);
        await engine.GetTable(TableEnrolmentStore.TableName).CreateIfNotExistsAsync(None);
        return new TableEnrolmentStore(engine);
    }

    private async Task<IConcernStore> NewConcernStoreAsync()
    {
        var engine = new PrefixedEngine(Engine, "k" + Guid.NewGuid().ToString("N")[..10]);
        await engine.GetTable(TableConcernStore.TableName).CreateIfNotExistsAsync(None);
        return new TableConcernStore(engine);
    }
}
