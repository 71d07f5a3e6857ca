using MentorBot.Core.Profiles;
using MentorBot.Core.Skills;
using MentorBot.Core.Tests.Matching;
using NodaTime;

namespace MentorBot.Core.Tests.Profiles;

public sealed class ProfileValidatorTests
{
    private static readonly ProfileValidator Validator = new(SkillCatalog.Default);

    private static Profile Valid() => A.Person(1).Offers("power-bi", SkillLevel.Expert).Wants("negotiation", SkillLevel.Aware).Build();

    public static TheoryData<string, Func<Profile, Profile>, ProfileErrorCode> Broken => new()
    {
        { "user id not a guid", p => p with { Id = new UserId("29:abc") }, ProfileErrorCode.InvalidUserId },
        { "teams id without 29:", p => p with { TeamsId = new TeamsUserId("8:orgid:1") }, ProfileErrorCode.InvalidTeamsId },
        { "blank name", p => p with { DisplayName = "  " }, ProfileErrorCode.MissingName },
        { "bad email", p => p with { Email = "not-an-email" }, ProfileErrorCode.InvalidEmail },
        { "own manager", p => p with { ManagerId = p.Id }, ProfileErrorCode.OwnManager },
        { "career level 0", p => p with { Level = new CareerLevel(0) }, ProfileErrorCode.InvalidCareerLevel },
        { "unknown zone", p => p with { TimeZoneId = "Mars/Olympus_Mons" }, ProfileErrorCode.UnknownTimeZone },
        { "no days", p => p with { WorkingHours = p.WorkingHours with { Days = [] } }, ProfileErrorCode.NoWorkingDays },
        { "day none", p => p with { WorkingHours = p.WorkingHours with { Days = [IsoDayOfWeek.None] } }, ProfileErrorCode.InvalidWorkingDay },
        { "day twice", p => p with { WorkingHours = p.WorkingHours with { Days = [IsoDayOfWeek.Monday, IsoDayOfWeek.Monday] } }, ProfileErrorCode.DuplicateWorkingDay },
        { "empty hours", p => p with { WorkingHours = p.WorkingHours with { End = p.WorkingHours.Start } }, ProfileErrorCode.EmptyWorkingHours },
        { "bad language", p => p with { Languages = ["English!"] }, ProfileErrorCode.InvalidLanguage },
        { "negative capacity", p => p with { Capacity = -1 }, ProfileErrorCode.InvalidCapacity },
        { "capacity 11", p => p with { Capacity = 11 }, ProfileErrorCode.InvalidCapacity },
        { "pause without end", p => p with { Participation = new Participation(ParticipationState.Paused) }, ProfileErrorCode.PauseWithoutEnd },
        { "offered level 0", p => p with { Offers = [new OfferedSkill(new SkillId("power-bi"), SkillLevel.None)] }, ProfileErrorCode.InvalidSkillLevel },
        { "target below current", p => p with { Wants = [new WantedSkill(new SkillId("negotiation"), SkillLevel.Working, SkillLevel.Aware)] }, ProfileErrorCode.InvalidTargetLevel },
        { "offered twice", p => p with { Offers = [new OfferedSkill(new SkillId("power-bi"), SkillLevel.Expert), new OfferedSkill(new SkillId("power-bi"), SkillLevel.Aware)] }, ProfileErrorCode.DuplicateSkill },
        { "unknown skill", p => p with { Offers = [new OfferedSkill(new SkillId("underwater-basket-weaving"), SkillLevel.Expert)] }, ProfileErrorCode.UnknownSkill },
        { "teacher without skills", p => p with { Offers = [] }, ProfileErrorCode.TeachesNothing },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void Validate_BrokenField_ReportsErrorAndNoProfile(string because, Func<Profile, Profile> breakIt, ProfileErrorCode expected)
    {
        var profile = breakIt(Valid());

        var result = Validator.Validate(profile);

        Assert.False(result.IsValid, because);
        Assert.Null(result.Profile);
        Assert.Contains(result.Errors, e => e.Code == expected);
    }

    [Fact]
    public void Validate_SeveralProblems_ReportsAllOfThem()
    {
        var profile = Valid() with { DisplayName = "", Capacity = 99, TimeZoneId = "nowhere" };

        var result = Validator.Validate(profile);

        Assert.Equal(
            [ProfileErrorCode.MissingName, ProfileErrorCode.UnknownTimeZone, ProfileErrorCode.InvalidCapacity],
            result.Errors.Select(e => e.Code).ToArray());
    }

    [Fact]
    public void Validate_ValidProfile_IsNormalised()
    {
        var profile = Valid() with
        {
            DisplayName = "  Ada Lovelace ",
            Email = " ada@contoso.com ",
            Department = " ",
            TimeZoneId = "W. Europe Standard Time",
            Languages = ["EN-gb", "sv", "en-GB"],
            Participation = Participation.PausedUntilDate(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero)),
        };

        var result = Validator.Validate(profile);

        Assert.True(result.IsValid);
        Assert.Empty(result.Errors);
        Assert.Equal("Ada Lovelace", result.Profile!.DisplayName);
        Assert.Equal("ada@contoso.com", result.Profile.Email);
        Assert.Null(result.Profile.Department);
        Assert.Equal("Europe/Berlin", result.Profile.TimeZoneId);
        Assert.Equal(["en-gb", "sv"], result.Profile.Languages);
    }

    [Fact]
    public void Validate_NightShiftAcrossMidnight_IsValid()
    {
        var profile = Valid() with { WorkingHours = WorkingHours.Default with { Start = new LocalTime(22, 0), End = new LocalTime(6, 0) } };

        var result = Validator.Validate(profile);

        Assert.True(result.IsValid);
    }
}
