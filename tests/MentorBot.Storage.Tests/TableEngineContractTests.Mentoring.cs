using MentorBot.Bot.Storage;
using MentorBot.Bot.Storage.Mentoring;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Persistence;
using MentorBot.Core.Profiles;
using MentorBot.Core.Requests;
using MentorBot.Core.Skills;
using MentorBot.Core;

namespace MentorBot.Storage.Tests;

public abstract partial class TableEngineContractTests
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly UserId Helen = new("aad-helen-senior");

    [Fact]
    public async Task MentoringStore_RequestRoundTrip_KeepsOffersAndStatus()
    {
        var store = await NewMentoringStoreAsync();
        var request = Offered(NewRequest("r-roundtrip"), new UserId("aad-sam"));

        var etag = await store.InsertAsync(request, None);
        var read = await ((IRequestStore)store).GetAsync(request.Id, None);

        Assert.Equal(etag, read?.ETag);
        Assert.Equal(RequestStatus.Offered, read!.Value.Status);
        Assert.Equal(request.Offers, read.Value.Offers);
        Assert.Equal((request.Goal, request.Format, request.Urgency, request.Skill), (read.Value.Goal, read.Value.Format, read.Value.Urgency, read.Value.Skill));
    }

    [Fact]
    public async Task MentoringStore_StaleRequestReplace_IsAConflict()
    {
        var store = await NewMentoringStoreAsync();
        var request = NewRequest("r-stale");
        var stale = await store.InsertAsync(request, None);
        await store.ReplaceAsync(Offered(request, new UserId("aad-a")), stale, None);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.ReplaceAsync(Offered(request, new UserId("aad-b")), stale, None));

        Assert.Equal(new UserId("aad-a"), (await ((IRequestStore)store).GetAsync(request.Id, None))!.Value.PendingOffer?.Candidate);
    }

    [Fact]
    public async Task MentoringStore_AcceptAndPair_WritesBothOrNeither()
    {
        var store = await NewMentoringStoreAsync();
        var sam = new UserId("aad-sam");
        var request = Offered(NewRequest("r-atomic"), sam);
        var etag = await store.InsertAsync(request, None);
        var accepted = Changed(request.Accept(sam, Monday));
        var pair = StartPair(accepted, sam);
        await store.ReplaceAsync(request with { Goal = "changed meanwhile" }, etag, None);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.ReplaceAndStartMentorshipAsync(accepted, etag, pair, None));

        Assert.Null(await ((IMentorshipStore)store).GetAsync(pair.Id, None));
        Assert.Equal(RequestStatus.Offered, (await ((IRequestStore)store).GetAsync(request.Id, None))!.Value.Status);
    }

    [Fact]
    public async Task MentoringStore_ConcurrentAcceptsFromTwoInstances_ExactlyOnePairingEveryTime()
    {
        var prefix = "m" + Guid.NewGuid().ToString("N")[..10];
        var first = await NewMentoringStoreAsync(Engine, prefix);
        var second = await NewMentoringStoreAsync(CreateSecondEngine(), prefix);
        var juniors = Enumerable.Range(0, 6).Select(i => new UserId($"aad-junior-{i}")).ToList();

        for (var round = 0; round < 8; round++)
        {
            // Everyone was offered the request in turn; only the last offer is still pending (an expired one cannot be
            // accepted, decision 0252). Its colleague presses on both instances at once while the others press late.
            var expired = juniors.SkipLast(1).Aggregate(NewRequest($"r-race-{round}"), (r, j) => Changed(Changed(r.OfferTo(j, Monday, TimeSpan.FromHours(48))).ExpireOffer(Monday.AddDays(3))));
            var pending = juniors[^1];
            var request = Changed(expired.OfferTo(pending, Monday.AddDays(3), TimeSpan.FromHours(48)));
            await first.InsertAsync(request, None);
            var presses = juniors.Concat([pending, pending, pending]).ToList();

            var outcomes = await Task.WhenAll(presses.Select((junior, i) =>
                Task.Run(() => AcceptAsync(i % 2 == 0 ? first : second, request.Id, junior))));

            var winners = outcomes.Where(o => o == AcceptOutcome.Paired).ToList();
            var stored = (await ((IRequestStore)first).GetAsync(request.Id, None))!.Value;
            var pairs = (await ((IMentorshipStore)second).ListForPersonAsync(Helen, None)).Where(m => m.Id == PairId(request.Id)).ToList();
            Assert.Single(winners);
            Assert.All(outcomes.Where((_, i) => presses[i] != pending), o => Assert.True(o is AcceptOutcome.Expired or AcceptOutcome.AlreadyMatched, $"{o}"));
            Assert.Equal(3, outcomes.Where((_, i) => presses[i] == pending).Count(o => o == AcceptOutcome.AlreadyPairedWithYou));
            Assert.Equal(RequestStatus.Matched, stored.Status);
            Assert.Equal(pending, stored.MatchedWith);
            var pair = Assert.Single(pairs);
            Assert.Equal(stored.MatchedWith, pair.Junior);
        }
    }

    [Fact]
    public async Task MentoringStore_Listings_FilterByPersonStatusAndOffer()
    {
        var store = await NewMentoringStoreAsync();
        var sam = new UserId("aad-sam");
        var open = Offered(NewRequest("r-open"), sam);
        var matched = Offered(NewRequest("r-matched"), sam);
        await store.InsertAsync(open, None);
        var etag = await store.InsertAsync(matched, None);
        var accepted = Changed(matched.Accept(sam, Monday));
        await store.ReplaceAndStartMentorshipAsync(accepted, etag, StartPair(accepted, sam), None);
        await store.InsertAsync(NewRequest("r-other") with { Senior = new UserId("aad-other") }, None);

        var openPage = await store.ListOpenAsync(null, None);
        var bySenior = await store.ListBySeniorAsync(Helen, None);
        var offeredToSam = await store.ListOfferedToAsync(sam, None);
        var samsPairs = await ((IMentorshipStore)store).ListForPersonAsync(sam, None);
        var active = await ((IMentorshipStore)store).ListActiveAsync(null, None);

        Assert.Equal(["r-open", "r-other"], openPage.Items.Select(r => r.Value.Id.Value).Order());
        Assert.Equal(["r-matched", "r-open"], bySenior.Select(r => r.Id.Value).Order());
        Assert.Equal(["r-matched", "r-open"], offeredToSam.Select(r => r.Id.Value).Order());
        Assert.Equal(PairId(new RequestId("r-matched")), Assert.Single(samsPairs).Id);
        Assert.Single(active.Items);
    }

    [Fact]
    public async Task MentoringStore_Unmatched_ListsOnlyRequestsNobodyCouldHelpWith_AndReopenedOnesLeave()
    {
        var store = await NewMentoringStoreAsync();
        var nobody = Changed(NewRequest("r-nobody").MarkNoCandidates(Monday));
        var etag = await store.InsertAsync(nobody, None);
        await store.InsertAsync(NewRequest("r-searching"), None);
        await store.InsertAsync(Changed(NewRequest("r-withdrawn").Withdraw(Monday)), None);

        var before = await store.ListUnmatchedAsync(null, None);
        await store.ReplaceAsync(Changed(nobody.Reopen()), etag, None);
        var after = await store.ListUnmatchedAsync(null, None);

        Assert.Equal(["r-nobody"], before.Items.Select(r => r.Value.Id.Value));
        Assert.Equal(RequestStatus.NoCandidates, before.Items[0].Value.Status);
        Assert.Empty(after.Items);
    }

    private enum AcceptOutcome
    {
        Paired,
        AlreadyMatched,
        AlreadyPairedWithYou,
        Expired,
    }

    // What the mentoring service does on "Accept": read, decide, write conditionally; on a lost race read again.
    private static async Task<AcceptOutcome> AcceptAsync(TableMentoringStore store, RequestId id, UserId junior)
    {
        while (true)
        {
            var current = (await ((IRequestStore)store).GetAsync(id, None))!;
            switch (current.Value.Accept(junior, Monday.AddDays(4)))
            {
                case RequestTransition.Changed { Request: var accepted }:
                    try
                    {
                        await store.ReplaceAndStartMentorshipAsync(accepted, current.ETag, StartPair(accepted, junior), None);
                        return AcceptOutcome.Paired;
                    }
                    catch (ConcurrencyConflictException)
                    {
                        continue;
                    }

                case RequestTransition.Refused { Reason: RefusalReason.AlreadyMatched }:
                    return AcceptOutcome.AlreadyMatched;
                case RequestTransition.Refused { Reason: RefusalReason.OfferExpired }:
                    return AcceptOutcome.Expired;
                case RequestTransition.Unchanged:
                    return AcceptOutcome.AlreadyPairedWithYou;
                default:
                    throw new InvalidOperationException($"Unexpected transition for {junior}.");
            }
        }
    }

    [Fact]
    public async Task MentoringStore_PersonLookups_FindTheirRequestsOffersAndPairsOnly()
    {
        var store = await NewMentoringStoreAsync();
        var sam = new UserId("aad-sam");
        var ana = new UserId("aad-ana");
        var mine = Offered(NewRequest("r-mine"), sam);
        var etag = await store.InsertAsync(mine, None);
        var accepted = Changed(mine.Accept(sam, Monday));
        await store.ReplaceAndStartMentorshipAsync(accepted, etag, StartPair(accepted, sam), None);
        await store.InsertAsync(Offered(NewRequest("r-other") with { Senior = ana }, new UserId("aad-lee")), None);

        var bySenior = await store.ListBySeniorAsync(Helen, None);
        var offeredToSam = await store.ListOfferedToAsync(sam, None);
        var samsPairs = await store.ListForPersonAsync(sam, None);
        var anasPairs = await store.ListForPersonAsync(ana, None);

        Assert.Equal(["r-mine"], bySenior.Select(r => r.Id.Value));
        Assert.Equal(RequestStatus.Matched, Assert.Single(offeredToSam).Status);
        Assert.Equal(PairId(mine.Id), Assert.Single(samsPairs).Id);
        Assert.Empty(anasPairs);
    }

    [Fact]
    public async Task MentoringStore_DeletedRequest_IsNoLongerListedForItsPeople()
    {
        var store = await NewMentoringStoreAsync();
        var sam = new UserId("aad-sam");
        var request = Offered(NewRequest("r-gone"), sam);
        await store.InsertAsync(request, None);

        await store.DeleteAsync(request.Id, None);

        Assert.Empty(await store.ListBySeniorAsync(Helen, None));
        Assert.Empty(await store.ListOfferedToAsync(sam, None));
    }

    [Fact]
    public async Task MentoringStore_RowsWrittenBeforePointers_AreFoundAfterTheFirstLookup()
    {
        var prefix = "m" + Guid.NewGuid().ToString("N")[..10];
        var writer = await NewMentoringStoreAsync(Engine, prefix);
        var table = new PrefixedEngine(Engine, prefix).GetTable(TableMentoringStore.TableName);
        var sam = new UserId("aad-sam");
        var accepted = Changed(Offered(NewRequest("r-old"), sam).Accept(sam, Monday));

        // As the store wrote them before decision 0186: the rows alone, no pointer rows.
        await table.InsertAsync(writer.ToEntity(accepted), None);
        await table.InsertAsync(writer.ToEntity(StartPair(accepted, sam)), None);
        var reader = await NewMentoringStoreAsync(Engine, prefix);

        Assert.Equal(["r-old"], (await reader.ListBySeniorAsync(Helen, None)).Select(r => r.Id.Value));
        Assert.Equal(["r-old"], (await reader.ListOfferedToAsync(sam, None)).Select(r => r.Id.Value));
        Assert.Equal(PairId(accepted.Id), Assert.Single(await reader.ListForPersonAsync(sam, None)).Id);
        Assert.Single(await reader.ListForPersonAsync(Helen, None));
    }

    private static MentoringRequest NewRequest(string id) =>
        MentoringRequest.Create(new RequestId(id), Helen, new SkillId("power-bi"), "Dashboards for my team", MeetingFormat.Call, Urgency.ThisMonth, Monday);

    private static MentoringRequest Offered(MentoringRequest request, UserId junior) => Changed(request.OfferTo(junior, Monday, TimeSpan.FromHours(48)));

    private static MentoringRequest Changed(RequestTransition transition) => ((RequestTransition.Changed)transition).Request;

    private static MentorshipId PairId(RequestId request) => new("m-" + request.Value);

    private static Mentorship StartPair(MentoringRequest request, UserId junior) =>
        Mentorship.Start(PairId(request.Id), request.Senior, junior, request.Skill, null, Monday, Monday.AddDays(91), Cadence.Default).Unwrap();

    private async Task<TableMentoringStore> NewMentoringStoreAsync() =>
        await NewMentoringStoreAsync(Engine, "m" + Guid.NewGuid().ToString("N")[..10]);

    private static async Task<TableMentoringStore> NewMentoringStoreAsync(ITableEngine engine, string prefix)
    {
        var prefixed = new PrefixedEngine(engine, prefix);
        await prefixed.GetTable(TableMentoringStore.TableName).CreateIfNotExistsAsync(None);
        return new TableMentoringStore(prefixed);
    }
}
