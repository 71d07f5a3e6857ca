using MentorBot.Core.Profiles;
using MentorBot.Core.Requests;
using MentorBot.Core.Skills;

namespace MentorBot.Core.Tests.Requests;

public sealed class MentoringRequestTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Window = TimeSpan.FromHours(48);
    private static readonly UserId Senior = new("senior");
    private static readonly UserId Ada = new("ada");
    private static readonly UserId Ben = new("ben");

    private static MentoringRequest NewRequest() =>
        MentoringRequest.Create(new RequestId("r-1"), Senior, new SkillId("power-bi"), "  dashboards for my team ", MeetingFormat.Call, Urgency.ThisMonth, Now);

    private static MentoringRequest Changed(RequestTransition transition) =>
        Assert.IsType<RequestTransition.Changed>(transition).Request;

    private static RefusalReason Refused(RequestTransition transition) =>
        Assert.IsType<RequestTransition.Refused>(transition).Reason;

    [Fact]
    public void Create_TrimsGoal_StartsSearchingWithoutOffers()
    {
        var request = NewRequest();

        Assert.Equal("dashboards for my team", request.Goal);
        Assert.Equal(RequestStatus.Searching, request.Status);
        Assert.Empty(request.Offers);
    }

    [Fact]
    public void OfferTo_Searching_AddsPendingOfferExpiringAfterWindow()
    {
        var request = Changed(NewRequest().OfferTo(Ada, Now, Window));

        Assert.Equal(RequestStatus.Offered, request.Status);
        var offer = Assert.Single(request.Offers);
        Assert.Equal((Ada, OfferStatus.Pending, Now + Window), (offer.Candidate, offer.Status, offer.ExpiresAt));
    }

    [Fact]
    public void OfferTo_WhileAnotherOfferPending_IsRefused()
    {
        var request = Changed(NewRequest().OfferTo(Ada, Now, Window));

        Assert.Equal(RefusalReason.OfferAlreadyPending, Refused(request.OfferTo(Ben, Now, Window)));
    }

    [Theory]
    [InlineData("senior")]
    [InlineData("ada")]
    public void OfferTo_SeniorOrSomeoneAlreadyAsked_IsRefused(string candidate)
    {
        var request = Changed(Changed(NewRequest().OfferTo(Ada, Now, Window)).Decline(Ada, null, Now));

        Assert.Equal(RefusalReason.AlreadyAsked, Refused(request.OfferTo(new UserId(candidate), Now, Window)));
    }

    [Fact]
    public void Accept_PendingOffer_MatchesAndClosesRequest()
    {
        var request = Changed(Changed(NewRequest().OfferTo(Ada, Now, Window)).Accept(Ada, Now.AddHours(1)));

        Assert.Equal(RequestStatus.Matched, request.Status);
        Assert.Equal(Ada, request.MatchedWith);
        Assert.Equal(OfferStatus.Accepted, request.Offers[0].Status);
        Assert.Equal(Now.AddHours(1), request.ClosedAt);
    }

    [Fact]
    public void Accept_SecondCandidateAfterMatch_IsAlreadyMatched()
    {
        var offeredToAda = Changed(NewRequest().OfferTo(Ada, Now, Window));
        var expired = Changed(offeredToAda.ExpireOffer(Now + Window));
        var offeredToBen = Changed(expired.OfferTo(Ben, Now + Window, Window));
        var matched = Changed(offeredToBen.Accept(Ben, Now + Window));

        Assert.Equal(RefusalReason.AlreadyMatched, Refused(matched.Accept(Ada, Now + Window)));
    }

    [Fact]
    public void Accept_SameCandidateTwice_IsUnchanged()
    {
        var matched = Changed(Changed(NewRequest().OfferTo(Ada, Now, Window)).Accept(Ada, Now));

        Assert.IsType<RequestTransition.Unchanged>(matched.Accept(Ada, Now.AddMinutes(1)));
    }

    [Fact]
    public void Accept_LateAfterExpiryWhileNextOfferPending_IsRefusedAndTheNextOfferStands()
    {
        var expired = Changed(Changed(NewRequest().OfferTo(Ada, Now, Window)).ExpireOffer(Now + Window));
        var offeredToBen = Changed(expired.OfferTo(Ben, Now + Window, Window));

        var late = offeredToBen.Accept(Ada, Now + Window + TimeSpan.FromHours(1));

        Assert.Equal(RefusalReason.OfferExpired, Refused(late));
        Assert.Equal(Ben, offeredToBen.PendingOffer!.Candidate);
    }

    [Fact]
    public void Accept_PendingOfferPastItsWindowBeforeTheSweep_IsRefusedAsExpired()
    {
        var offered = Changed(NewRequest().OfferTo(Ada, Now, Window));

        Assert.Equal(RefusalReason.OfferExpired, Refused(offered.Accept(Ada, Now + Window)));
    }

    [Fact]
    public void Accept_AfterTheSeniorWasToldNobodyIsAvailable_IsRefused()
    {
        var expired = Changed(Changed(NewRequest().OfferTo(Ada, Now, Window)).ExpireOffer(Now + Window));
        var nobody = Changed(expired.MarkNoCandidates(Now + Window));

        Assert.Equal(RefusalReason.OfferExpired, Refused(nobody.Accept(Ada, Now + Window + TimeSpan.FromMinutes(5))));
    }

    [Theory]
    [InlineData("ben", RefusalReason.NotOffered)]
    [InlineData("ada", RefusalReason.AlreadyDeclined)]
    public void Accept_NotOfferedOrDeclined_IsRefused(string candidate, RefusalReason expected)
    {
        var declined = Changed(Changed(NewRequest().OfferTo(Ada, Now, Window)).Decline(Ada, "busy", Now));

        Assert.Equal(expected, Refused(declined.Accept(new UserId(candidate), Now)));
    }

    [Fact]
    public void Decline_PendingOffer_RecordsReasonAndSearchesAgain()
    {
        var request = Changed(Changed(NewRequest().OfferTo(Ada, Now, Window)).Decline(Ada, "  on leave  ", Now));

        Assert.Equal(RequestStatus.Searching, request.Status);
        Assert.Equal((OfferStatus.Declined, "on leave"), (request.Offers[0].Status, request.Offers[0].DeclineReason));
    }

    [Fact]
    public void Decline_AfterAccepting_IsRefused()
    {
        var matched = Changed(Changed(NewRequest().OfferTo(Ada, Now, Window)).Accept(Ada, Now));

        Assert.Equal(RefusalReason.AlreadyAccepted, Refused(matched.Decline(Ada, null, Now)));
    }

    [Fact]
    public void Decline_ExpiredOfferWhileNextPending_KeepsNextOfferPending()
    {
        var expired = Changed(Changed(NewRequest().OfferTo(Ada, Now, Window)).ExpireOffer(Now + Window));
        var offeredToBen = Changed(expired.OfferTo(Ben, Now + Window, Window));

        var request = Changed(offeredToBen.Decline(Ada, null, Now + Window));

        Assert.Equal(RequestStatus.Offered, request.Status);
        Assert.Equal(Ben, request.PendingOffer?.Candidate);
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(1, true)]
    public void ExpireOffer_AtOrAfterDeadline_ExpiresPendingOffer(int minutesFromDeadline, bool expires)
    {
        var offered = Changed(NewRequest().OfferTo(Ada, Now, Window));

        var transition = offered.ExpireOffer(Now + Window + TimeSpan.FromMinutes(minutesFromDeadline));

        Assert.Equal(expires, transition is RequestTransition.Changed);
        if (expires)
        {
            Assert.Equal(RequestStatus.Searching, Changed(transition).Status);
        }
    }

    [Fact]
    public void Withdraw_OpenRequest_ClosesPendingOffer()
    {
        var withdrawn = Changed(Changed(NewRequest().OfferTo(Ada, Now, Window)).Withdraw(Now));

        Assert.Equal(RequestStatus.Withdrawn, withdrawn.Status);
        Assert.Equal(OfferStatus.Closed, withdrawn.Offers[0].Status);
        Assert.Equal(RefusalReason.RequestClosed, Refused(withdrawn.Accept(Ada, Now)));
    }

    [Fact]
    public void MarkNoCandidates_OnlyWhileSearching()
    {
        var offered = Changed(NewRequest().OfferTo(Ada, Now, Window));

        Assert.Equal(RequestStatus.NoCandidates, Changed(NewRequest().MarkNoCandidates(Now)).Status);
        Assert.Equal(RefusalReason.RequestClosed, Refused(offered.MarkNoCandidates(Now)));
    }
}
