using System.Collections.Concurrent;
using MentorBot.Bot.Proactive;
using MentorBot.Bot.Storage.InMemory;
using MentorBot.Bot.Storage.Profiles;
using MentorBot.Bot.Storage.Programs;
using MentorBot.Bot.Tests.Flows;
using MentorBot.Core.CheckIns;
using MentorBot.Core.Matching;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Persistence;
using MentorBot.Core.Profiles;
using MentorBot.Core.Programs;
using MentorBot.Core.Requests;
using MentorBot.Core.Skills;
using MentorBot.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MentorBot.Core;
using MentorBot.Core.Outbox;
using static MentorBot.Bot.Tests.Flows.Cast;

namespace MentorBot.Bot.Tests.Requests;

/// <summary>
/// "First accept wins" across bot instances: two <see cref="MentoringService"/>s (two instances of the bot) over one
/// store, Accept pressed on the same request at the same moment. Jo's offer expired, so only Kim's pending offer can
/// be accepted (decision 0252); Kim's press reaching both instances (a double press, a retried invoke) and Jo's late
/// press together still make exactly one pairing.
/// </summary>
public sealed class AcceptRaceTests
{
    private const int Iterations = 200;

    [Fact]
    public async Task Accept_TwoJuniorsOnTwoInstancesAtOnce_ExactlyOneMentorshipEveryTime()
    {
        for (var i = 0; i < Iterations; i++)
        {
            var world = await World.CreateAsync(rendezvous: i % 2 == 0);

            var outcomes = await Task.WhenAll(
                Task.Run(() => world.InstanceA.AcceptAsync(world.Request, Kim.Id, CancellationToken.None)),
                Task.Run(() => world.InstanceB.AcceptAsync(world.Request, Kim.Id, CancellationToken.None)),
                Task.Run(() => world.InstanceB.AcceptAsync(world.Request, Jo.Id, CancellationToken.None)));

            var winner = Assert.Single(outcomes.OfType<AcceptOutcome.Paired>());
            Assert.Equal(Kim.Id, winner.Mentorship.Junior);
            Assert.Single(outcomes.OfType<AcceptOutcome.AlreadyPairedWithYou>());
            // Jo's late press: refused as expired, or told someone else was matched when it comes second.
            Assert.True(outcomes[2] is AcceptOutcome.Refused { Reason: RefusalReason.OfferExpired } or AcceptOutcome.AlreadyMatched, $"{outcomes[2]}");
            var pair = Assert.Single(await world.Mentorships.ListForPersonAsync(Sam.Id, CancellationToken.None));
            Assert.Equal(winner.Mentorship.Junior, pair.Junior);
            var request = (await world.Requests.GetAsync(world.Request, CancellationToken.None))!.Value;
            Assert.Equal((RequestStatus.Matched, pair.Junior), (request.Status, request.MatchedWith!.Value));
            Assert.Equal(2, world.Notified.Count(n => n.Message.Kind == RequestMessageKind.PairingStarted));
            Assert.Equal(2, world.Outbox.All().Count(m => RequestMessageJson.Read(m)!.Kind == RequestMessageKind.PairingStarted));
        }
    }

    [Fact]
    public async Task Accept_SameJuniorTwiceAtOnce_OnePairingAndTheRepeatIsHarmless()
    {
        var world = await World.CreateAsync(rendezvous: true);

        var outcomes = await Task.WhenAll(
            Task.Run(() => world.InstanceA.AcceptAsync(world.Request, Kim.Id, CancellationToken.None)),
            Task.Run(() => world.InstanceB.AcceptAsync(world.Request, Kim.Id, CancellationToken.None)));

        Assert.Single(outcomes.OfType<AcceptOutcome.Paired>());
        Assert.Single(outcomes.OfType<AcceptOutcome.AlreadyPairedWithYou>());
        Assert.Single(await world.Mentorships.ListForPersonAsync(Sam.Id, CancellationToken.None));
    }

    private sealed class World
    {
        public required MentoringService InstanceA { get; init; }

        public required MentoringService InstanceB { get; init; }

        public required InMemoryRequestStore Requests { get; init; }

        public required InMemoryMentorshipStore Mentorships { get; init; }

        public required RequestId Request { get; init; }

        public required InMemoryRequestMessageOutbox Outbox { get; init; }

        public required ConcurrentQueue<(UserId To, RequestMessage Message)> Notified { get; init; }

