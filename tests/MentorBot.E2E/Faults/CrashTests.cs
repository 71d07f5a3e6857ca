using System.Net;
using MentorBot.Bot.Cards.Actions;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Requests;
using Xunit.Abstractions;

namespace MentorBot.E2E.Faults;

/// <summary>
/// <c>kill -9</c> of the bot while juniors are accepting requests, then a restart on the same Azurite: nothing that
/// was acknowledged is lost, nothing is half-written (a matched request always has its one pairing and vice versa),
/// and the people who were cut off can simply press Accept again.
/// </summary>
[Collection(Faults.Collection)]
public sealed class CrashTests(ITestOutputHelper output)
{
    private const int Pairs = 12;

    [Fact]
    public async Task KilledWhileAccepting_RestartedBot_LosesNothingAndPairsEveryoneOnce()
    {
        await using var rig = await FaultRig.StartAsync(nameof(KilledWhileAccepting_RestartedBot_LosesNothingAndPairsEveryoneOnce));
        var juniors = Enumerable.Range(1, Pairs).Select(i => new FaultPerson($"Junior {i}", i)).ToList();
        var seniors = Enumerable.Range(1, Pairs).Select(i => new FaultPerson($"Senior {i}", 100 + i)).ToList();
        var byId = juniors.ToDictionary(j => j.Id);
        foreach (var junior in juniors)
        {
            await rig.JoinAsJuniorAsync(junior);
        }

        var requests = new List<MentoringRequest>();
        foreach (var senior in seniors)
        {
            await rig.JoinAsSeniorAsync(senior);
            requests.Add(await rig.AskForPowerBiAsync(senior));
        }

        // Every offered junior presses Accept, a few milliseconds apart; once a third have been answered the bot is
        // killed, with the rest in flight or not yet sent.
        var answered = new AnswerCounter(Pairs / 3);
        var presses = requests.Select((request, i) =>
            PressAcceptAsync(rig, byId[request.PendingOffer!.Candidate], request, TimeSpan.FromMilliseconds(40 * i), answered)).ToList();
        await answered.Reached.WaitAsync(TimeSpan.FromSeconds(30));
        await rig.KillBotAsync();
        var answers = await Task.WhenAll(presses);
        var acknowledged = answers.Where(a => a.Status == HttpStatusCode.OK).Select(a => a.Request).ToList();
        output.WriteLine($"{acknowledged.Count} of {Pairs} accepts answered before the kill; {Pairs - acknowledged.Count} cut off.");

        await rig.StartBotAsync();

        // Acknowledged before the kill means written: the offer was answered, and the state is whole.
        await AssertConsistentAsync(rig, seniors);
        foreach (var request in acknowledged)
        {
            var stored = (await rig.Requests.GetAsync(request.Id, CancellationToken.None))!.Value;
            Assert.True(stored.PendingOffer is null, $"{request.Id} was acknowledged but its offer is still pending after the restart.");
        }

        // Whoever was cut off presses Accept again on the same card; the restarted bot pairs them.
        foreach (var request in requests)
        {
            var stored = (await rig.Requests.GetAsync(request.Id, CancellationToken.None))!.Value;
            if (stored.Status == RequestStatus.Offered)
            {
                await rig.PostOkAsync(rig.Execute(byId[stored.PendingOffer!.Candidate], CardVerbs.AcceptRequest, new AcceptRequestData(stored.Id.Value, stored.Offers.Count)));
            }
        }

        await AssertConsistentAsync(rig, seniors);
        foreach (var senior in seniors)
        {
            var request = Assert.Single(await rig.Requests.ListBySeniorAsync(senior.Id, CancellationToken.None));
            Assert.Equal(RequestStatus.Matched, request.Status);
        }

        // Everyone paired is introduced (decision 0306): an accept acknowledged before the kill sent its introductions
        // in its turn; one cut off between its write and its send left them in the outbox, leased by the dead process,
        // and the restarted bot sends them once those leases lapse. Only a kill between a send and its record can
        // repeat one (at-least-once, decision 0120).
        await rig.Clock.AdvanceAsync(TimeSpan.FromMinutes(6), CancellationToken.None);
        var intros = new List<(FaultPerson To, FaultPerson About)>();
        foreach (var senior in seniors)
        {
            var junior = byId[(await rig.Requests.ListBySeniorAsync(senior.Id, CancellationToken.None)).Single().MatchedWith!.Value];
            intros.AddRange([(senior, junior), (junior, senior)]);
        }

        await WaitUntilAsync(() => intros.All(i => IntrosTo(rig, i.To, i.About) >= 1), TimeSpan.FromSeconds(60));
        await Task.Delay(TimeSpan.FromSeconds(1));
        var twice = intros.Sum(i => IntrosTo(rig, i.To, i.About) - 1);
        output.WriteLine($"{intros.Count} introductions due; {twice} sent twice.");
        Assert.All(intros, i => Assert.InRange(IntrosTo(rig, i.To, i.About), 1, 2));
        Assert.InRange(twice, 0, 2 * (Pairs - acknowledged.Count));

        // And the restarted bot still holds a normal conversation.
        var greeting = await rig.PostAsync(rig.Message(seniors[0], "hi"));
        greeting.Response.Dispose();
        Assert.Equal(HttpStatusCode.OK, greeting.Status);
        await rig.Connector.WaitForRequestAsync(r => r.RawTarget.Contains(Uri.EscapeDataString(seniors[0].ConversationId), StringComparison.Ordinal)
            && r.Body.Contains("Hi Senior", StringComparison.Ordinal));
    }

