using MentorBot.Core.CheckIns;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Nudges;
using MentorBot.Core.Profiles;
using MentorBot.Core.Programs;
using MentorBot.Core.Skills;
using MentorBot.Core.Tests.TestSupport;
using Microsoft.Extensions.Options;

namespace MentorBot.Core.Tests.Feedback;

public sealed class FeedbackTests
{
    private static readonly DateTimeOffset Start = People.Utc(2026, 3, 2, 9);
    private static readonly UserId Senior = new("sven");
    private static readonly UserId Junior = new("nia");
    private static readonly TimeSlot Slot = new(People.Utc(2026, 3, 9, 13), People.Utc(2026, 3, 9, 13, 30));
    private static readonly DateTimeOffset After = Slot.End.AddMinutes(15);
    private static readonly Mentorship Pair = Mentorship.Start(
        new MentorshipId("m-1"), Senior, Junior, new SkillId("ai-tools"), new ProgramId("gen-ai-2026"), Start, Start.AddMonths(3), Cadence.Default).Unwrap();

    [Fact]
    public void Submit_MetWithRating_FeedbackStoredAndCheckInHeld()
    {
        var submission = new FeedbackSubmission(Junior, Met: true, Rating: 5, Learned: "  How budgets get approved ", Taught: "Copilot prompts", NextTopics: "");

        var recorded = CheckInFeedback.Submit(Pair, Scheduled(), submission, After).Unwrap();

        Assert.Equal(CheckInStatus.Held, recorded.CheckIn.Status);
        Assert.Equal(
            new CheckInFeedback(Pair.Id, new CheckInId("ci-1"), Junior, true, 5, "How budgets get approved", "Copilot prompts", null, After),
            recorded.Feedback);
    }

    [Fact]
    public void Submit_SharedNoteAndOneThing_OnTheCheckIn_JuniorsOneThingIgnored_NotMetKeepsNothing()
    {
        var fromJunior = CheckInFeedback.Submit(
            Pair, Scheduled(), new FeedbackSubmission(Junior, Met: true, SharedNote: " Slides shared ", OneThingToTry: "Not the junior's to set"), After).Unwrap();
        var fromSenior = CheckInFeedback.Submit(
            Pair, fromJunior.CheckIn, new FeedbackSubmission(Senior, Met: true, SharedNote: "Measures next", OneThingToTry: "Build the weekly report"), After).Unwrap();
        var notMet = CheckInFeedback.Submit(Pair, Scheduled(), new FeedbackSubmission(Senior, Met: false, SharedNote: "Hello", OneThingToTry: "Try"), After).Unwrap();

        Assert.Null(fromJunior.CheckIn.OneThingToTry);
        Assert.Equal("Slides shared\n\nMeasures next", fromSenior.CheckIn.Notes);
        Assert.Equal("Build the weekly report", fromSenior.CheckIn.OneThingToTry);
        Assert.Equal((null, null), (notMet.CheckIn.Notes, notMet.CheckIn.OneThingToTry));
        Assert.Equal(
            FeedbackError.TextTooLong,
            CheckInFeedback.Submit(Pair, Scheduled(), new FeedbackSubmission(Senior, Met: true, SharedNote: new string('x', CheckInFeedback.MaxTextLength + 1)), After).Error);
    }

    [Fact]
    public void Submit_DidNotMeet_CheckInMissed()
    {
        var recorded = CheckInFeedback.Submit(Pair, Scheduled(), new FeedbackSubmission(Senior, Met: false), After).Unwrap();

        Assert.Equal(CheckInStatus.Missed, recorded.CheckIn.Status);
    }

    [Theory]
    [InlineData(0, true, FeedbackError.RatingOutOfRange)]
    [InlineData(6, true, FeedbackError.RatingOutOfRange)]
    [InlineData(4, false, FeedbackError.RatingWithoutMeeting)]
    public void Submit_BadRating_TypedError(int rating, bool met, FeedbackError error)
    {
        var result = CheckInFeedback.Submit(Pair, Scheduled(), new FeedbackSubmission(Junior, met, rating), After);

        Assert.Equal(error, result.Error);
    }