        public static async Task<World> CreateAsync(bool rendezvous)
        {
            var clock = new ManualTimeProvider(FlowHost.Start);
            var engine = new InMemoryTableEngine("race", clock);
            await engine.GetTable(TableProfileStore.TableName).CreateIfNotExistsAsync(CancellationToken.None);
            var profiles = new TableProfileStore(engine);
            foreach (var profile in new[] { Senior(Sam), Junior(Jo, SkillLevel.Expert, "Marketing"), Junior(Kim, SkillLevel.Expert, "Data") })
            {
                await profiles.InsertAsync(profile, CancellationToken.None);
            }

            var stores = new InMemoryMentoringStores();
            IRequestStore requests = rendezvous ? new RendezvousRequestStore(stores.Requests, 2) : stores.Requests;
            var start = clock.GetUtcNow();
            var request = MentoringRequest.Create(new RequestId("r-race"), Sam.Id, PowerBi, "Dashboards", MeetingFormat.Call, Urgency.ThisWeek, start);
            request = Changed(request.OfferTo(Jo.Id, start, TimeSpan.FromHours(48)));
            request = Changed(request.ExpireOffer(start + TimeSpan.FromHours(49)));
            request = Changed(request.OfferTo(Kim.Id, start + TimeSpan.FromHours(49), TimeSpan.FromHours(48)));
            await stores.Requests.InsertAsync(request, CancellationToken.None);
            clock.Advance(TimeSpan.FromHours(50));

            var notified = new ConcurrentQueue<(UserId To, RequestMessage Message)>();
            var programTables = new InMemoryTableEngine("programs", clock);
            await programTables.GetTable(TableProgramStore.TableName).CreateIfNotExistsAsync(CancellationToken.None);
            await programTables.GetTable(TableEnrolmentStore.TableName).CreateIfNotExistsAsync(CancellationToken.None);
            var programMembership = new ProgramMembership(new TableProgramStore(programTables), new TableEnrolmentStore(programTables), profiles, clock);
            MentoringService Instance() => new(
                requests,
                profiles,
                new LiveMatchingIndex(profiles, stores.Mentorships, requests, new CandidateRanker(new MatchingOptions(), SkillCatalog.Default), new InProcessChangeMarker(), Options.Create(new RequestOptions()), clock, NullLogger<LiveMatchingIndex>.Instance),
                new CandidateRanker(new MatchingOptions(), SkillCatalog.Default),
                SkillCatalog.Default,
                new RecordingDelivery(notified),
                programMembership,
                Options.Create(new RequestOptions()),
                Options.Create(new CheckInOptions()),
                clock,
                NullLogger<MentoringService>.Instance);
            return new World
            {
                InstanceA = Instance(),
                InstanceB = Instance(),
                Requests = stores.Requests,
                Mentorships = stores.Mentorships,
                Request = request.Id,
                Notified = notified,
                Outbox = stores.Messages,
            };
        }

        private static MentoringRequest Changed(RequestTransition transition) => ((RequestTransition.Changed)transition).Request;
    }

    private sealed class RecordingDelivery(ConcurrentQueue<(UserId To, RequestMessage Message)> sent) : IRequestMessageDelivery
    {
        public Task DeliverAsync(IReadOnlyList<RequestMessage> messages, CancellationToken cancellationToken)
        {
            foreach (var message in messages)
            {
                sent.Enqueue((message.Recipient, message));
            }

            return Task.CompletedTask;
        }
    }

    /// <summary>
    /// Holds the first <paramref name="participants"/> reads until all have read, so both instances decide on the same
    /// version and one of them must lose the conditional write — the race is forced, not hoped for.
    /// </summary>
    private sealed class RendezvousRequestStore(IRequestStore inner, int participants) : IRequestStore
    {
        private readonly Barrier _barrier = new(participants);
        private int _reads;

        public async Task<Versioned<MentoringRequest>?> GetAsync(RequestId id, CancellationToken cancellationToken)
        {
            var read = await inner.GetAsync(id, cancellationToken);
            if (Interlocked.Increment(ref _reads) <= participants)
            {
                Assert.True(_barrier.SignalAndWait(TimeSpan.FromSeconds(10), cancellationToken), "The other accept never read the request.");
            }

            return read;
        }

        public Task<ETag> InsertAsync(MentoringRequest request, CancellationToken cancellationToken) => inner.InsertAsync(request, cancellationToken);

        public Task<ETag> ReplaceAsync(MentoringRequest request, ETag ifMatch, IReadOnlyList<RequestMessage> messages, CancellationToken cancellationToken) =>
            inner.ReplaceAsync(request, ifMatch, messages, cancellationToken);

        public Task<ETag> ReplaceAndStartMentorshipAsync(MentoringRequest request, ETag ifMatch, Mentorship mentorship, IReadOnlyList<RequestMessage> messages, CancellationToken cancellationToken) =>
            inner.ReplaceAndStartMentorshipAsync(request, ifMatch, mentorship, messages, cancellationToken);

        public Task<Page<Versioned<MentoringRequest>>> ListOpenAsync(string? continuationToken, CancellationToken cancellationToken) =>
            inner.ListOpenAsync(continuationToken, cancellationToken);

        public Task<IReadOnlyList<MentoringRequest>> ListBySeniorAsync(UserId senior, CancellationToken cancellationToken) =>
            inner.ListBySeniorAsync(senior, cancellationToken);

        public Task<IReadOnlyList<MentoringRequest>> ListOfferedToAsync(UserId candidate, CancellationToken cancellationToken) =>
            inner.ListOfferedToAsync(candidate, cancellationToken);

        public Task DeleteAsync(RequestId id, CancellationToken cancellationToken) => inner.DeleteAsync(id, cancellationToken);
    }
}