    /// <summary>Introductions of <paramref name="about"/> that reached <paramref name="to"/>'s chat ("Junior 1" is not "Junior 10").</summary>
    private static int IntrosTo(FaultRig rig, FaultPerson to, FaultPerson about) =>
        rig.Connector.Requests.Count(r => r.Method == "POST"
            && r.RawTarget.Contains(Uri.EscapeDataString(to.ConversationId), StringComparison.Ordinal)
            && System.Text.RegularExpressions.Regex.IsMatch(r.Body, $"Meet {System.Text.RegularExpressions.Regex.Escape(about.Name)}(?![0-9])"));

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (!condition())
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "Timed out waiting for the introductions.");
            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
    }

    /// <summary>
    /// The invariants a crash must never break: a matched request has exactly one active pairing, with the junior it
    /// names; an open request has none; nobody is paired twice for one request.
    /// </summary>
    private static async Task AssertConsistentAsync(FaultRig rig, IEnumerable<FaultPerson> seniors)
    {
        foreach (var senior in seniors)
        {
            var request = Assert.Single(await rig.Requests.ListBySeniorAsync(senior.Id, CancellationToken.None));
            var pairings = await rig.Mentorships.ListForPersonAsync(senior.Id, CancellationToken.None);
            if (request.Status == RequestStatus.Matched)
            {
                var pairing = Assert.Single(pairings);
                Assert.Equal(request.MatchedWith, pairing.Junior);
                Assert.Equal(MentorshipStatus.Active, pairing.State.Status);
                Assert.Single(request.Offers, o => o.Status == OfferStatus.Accepted);
            }
            else
            {
                Assert.True(pairings.Count == 0, $"{senior.Name}'s request is {request.Status} but {pairings.Count} pairing(s) exist.");
                Assert.DoesNotContain(request.Offers, o => o.Status == OfferStatus.Accepted);
            }
        }
    }

    private static async Task<(MentoringRequest Request, HttpStatusCode? Status)> PressAcceptAsync(
        FaultRig rig, FaultPerson junior, MentoringRequest request, TimeSpan after, AnswerCounter answered)
    {
        await Task.Delay(after);
        try
        {
            var (status, _, response) = await rig.PostAsync(rig.Execute(junior, CardVerbs.AcceptRequest, new AcceptRequestData(request.Id.Value, request.Offers.Count)));
            response.Dispose();
            answered.Add();
            return (request, status);
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException or TaskCanceledException)
        {
            // The process died under the request (or before it was sent): no answer, as a Teams client would see.
            return (request, null);
        }
    }

    private sealed class AnswerCounter(int target)
    {
        private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _count;

        public Task Reached => _reached.Task;

        public void Add()
        {
            if (Interlocked.Increment(ref _count) >= target)
            {
                _reached.TrySetResult();
            }
        }
    }
}
