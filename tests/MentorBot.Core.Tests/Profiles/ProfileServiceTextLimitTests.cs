using MentorBot.Core.Profiles;
using MentorBot.Core.Skills;
using MentorBot.Core.Tests.Matching;
using MentorBot.Core.Tests.Programs.Rounds;

namespace MentorBot.Core.Tests.Profiles;

/// <summary>The profile service refuses an over-long department itself (decision 0251), not only the Bot's router.</summary>
public sealed class ProfileServiceTextLimitTests
{
    [Fact]
    public async Task Save_OverLongDepartment_IsRefusedAndNothingStored()
    {
        var store = new FakeProfileStore();
        var service = new ProfileService(store, new ProfileValidator(SkillCatalog.Default), TimeProvider.System);
        var person = A.Person(1).Offers("power-bi", SkillLevel.Expert).Build();
        var department = new string('d', TextLimits.MaxLength(FreeTextField.Department) + 1);

        var outcome = await service.SaveAsync(person.Id, _ => person with { Department = department }, CancellationToken.None);

        var invalid = Assert.IsType<ProfileSaveOutcome.Invalid>(outcome);
        var error = Assert.Single(invalid.Errors);
        Assert.Equal((ProfileErrorCode.TextTooLong, nameof(Profile.Department)), (error.Code, error.Field));
        Assert.Empty(store.Table.Rows);
    }

    [Fact]
    public async Task Save_DepartmentAtTheLimit_IsStored()
    {
        var store = new FakeProfileStore();
        var service = new ProfileService(store, new ProfileValidator(SkillCatalog.Default), TimeProvider.System);
        var person = A.Person(1).Offers("power-bi", SkillLevel.Expert).Build();
        var department = new string('d', TextLimits.MaxLength(FreeTextField.Department));

        var outcome = await service.SaveAsync(person.Id, _ => person with { Department = department }, CancellationToken.None);

        Assert.Equal(department, Assert.IsType<ProfileSaveOutcome.Saved>(outcome).Profile.Department);
    }
}
