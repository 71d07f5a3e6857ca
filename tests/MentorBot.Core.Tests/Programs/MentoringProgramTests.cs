using MentorBot.Core.Profiles;
using MentorBot.Core.Programs;
using MentorBot.Core.Skills;
using NodaTime;

namespace MentorBot.Core.Tests.Programs;

public sealed class MentoringProgramTests
{
    private static readonly MentoringProgram ValidProgram = ProgramBuilder.Valid();

    private static readonly Dictionary<string, (MentoringProgram Program, ProgramError Error)> Broken = new()
    {
        ["blank name"] = (ValidProgram with { Name = "  " }, ProgramError.NameMissing),
        ["long name"] = (ValidProgram with { Name = new string('x', MentoringProgram.MaxNameLength + 1) }, ProgramError.NameTooLong),
        ["no purpose"] = (ValidProgram with { Goals = ValidProgram.Goals with { Purpose = "" } }, ProgramError.PurposeMissing),
        ["long purpose"] = (ValidProgram with { Goals = ValidProgram.Goals with { Purpose = new string('x', MentoringProgram.MaxPurposeLength + 1) } }, ProgramError.PurposeTooLong),
        ["duplicate skill"] = (ValidProgram with { Goals = ValidProgram.Goals with { TargetSkills = [new SkillId("tiktok"), new SkillId("tiktok")] } }, ProgramError.DuplicateTargetSkill),
        ["blank skill"] = (ValidProgram with { Goals = ValidProgram.Goals with { TargetSkills = [new SkillId(" ")] } }, ProgramError.BlankTargetSkill),
        ["end before start"] = (ValidProgram with { Cohort = new CohortDates(new LocalDate(2026, 3, 1), new LocalDate(2026, 2, 28)) }, ProgramError.CohortEndsBeforeStart),
        ["ten-year cohort"] = (ValidProgram with { Cohort = new CohortDates(new LocalDate(2026, 3, 1), new LocalDate(2036, 3, 1)) }, ProgramError.CohortTooLong),
        ["cadence zero"] = (ValidProgram with { Meetings = ValidProgram.Meetings with { EveryWeeks = 0 } }, ProgramError.CadenceOutOfRange),
        ["cadence 13 weeks"] = (ValidProgram with { Meetings = ValidProgram.Meetings with { EveryWeeks = 13 } }, ProgramError.CadenceOutOfRange),
        ["5-minute meeting"] = (ValidProgram with { Meetings = ValidProgram.Meetings with { Length = TimeSpan.FromMinutes(5) } }, ProgramError.MeetingLengthOutOfRange),
        ["re-offer 1 hour"] = (ValidProgram with { ReOfferWindow = TimeSpan.FromHours(1) }, ProgramError.ReOfferWindowOutOfRange),
        ["no owners"] = (ValidProgram with { Owners = [] }, ProgramError.NoOwners),
        ["duplicate owner"] = (ValidProgram with { Owners = [ProgramBuilder.Owner, ProgramBuilder.Owner] }, ProgramError.DuplicateOwner),
        ["blank owner"] = (ValidProgram with { Owners = [new UserId(" ")] }, ProgramError.BlankOwner),
    };

    public static TheoryData<string> BrokenCases() => [.. Broken.Keys];

    [Fact]
    public void Validate_CompleteProgram_HasNoErrors()
    {
        var errors = ValidProgram.Validate();

        Assert.Empty(errors);
    }

    [Theory]
    [MemberData(nameof(BrokenCases))]
    public void Validate_BrokenProgram_ReportsExactlyThatError(string broken)
    {
        var (program, expected) = Broken[broken];

        var errors = program.Validate();

        Assert.Equal([expected], errors);
    }

    [Fact]
    public void Validate_SeveralProblems_ReportsAllOfThem()
    {
        var program = ValidProgram with { Name = "", Owners = [], Meetings = new MeetingDefaults(0, TimeSpan.Zero) };

        var errors = program.Validate();

        Assert.Equal(
            [ProgramError.NameMissing, ProgramError.CadenceOutOfRange, ProgramError.MeetingLengthOutOfRange, ProgramError.NoOwners],
            errors);
    }

    [Fact]
    public void CanView_Owner_IsAllowed()
    {
        var allowed = ProgramAccess.CanView(ProgramBuilder.Owner, ValidProgram);

        Assert.True(allowed);
    }

    [Fact]
    public void CanView_ParticipantWhoIsNotAnOwner_IsRefused()
    {
        var participant = new UserId("11111111-1111-1111-1111-111111111111");

        var allowed = ProgramAccess.CanView(participant, ValidProgram);

        Assert.False(allowed);
    }

    [Fact]
    public void CanView_OwnerOfAnotherProgram_IsRefused()
    {
        var otherOwner = new UserId("22222222-2222-2222-2222-222222222222");
        var other = ValidProgram with { Id = new ProgramId("p-other"), Owners = [otherOwner] };

        var allowed = ProgramAccess.CanView(otherOwner, ValidProgram);

        Assert.True(ProgramAccess.CanView(otherOwner, other));
        Assert.False(allowed);
    }
}
