using MentorBot.Core.Mentorships;
using MentorBot.Core.Profiles;
using MentorBot.Core.Programs;

namespace MentorBot.Core.Tests.Programs;

public sealed class ConcernAudienceTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly UserId Junior = new("22222222-2222-2222-2222-222222222222");
    private static readonly UserId OtherOwner = new("0wner000-0000-0000-0000-000000000002");
    private static readonly UserId Safeguard = new("5afe0000-0000-0000-0000-000000000001");
    private static readonly UserId Fallback = new("def00000-0000-0000-0000-000000000001");

    /// <summary>The senior leader who owns the program is also the senior in the pairing the junior reports.</summary>
    private static readonly UserId OwnerWhoIsTheSenior = ProgramBuilder.Owner;

    private static Concern AboutTheOwner(MentoringProgram program) =>
        Concern.Raise(new ConcernId("c-1"), program.Id, new MentorshipId("m-1"), Junior, "He talks over me.", Now, about: OwnerWhoIsTheSenior);

    [Fact]
    public void ConcernsFor_OwnerWhoIsThePartner_SeesNothing()
    {
        var program = ProgramBuilder.Valid();

        var visible = ProgramAccess.ConcernsFor(OwnerWhoIsTheSenior, program, [AboutTheOwner(program)], [Fallback]);

        Assert.Empty(visible);
    }

    [Fact]
    public void ConcernsFor_AnotherOwner_SeesIt()
    {
        var program = ProgramBuilder.Valid() with { Owners = [OwnerWhoIsTheSenior, OtherOwner] };

        Assert.Single(ProgramAccess.ConcernsFor(OtherOwner, program, [AboutTheOwner(program)]));
        Assert.Empty(ProgramAccess.ConcernsFor(OwnerWhoIsTheSenior, program, [AboutTheOwner(program)]));
    }

    [Fact]
    public void For_OnlyOwnerInThePair_GoesToTheSafeguardContact()
    {
        var program = ProgramBuilder.Valid() with { SafeguardContacts = [Safeguard] };

        var readers = ConcernAudience.For(AboutTheOwner(program), program, [Fallback]);

        Assert.Equal(new ConcernReaders(ConcernReaderRole.SafeguardContacts, [Safeguard]).Role, readers.Role);
        Assert.Equal([Safeguard], readers.People);
    }

    [Fact]
    public void For_OnlyOwnerInThePairAndNoSafeguardContact_GoesToTheDefaultContacts()
    {
        var program = ProgramBuilder.Valid();

        var readers = ConcernAudience.For(AboutTheOwner(program), program, [Fallback, OwnerWhoIsTheSenior]);

        Assert.Equal(ConcernReaderRole.DefaultContacts, readers.Role);
        Assert.Equal([Fallback], readers.People);
    }

    [Fact]
    public void For_NobodyOutsideThePair_HasNoReaders()
    {
        var program = ProgramBuilder.Valid();

        var readers = ConcernAudience.For(AboutTheOwner(program), program, []);

        Assert.Equal(ConcernReaderRole.Nobody, readers.Role);
        Assert.Empty(readers.People);
    }

    [Fact]
    public void For_OldRowWithoutTheOtherPerson_HasNoReaders()
    {
        var program = ProgramBuilder.Valid() with { Owners = [OwnerWhoIsTheSenior, OtherOwner] };
        var old = AboutTheOwner(program) with { About = null };

        Assert.Equal(ConcernReaderRole.Nobody, ConcernAudience.For(old, program, [Fallback]).Role);
    }

    [Fact]
    public void Handle_OwnerWhoIsThePartner_IsRefused()
    {
        var program = ProgramBuilder.Valid() with { Owners = [OwnerWhoIsTheSenior, OtherOwner] };

        var decision = AboutTheOwner(program).Handle(new OwnerAction.Close(OwnerWhoIsTheSenior, "nothing to see"), program, Now);

        Assert.Equal(new ConcernDecision.Refused(ConcernRefusal.NotAnOwner), decision);
    }

    [Fact]
    public void Handle_SafeguardContact_MayAct()
    {
        var program = ProgramBuilder.Valid() with { SafeguardContacts = [Safeguard] };

        var decision = AboutTheOwner(program).Handle(new OwnerAction.Acknowledge(Safeguard), program, Now);

        Assert.IsType<ConcernDecision.Decided>(decision);
    }
}
