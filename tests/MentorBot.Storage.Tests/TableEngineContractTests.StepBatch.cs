using System.Diagnostics;
using MentorBot.Core.Nudges;
using MentorBot.Core.Persistence;
using MentorBot.Core.Profiles;
using MentorBot.Core.Requests;
using MentorBot.Core.Outbox;

namespace MentorBot.Storage.Tests;

/// <summary>
/// A request step is one batch in the mentoring partition carrying the request, its pointer rows (decision 0186) and
/// its message rows (decision 0306): all of them or none, within the 100-operation batch limit.
/// </summary>
public abstract partial class TableEngineContractTests
{
    [Fact]
    public async Task MentoringStore_StepWithMessages_PointerAndMessageRowsWrittenWithTheRequestOrNotAtAll()
    {
        var store = await NewMentoringStoreAsync();
        var ana = new UserId("aad-ana");
        var request = NewRequest("r-step");
        var etag = await store.InsertAsync(request, None);
        var offered = Offered(request, ana);
        var offer = new RequestMessage("r-step.1.Offered.Offered.aad-ana", request.Id, ana, RequestMessageKind.Offered, Monday);
        await store.ReplaceAsync(request with { Goal = "moved on" }, etag, None);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.ReplaceAsync(offered, etag, [offer], None));
        Assert.Empty(await store.ListOfferedToAsync(ana, None));
        Assert.Null(await store.GetMessageAsync(new NudgeKey(offer.Key), None));

        var current = (await ((IRequestStore)store).GetAsync(request.Id, None))!.ETag;
        var written = await store.ReplaceAsync(offered, current, [offer], None);
        Assert.Equal(["r-step"], (await store.ListOfferedToAsync(ana, None)).Select(r => r.Id.Value));
        Assert.NotNull(await store.GetMessageAsync(new NudgeKey(offer.Key), None));

        var accepted = Changed(offered.Accept(ana, Monday));
        var intro = new RequestMessage("r-step.2.Matched.PairingStarted.aad-ana", request.Id, ana, RequestMessageKind.PairingStarted, Monday);
        await store.ReplaceAndStartMentorshipAsync(accepted, written, StartPair(accepted, ana), [intro], None);
        Assert.Equal(PairId(request.Id), Assert.Single(await store.ListForPersonAsync(ana, None)).Id);
        Assert.Single(await store.ListForPersonAsync(Helen, None));
        Assert.NotNull(await store.GetMessageAsync(new NudgeKey(intro.Key), None));
    }

    [Fact]
    public async Task MentoringStore_RequestOfferedToMoreColleaguesThanABatchHolds_EachStepStillOneWriteAndEveryOfferFound()
    {
        var store = await NewMentoringStoreAsync();
        var request = NewRequest("r-many");
        var etag = await store.InsertAsync(request, None);
        var colleagues = Enumerable.Range(0, 120).Select(i => new UserId($"aad-c{i:D3}")).ToList();

        // As decline-and-offer-next does (decision 0305): the "no" and the next offer, with its message, in one write.
        // By the end the request names more colleagues than a batch has operations.
        for (var i = 0; i < colleagues.Count; i++)
        {
            var step = i == 0 ? request : Changed(request.Decline(colleagues[i - 1], null, Monday));
            request = Changed(step.OfferTo(colleagues[i], Monday, TimeSpan.FromHours(48)));
            var message = new RequestMessage($"r-many.{i + 1}.Offered.Offered.{colleagues[i].AadObjectId}", request.Id, colleagues[i], RequestMessageKind.Offered, Monday);
            etag = await store.ReplaceAsync(request, etag, [message], None);
        }

        Assert.Equal(120, request.Offers.Count);
        Assert.Equal(["r-many"], (await store.ListOfferedToAsync(colleagues[0], None)).Select(r => r.Id.Value));
        Assert.Equal(["r-many"], (await store.ListOfferedToAsync(colleagues[^1], None)).Select(r => r.Id.Value));
        Assert.Equal(colleagues[^1], (await ((IRequestStore)store).GetAsync(request.Id, None))!.Value.PendingOffer?.Candidate);
        Assert.NotNull(await store.GetMessageAsync(new NudgeKey($"r-many.120.Offered.Offered.{colleagues[^1].AadObjectId}"), None));
    }

    [Fact]
    public async Task MentoringStore_MessageWrittenDuringATurn_CarriesTheTurnsTraceSoTheDispatcherJoinsIt()
    {
        var store = await NewMentoringStoreAsync();
        var ana = new UserId("aad-ana");
        var request = NewRequest("r-trace");
        var etag = await store.InsertAsync(request, None);
        var offer = new RequestMessage("r-trace.1.Offered.Offered.aad-ana", request.Id, ana, RequestMessageKind.Offered, Monday);
        string turn;
        using (var span = new Activity("turn").SetIdFormat(ActivityIdFormat.W3C).Start())
        {
            turn = span.Id!;
            await store.ReplaceAsync(Offered(request, ana), etag, [offer], None);
        }

        // Decision 0273: whichever path sends it later (right after the turn, or the dispatcher after a failure), the
        // dispatch span starts as the turn's child.
        Assert.Equal(turn, (await store.GetMessageAsync(new NudgeKey(offer.Key), None))!.TraceParent);
    }
}
