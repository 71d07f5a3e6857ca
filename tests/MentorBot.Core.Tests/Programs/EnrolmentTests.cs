using MentorBot.Core.Profiles;
using MentorBot.Core.Programs;

namespace MentorBot.Core.Tests.Programs;

public sealed class EnrolmentTests
{
    private static readonly ProgramId Program = new("p-1");
    private static readonly UserId Person = new("11111111-1111-1111-1111-111111111111");
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Invite_ImportedPerson_MayNotBeMatched()
    {
        var enrolment = Enrolment.Invite(Program, Person, Now);

        Assert.Equal(EnrolmentState.Invited, enrolment.State);
        Assert.Null(enrolment.Consent);
        Assert.False(enrolment.MayBeMatched);
    }

    [Fact]
    public void Confirm_Invited_RecordsImportedAndConfirmedConsent()
    {
        var confirmed = Enrolment.Invite(Program, Person, Now).Confirm(Now.AddDays(1));

        Assert.True(confirmed.MayBeMatched);
        Assert.Equal(new Consent(Now.AddDays(1), ConsentSource.ImportedAndConfirmed), confirmed.Consent);
    }

    [Fact]
    public void SelfEnrol_InChat_ConsentsAtOnce()
    {
        var enrolment = Enrolment.SelfEnrol(Program, Person, Now);

        Assert.True(enrolment.MayBeMatched);
        Assert.Equal(new Consent(Now, ConsentSource.SelfEnrolledInChat), enrolment.Consent);
    }

    [Fact]
    public void Withdraw_Consented_DropsConsent()
    {
        var withdrawn = Enrolment.SelfEnrol(Program, Person, Now).Withdraw(Now.AddDays(3));

        Assert.Equal(EnrolmentState.Withdrawn, withdrawn.State);
        Assert.False(withdrawn.MayBeMatched);
        Assert.Null(withdrawn.Consent);
    }

    [Fact]
    public void Confirm_AfterDeclining_IsThePersonsChoice()
    {
        var declined = Enrolment.Invite(Program, Person, Now).Decline(Now.AddDays(1));

        var confirmed = declined.Confirm(Now.AddDays(30));

        Assert.Equal(EnrolmentState.Declined, declined.State);
        Assert.True(confirmed.MayBeMatched);
    }
}