    [Fact]
    public void Submit_Stranger_NotAParticipant()
    {
        var result = CheckInFeedback.Submit(Pair, Scheduled(), new FeedbackSubmission(new UserId("mallory"), true, 5), After);

        Assert.Equal(FeedbackError.NotAParticipant, result.Error);
    }

    [Fact]
    public void Submit_BeforeMeetingStarted_MeetingNotStarted()
    {
        var result = CheckInFeedback.Submit(Pair, Scheduled(), new FeedbackSubmission(Junior, true, 5), Slot.Start.AddMinutes(-5));

        Assert.Equal(FeedbackError.MeetingNotStarted, result.Error);
    }

    [Fact]
    public void Submit_TextTooLong_TextTooLong()
    {
        var result = CheckInFeedback.Submit(Pair, Scheduled(), new FeedbackSubmission(Junior, true, 5, new string('x', 1001)), After);

        Assert.Equal(FeedbackError.TextTooLong, result.Error);
    }

    [Fact]
    public void RaiseConcern_ActivePair_PausedQuietlyOwnerAlertedOtherToldOnlyPaused()
    {
        var raised = Concerns.Raise(Pair, Junior, "  I don't feel comfortable speaking up.  ", After).Unwrap();

        Assert.Equal(MentorshipStatus.Paused, raised.Mentorship.State.Status);
        Assert.Equal(PauseReason.Concern, raised.Mentorship.State.PauseReason);
        Assert.Equal(new ProgramOwnerAlert(new ProgramId("gen-ai-2026"), Pair.Id, Junior, "I don't feel comfortable speaking up."), raised.Alert);
        Assert.Equal(new NeutralPauseNotice(Senior, Pair.Id), raised.NoticeToOther);
    }

    // The notice is the only thing the other person's card is built from; it must have no room for a reason or a name.
    [Fact]
    public void NeutralPauseNotice_Shape_CarriesNoReasonAndNoRaiser()
    {
        var properties = typeof(NeutralPauseNotice).GetProperties().Select(p => p.Name).Order();

        Assert.Equal(["MentorshipId", "Recipient"], properties);
    }

    [Fact]
    public void RaiseConcern_AlreadyPaused_OwnerStillAlertedNoNewNoticeToOther()
    {
        var paused = Pair.Pause(PauseReason.RequestedByParticipant, Start.AddDays(1)).Unwrap();

        var raised = Concerns.Raise(paused, Senior, null, After).Unwrap();

        Assert.Null(raised.NoticeToOther);
        Assert.Equal(Senior, raised.Alert.RaisedBy);
        Assert.Equal(PauseReason.RequestedByParticipant, raised.Mentorship.State.PauseReason);
    }

    [Fact]
    public void RaiseConcern_Ended_MentorshipEnded()
    {
        var ended = Pair.End(EndReason.Completed, After).Unwrap();

        Assert.Equal(ConcernError.MentorshipEnded, Concerns.Raise(ended, Senior, "x", After).Error);
    }

    [Fact]
    public void RaiseConcern_Stranger_NotAParticipant()
    {
        Assert.Equal(ConcernError.NotAParticipant, Concerns.Raise(Pair, new UserId("mallory"), "x", After).Error);
    }

    [Fact]
    public void RaiseConcern_BeforeTheMeeting_NoMoreNudgesForThePair()
    {
        var planner = new NudgePlanner(Options.Create(new CheckInOptions()));
        var senior = People.In("sven", "Europe/Stockholm");
        var junior = People.In("nia", "America/New_York");
        var paused = Concerns.Raise(Pair, Junior, null, Slot.Start.AddDays(-2)).Unwrap().Mentorship;

        var nudges = planner.PlanDue(new NudgeContext(paused, [Scheduled()], senior, junior), After);

        Assert.Empty(nudges);
    }

    private static CheckIn Scheduled() =>
        CheckIn.Propose(new CheckInId("ci-1"), Pair, 1, [Slot], Start).Unwrap().Schedule(Slot).Unwrap();
}
