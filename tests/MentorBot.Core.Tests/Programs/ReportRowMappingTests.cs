using MentorBot.Core.CheckIns;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Profiles;
using MentorBot.Core.Programs;
using MentorBot.Core.Programs.Reporting;
using MentorBot.Core.Skills;

namespace MentorBot.Core.Tests.Programs;

public sealed class ReportRowMappingTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly UserId Senior = new("senior-1");
    private static readonly UserId Junior = new("junior-1");
    private static readonly SkillId TikTok = new("tiktok");

    private static Mentorship Pair() => Mentorship.Start(
        new MentorshipId("m-1"), Senior, Junior, TikTok, ProgramBuilder.Valid().Id, Now, Now.AddDays(90), ProgramBuilder.Valid().Meetings.ToCadence()).Unwrap();

    [Fact]
    public void ToCadence_ProgramDefaults_BecomeAValidPairCadence()
    {
        var cadence = ProgramBuilder.Valid().Meetings.ToCadence();

        Assert.Equal(new Cadence(TimeSpan.FromDays(14), TimeSpan.FromMinutes(45)), cadence);
        Assert.True(cadence.IsValid);
    }

    [Fact]
    public void PairingRowFromMentorship_Paused_KeepsNamesAndState()
    {
        var paused = Pair().Pause(PauseReason.Concern, Now.AddDays(3)).Unwrap();

        var row = PairingRow.FromMentorship(paused, "Sam Senior", "Jo Junior");

        Assert.Equal(new PairingRow(new MentorshipId("m-1"), Senior, "Sam Senior", Junior, "Jo Junior", TikTok, Now, PairingState.Paused), row);
    }

    [Fact]
    public void CheckInRowFromCheckIn_StillBeingArranged_CountsAsPlannedNotHeld()
    {
        var proposed = CheckIn.Propose(new CheckInId("c-1"), Pair(), 1, [new TimeSlot(Now.AddDays(7), Now.AddDays(7).AddMinutes(45))], Now).Unwrap();

        var row = CheckInRow.FromCheckIn(proposed);

        Assert.Equal(new CheckInRow(new MentorshipId("m-1"), Now, Held: false), row);
    }

    [Fact]
    public void CheckInRowFromCheckIn_Skipped_IsNotPlanned()
    {
        var proposed = CheckIn.Propose(new CheckInId("c-1"), Pair(), 1, [new TimeSlot(Now.AddDays(7), Now.AddDays(7).AddMinutes(45))], Now).Unwrap();

        var row = CheckInRow.FromCheckIn(proposed with { Status = CheckInStatus.Skipped });

        Assert.Null(row);
    }

    [Fact]
    public void FeedbackRowFromFeedback_WithoutRating_IsLeftOut()
    {
        var unrated = new CheckInFeedback(new MentorshipId("m-1"), new CheckInId("c-1"), Senior, false, null, null, null, null, Now);

        Assert.Null(FeedbackRow.FromFeedback(unrated, TikTok));
        Assert.Equal(
            new FeedbackRow(new MentorshipId("m-1"), Senior, TikTok, 4, Now),
            FeedbackRow.FromFeedback(unrated with { Met = true, Rating = 4 }, TikTok));
    }

    [Fact]
    public void ConcernFromRaised_RaisedInChat_BecomesAnOpenConcernForTheOwners()
    {
        var raised = Concerns.Raise(Pair(), Junior, "Not working for me.", Now.AddDays(10)).Unwrap();

        var concern = Concern.FromRaised(new ConcernId("c-9"), ProgramBuilder.Valid().Id, raised.Concern, Senior);

        Assert.Equal((Junior, Now.AddDays(10), "Not working for me.", ConcernState.Open), (concern.RaisedBy, concern.RaisedAt, concern.Text, concern.State));
        Assert.Single(ProgramAccess.ConcernsFor(ProgramBuilder.Owner, ProgramBuilder.Valid(), [concern]));
        Assert.Empty(ProgramAccess.ConcernsFor(Senior, ProgramBuilder.Valid(), [concern]));
    }
}
