using MentorBot.Core.Mentorships;
using MentorBot.Core.Profiles;
using MentorBot.Core.Programs;

namespace MentorBot.Core.Tests.Programs;

public sealed class ConcernTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly UserId Senior = new("11111111-1111-1111-1111-111111111111");
    private static readonly UserId Junior = new("22222222-2222-2222-2222-222222222222");
    private static readonly MentoringProgram Program = ProgramBuilder.Valid();
    private const string Text = "He talks over me in every meeting and I don't feel safe saying so.";

    private static Concern Raised() =>
        Concern.Raise(new ConcernId("c-1"), Program.Id, new MentorshipId("m-1"), Junior, "  " + Text + " ", Now, about: Senior);

    private static ConcernDecision.Decided Decided(ConcernDecision decision) => Assert.IsType<ConcernDecision.Decided>(decision);

    [Fact]
    public void Raise_TrimsTextAndStartsOpen()
    {
        var concern = Raised();

        Assert.Equal(Text, concern.Text);
        Assert.Equal(ConcernState.Open, concern.State);
    }

    [Fact]
    public void ConcernsFor_OtherPartyOfThePair_SeesNothing()
    {
        var visible = ProgramAccess.ConcernsFor(Senior, Program, [Raised()]);

        Assert.Empty(visible);
    }

    [Fact]
    public void ConcernsFor_Owner_SeesTheConcernsOfTheirProgramOnly()
    {
        var elsewhere = Raised() with { Id = new ConcernId("c-2"), Program = new ProgramId("p-other") };

        var visible = ProgramAccess.ConcernsFor(ProgramBuilder.Owner, Program, [Raised(), elsewhere]);

        Assert.Equal([new ConcernId("c-1")], visible.Select(c => c.Id));
    }

    [Fact]
    public void ToString_NeverContainsTheText()
    {
        var printed = Raised().ToString();

        Assert.DoesNotContain("talks over me", printed, StringComparison.Ordinal);
        Assert.Contains("c-1", printed, StringComparison.Ordinal);
    }

    [Fact]
    public void Handle_NonOwner_IsRefused()
    {
        var decision = Raised().Handle(new OwnerAction.Close(Senior, "nothing to see"), Program, Now);

        Assert.Equal(new ConcernDecision.Refused(ConcernRefusal.NotAnOwner), decision);
    }

    [Fact]
    public void Handle_PausePairing_AcknowledgesAndAuditsWhoWhatWhen()
    {
        var decided = Decided(Raised().Handle(new OwnerAction.PausePairing(ProgramBuilder.Owner, " talked to both "), Program, Now.AddHours(2)));

        Assert.Equal(ConcernState.Acknowledged, decided.Concern.State);
        Assert.Equal(PairingFollowUp.PausePairing, decided.FollowUp);
        Assert.Equal(
            new ConcernAuditEntry(new ConcernId("c-1"), Program.Id, new MentorshipId("m-1"), ProgramBuilder.Owner, OwnerActionKind.PausePairing, Now.AddHours(2), "talked to both"),
            decided.Audit);
    }

    [Fact]
    public void Handle_RePair_ResolvesAndAsksForANewPartner()
    {
        var decided = Decided(Raised().Handle(new OwnerAction.RePair(ProgramBuilder.Owner), Program, Now));

        Assert.Equal(ConcernState.Resolved, decided.Concern.State);
        Assert.Equal(PairingFollowUp.EndAndRePair, decided.FollowUp);
        Assert.Equal(OwnerActionKind.RePair, decided.Audit.Action);
    }

    [Fact]
    public void Handle_CloseWithoutNote_IsRefused()
    {
        var decision = Raised().Handle(new OwnerAction.Close(ProgramBuilder.Owner, "   "), Program, Now);

        Assert.Equal(new ConcernDecision.Refused(ConcernRefusal.NoteRequired), decision);
    }

    [Fact]
    public void Handle_AfterResolved_IsRefused()
    {
        var closed = Decided(Raised().Handle(new OwnerAction.Close(ProgramBuilder.Owner, "spoke with both; agreed to continue"), Program, Now)).Concern;

        var decision = closed.Handle(new OwnerAction.PausePairing(ProgramBuilder.Owner), Program, Now);

        Assert.Equal(ConcernState.Resolved, closed.State);
        Assert.Equal(new ConcernDecision.Refused(ConcernRefusal.AlreadyResolved), decision);
    }

    [Fact]
    public void Handle_ConcernFromAnotherProgram_IsRefused()
    {
        var foreign = Raised() with { Program = new ProgramId("p-other") };

        var decision = foreign.Handle(new OwnerAction.Acknowledge(ProgramBuilder.Owner), Program, Now);

        Assert.Equal(new ConcernDecision.Refused(ConcernRefusal.OtherProgram), decision);
    }
}
