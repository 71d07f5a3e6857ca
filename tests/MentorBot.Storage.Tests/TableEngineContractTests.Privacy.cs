using MentorBot.Core.Mentorships;
using MentorBot.Core.Profiles;
using MentorBot.Core.Programs;
using MentorBot.Core;

namespace MentorBot.Storage.Tests;

/// <summary>What decides who reads a concern and who may be matched survives every engine (decisions 0240, 0242).</summary>
public abstract partial class TableEngineContractTests
{
    [Fact]
    public async Task ProgramStore_SafeguardContacts_RoundTrip_AndAnOldProgramHasNone()
    {
        var store = await NewProgramStoreAsync();
        var contact = new UserId("0b7e5f4a-0000-4000-8000-00000000005a");
        await store.InsertAsync(NewProgram("p-safe", "Safe") with { SafeguardContacts = [contact] }, None);
        await store.InsertAsync(NewProgram("p-old", "Old"), None);

        var safe = (await store.GetAsync(new ProgramId("p-safe"), None))!.Value;
        var old = (await store.GetAsync(new ProgramId("p-old"), None))!.Value;

        Assert.Equal([contact], safe.Safeguarding);
        Assert.Empty(old.Safeguarding);
    }

    [Fact]
    public async Task ConcernStore_TheOtherPersonOfThePair_RoundTrips_AndAnOldRowHasNone()
    {
        var store = await NewConcernStoreAsync();
        var program = new ProgramId("p-1");
        var about = new UserId("aad-s");
        await store.AddAsync(Concern.Raise(new ConcernId("c-new"), program, new MentorshipId("m-1"), new UserId("aad-j"), "Not working.", ProgramNow, about), None);
        await store.AddAsync(NewConcern("c-old", program, ProgramNow) with { About = null }, None);

        var listed = (await store.ListAsync(program, None)).ToDictionary(c => c.Value.Id.Value, c => c.Value);

        Assert.Equal(about, listed["c-new"].About);
        Assert.Null(listed["c-old"].About);
    }

    [Fact]
    public async Task ProfileStore_InvitedParticipation_RoundTrips()
    {
        var store = await NewProfileStoreAsync();
        var invited = SampleProfile("aad-invited") with { Participation = Participation.Invited };
        await store.InsertAsync(invited, None);

        var read = (await store.GetAsync(invited.Id, None))!.Value;

        Assert.Equal(ParticipationState.Invited, read.Participation.State);
        Assert.False(read.Participation.HasConsented);
    }
}
