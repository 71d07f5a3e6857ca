using MentorBot.Core.Profiles;
using MentorBot.Core.Requests;
using MentorBot.Core.Skills;

namespace MentorBot.Core.Tests.Requests;

public sealed class ForgetAndOptionsTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly UserId Senior = new("senior");
    private static readonly UserId Ada = new("ada");
    private static readonly UserId Ben = new("ben");
    private static readonly UserId Gone = new("forgotten");

    private static MentoringRequest Changed(RequestTransition transition) =>
        Assert.IsType<RequestTransition.Changed>(transition).Request;

    private static MentoringRequest DeclinedByAdaMatchedWithBen()
    {
        var request = MentoringRequest.Create(new RequestId("r-1"), Senior, new SkillId("power-bi"), "dashboards", MeetingFormat.Call, Urgency.ThisMonth, Now);
        request = Changed(request.OfferTo(Ada, Now, TimeSpan.FromHours(48)));
        request = Changed(request.Decline(Ada, "no time right now, moving house", Now));
        request = Changed(request.OfferTo(Ben, Now, TimeSpan.FromHours(48)));
        return Changed(request.Accept(Ben, Now));
    }

    [Fact]
    public void ForgetCandidate_WhoDeclined_IdAndNoteGoHistoryStays()
    {
        var request = DeclinedByAdaMatchedWithBen();

        var forgotten = Changed(request.ForgetCandidate(Ada, Gone));

        Assert.Equal((Gone, OfferStatus.Declined, (string?)null), (forgotten.Offers[0].Candidate, forgotten.Offers[0].Status, forgotten.Offers[0].DeclineReason));
        Assert.DoesNotContain(Ada, forgotten.AskedCandidates);
        Assert.Equal(2, forgotten.Offers.Count);
    }

    [Fact]
    public void ForgetCandidate_TheMatchedColleague_MatchedWithBecomesThePlaceholder()
    {
        var forgotten = Changed(DeclinedByAdaMatchedWithBen().ForgetCandidate(Ben, Gone));

        Assert.Equal(Gone, forgotten.MatchedWith);
        Assert.Equal(RequestStatus.Matched, forgotten.Status);
    }

    [Fact]
    public void ForgetCandidate_NeverAsked_Unchanged()
    {
        var transition = DeclinedByAdaMatchedWithBen().ForgetCandidate(new UserId("someone-else"), Gone);

        Assert.IsType<RequestTransition.Unchanged>(transition);
    }

    [Fact]
    public void Validate_Defaults_Succeed()
    {
        var result = new RequestOptionsValidator().Validate(null, new RequestOptions());

        Assert.True(result.Succeeded);
        Assert.Equal((TimeSpan.FromHours(48), 3), (new RequestOptions().AnswerWindow, new RequestOptions().CandidatesShown));
    }

    [Theory]
    [InlineData(0.5, 3, 60)]
    [InlineData(48, 0, 60)]
    [InlineData(48, 3, 1)]
    public void Validate_OutOfRange_FailsWithTheSetting(double answerHours, int shown, int sweepSeconds)
    {
        var options = new RequestOptions
        {
            AnswerWindow = TimeSpan.FromHours(answerHours),
            CandidatesShown = shown,
            ExpirySweepInterval = TimeSpan.FromSeconds(sweepSeconds),
        };

        var result = new RequestOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Requests:", result.FailureMessage, StringComparison.Ordinal);
    }
}
