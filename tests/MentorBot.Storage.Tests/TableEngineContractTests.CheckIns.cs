using MentorBot.Bot.Storage;
using MentorBot.Bot.Storage.CheckIns;
using MentorBot.Core.CheckIns;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Persistence;
using MentorBot.Core.Profiles;
using MentorBot.Core.Skills;
using MentorBot.Core;

namespace MentorBot.Storage.Tests;

public abstract partial class TableEngineContractTests
{
    private static readonly DateTimeOffset CheckInNow = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task CheckInStore_InsertScheduleAndList_RoundTripsPerPairing()
    {
        var store = await NewCheckInStoreAsync(Engine);
        var pair = Pairing("m-1");
        var proposed = Proposal("c-1", pair, 1);
        await store.InsertAsync(proposed, None);
        await store.InsertAsync(Proposal("c-2", Pairing("m-2"), 1), None);

        var read = (await store.GetAsync(new CheckInId("c-1"), None))!;
        var booked = read.Value.Schedule(proposed.ProposedSlots[2], "https://teams.example/join").Unwrap();
        await store.ReplaceAsync(booked, read.ETag, None);

        var listed = Assert.Single(await store.ListAsync(pair.Id, None));
        Assert.Equal(CheckInStatus.Scheduled, listed.Status);
        Assert.Equal(proposed.ProposedSlots[2], listed.Meeting!.Slot);
        Assert.Equal("https://teams.example/join", listed.Meeting.JoinUrl);
        Assert.Equal(proposed.ProposedSlots, listed.ProposedSlots);
        Assert.Null(await store.GetAsync(new CheckInId("c-missing"), None));
    }

    [Fact]
    public async Task CheckInStore_TwoInstancesPickAtOnce_SecondWriteConflictsAndFirstPickStands()
    {
        var prefix = "k" + Guid.NewGuid().ToString("N")[..10];
        var one = await NewCheckInStoreAsync(Engine, prefix);
        var two = await NewCheckInStoreAsync(CreateSecondEngine(), prefix);
        var proposal = Proposal("c-1", Pairing("m-1"), 1);
        await one.InsertAsync(proposal, None);
        var readByOne = (await one.GetAsync(proposal.Id, None))!;
        var readByTwo = (await two.GetAsync(proposal.Id, None))!;

        await one.ReplaceAsync(readByOne.Value.Schedule(proposal.ProposedSlots[0]).Unwrap(), readByOne.ETag, None);
        var lost = await Assert.ThrowsAsync<ConcurrencyConflictException>(
            () => two.ReplaceAsync(readByTwo.Value.Schedule(proposal.ProposedSlots[1]).Unwrap(), readByTwo.ETag, None));

        Assert.Equal(ConcurrencyConflictKind.PreconditionFailed, lost.Kind);
        Assert.Equal(proposal.ProposedSlots[0], (await two.GetAsync(proposal.Id, None))!.Value.Meeting!.Slot);
    }

    [Fact]
    public async Task CheckInStore_DeleteAll_RemovesOnlyThatPairingsCheckIns()
    {
        var store = await NewCheckInStoreAsync(Engine);
        await store.InsertAsync(Proposal("c-1", Pairing("m-1"), 1), None);
        await store.InsertAsync(Proposal("c-2", Pairing("m-1"), 2), None);
        await store.InsertAsync(Proposal("c-3", Pairing("m-2"), 1), None);

        Assert.Equal(2, await store.DeleteAllAsync(new MentorshipId("m-1"), None));
        Assert.Empty(await store.ListAsync(new MentorshipId("m-1"), None));
        Assert.Single(await store.ListAsync(new MentorshipId("m-2"), None));
    }

    private static Mentorship Pairing(string id) => Mentorship.Start(
        new MentorshipId(id), new UserId("aad-s"), new UserId("aad-j"), new SkillId("power-bi"), null,
        CheckInNow, CheckInNow.AddMonths(3), new Cadence(TimeSpan.FromDays(14), TimeSpan.FromMinutes(30))).Unwrap();

    private static CheckIn Proposal(string id, Mentorship pairing, int number) => CheckIn.Propose(
        new CheckInId(id), pairing, number,
        [.. Enumerable.Range(1, 3).Select(d => new TimeSlot(CheckInNow.AddDays(d), CheckInNow.AddDays(d).AddMinutes(30)))],
        CheckInNow).Unwrap();

    private static async Task<ICheckInStore> NewCheckInStoreAsync(ITableEngine over, string? prefix = null)
    {
        var engine = new PrefixedEngine(over, prefix ?? "k" + Guid.NewGuid().ToString("N")[..10]);
        await engine.GetTable(TableCheckInStore.TableName).CreateIfNotExistsAsync(None);
        return new TableCheckInStore(engine);
    }
}
