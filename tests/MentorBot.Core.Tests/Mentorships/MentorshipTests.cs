using MentorBot.Core.CheckIns;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Profiles;
using MentorBot.Core.Programs;
using MentorBot.Core.Skills;
using MentorBot.Core.Tests.TestSupport;

namespace MentorBot.Core.Tests.Mentorships;

public sealed class MentorshipTests
{
    private static readonly DateTimeOffset Start = People.Utc(2026, 2, 16, 10);

    [Fact]
    public void Start_SamePersonTwice_SamePerson()
    {
        var result = Mentorship.Start(new MentorshipId("m"), new UserId("a"), new UserId("a"), new SkillId("ai"), null, Start, Start.AddDays(90), Cadence.Default);

        Assert.Equal(MentorshipError.SamePerson, result.Error);
    }

    [Fact]
    public void Start_CadenceInHours_InvalidCadence()
    {
        var result = Mentorship.Start(
            new MentorshipId("m"), new UserId("a"), new UserId("b"), new SkillId("ai"), null, Start, Start.AddDays(90),
            new Cadence(TimeSpan.FromHours(36), TimeSpan.FromMinutes(30)));

        Assert.Equal(MentorshipError.InvalidCadence, result.Error);
    }

    [Fact]
    public void PauseResumeEnd_ValidOrder_StatesFollow()
    {
        var pair = New();

        var paused = pair.Pause(PauseReason.RequestedByParticipant, Start.AddDays(3)).Unwrap();
        var resumed = paused.Resume(Start.AddDays(10)).Unwrap();
        var ended = resumed.End(EndReason.Completed, Start.AddDays(90)).Unwrap();

        Assert.Equal(
            [MentorshipStatus.Paused, MentorshipStatus.Active, MentorshipStatus.Ended],
            [paused.State.Status, resumed.State.Status, ended.State.Status]);
        Assert.Equal(EndReason.Completed, ended.State.EndReason);
        Assert.Equal(MentorshipError.AlreadyEnded, ended.Resume(Start.AddDays(91)).Error);
        Assert.Equal(MentorshipError.NotPaused, resumed.Resume(Start.AddDays(11)).Error);
    }

    [Fact]
    public void ChangeCadence_PairOverride_ReplacesProgramDefault()
    {
        var weekly = new Cadence(TimeSpan.FromDays(7), TimeSpan.FromMinutes(45));

        var pair = New().ChangeCadence(weekly).Unwrap();

        Assert.Equal(weekly, pair.Cadence);
    }

    [Fact]
    public void CadenceFor_ProgramWithOwnDefault_ProgramDefaultElseTenantDefault()
    {
        var options = new CheckInOptions();
        options.Programs["sales-2026"] = new CadenceOptions { Interval = TimeSpan.FromDays(7), MeetingLength = TimeSpan.FromMinutes(45) };

        Assert.Equal(new Cadence(TimeSpan.FromDays(7), TimeSpan.FromMinutes(45)), CheckInCadence.For(new ProgramId("sales-2026"), options));
        Assert.Equal(Cadence.Default, CheckInCadence.For(new ProgramId("other"), options));
        Assert.Equal(Cadence.Default, CheckInCadence.For(null, options));
    }

    [Fact]
    public void PlannedEnd_ThreeMonthsAcrossDst_SameLocalTimeInSeniorsZone()
    {
        var senior = People.In("sven", "Europe/Stockholm");

        var end = CheckInCadence.PlannedEnd(Start, senior, null, new CheckInOptions());

        // 11:00 CET on 16 Feb → 11:00 CEST on 16 May (09:00 UTC, not 10:00).
        Assert.Equal(People.Utc(2026, 5, 16, 9), end);
    }

    [Fact]
    public void OptionsValidator_Defaults_Valid()
    {
        var result = new CheckInOptionsValidator().Validate(null, new CheckInOptions());

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void OptionsValidator_BrokenValues_EachReported()
    {
        var options = new CheckInOptions
        {
            Default = new CadenceOptions { Interval = TimeSpan.FromHours(30), TermMonths = 0 },
            SlotGrid = TimeSpan.FromMinutes(7),
            Nudges = new NudgeTimingOptions { StartingSoonLead = TimeSpan.FromDays(2) },
        };

        var result = new CheckInOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Equal(4, result.Failures!.Count());
    }

    private static Mentorship New() =>
        Mentorship.Start(new MentorshipId("m"), new UserId("a"), new UserId("b"), new SkillId("ai"), null, Start, Start.AddDays(90), Cadence.Default).Unwrap();
}
