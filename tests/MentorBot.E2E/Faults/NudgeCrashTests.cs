using System.Net;
using MentorBot.Bot.Cards.Actions;
using MentorBot.Bot.Flows;
using MentorBot.Core.CheckIns;
using MentorBot.Core.Requests;
using Xunit.Abstractions;
using CheckInViews = MentorBot.Bot.Cards.CheckInViews;

namespace MentorBot.E2E.Faults;

/// <summary>
/// <c>kill -9</c> while the dispatcher is sending a batch of due nudges, then a restart on the same Azurite: every
/// nudge still reaches its person (none lost), and a nudge is sent twice only if it was on the wire at the moment of
/// the kill — the documented at-least-once window (decision 0120), bounded by the dispatcher's concurrent sends.
/// </summary>
[Collection(Faults.Collection)]
public sealed class NudgeCrashTests(ITestOutputHelper output)
{
    private const int Pairs = 12;
    private const int MaxConcurrentSends = 16;
    // The agenda card's title: "Tomorrow: …", "Today: …" or "Monday: …" (decision 0390).
    private const string Agenda = ": check-in with";

    [Fact]
    public async Task KilledWhileSendingDueNudges_RestartedBot_DeliversEveryNudgeWithDuplicatesOnlyFromTheCutOffBatch()
    {
        await using var rig = await FaultRig.StartAsync(nameof(KilledWhileSendingDueNudges_RestartedBot_DeliversEveryNudgeWithDuplicatesOnlyFromTheCutOffBatch));
        var juniors = Enumerable.Range(1, Pairs).Select(i => new FaultPerson($"Junior {i}", i)).ToList();
        var seniors = Enumerable.Range(1, Pairs).Select(i => new FaultPerson($"Senior {i}", 100 + i)).ToList();
        var byId = juniors.Concat(seniors).ToDictionary(p => p.Id);
        foreach (var junior in juniors)
        {
            await rig.JoinAsJuniorAsync(junior);
        }

        // Everyone is paired, and each pair books its first check-in from the introduction card.
        var starts = new List<DateTimeOffset>();
        foreach (var senior in seniors)
        {
            await rig.JoinAsSeniorAsync(senior);
            var request = await rig.AskForPowerBiAsync(senior);
            var junior = byId[request.PendingOffer!.Candidate];
            await rig.PostOkAsync(rig.Execute(junior, CardVerbs.AcceptRequest, new AcceptRequestData(request.Id.Value, request.Offers.Count)));
            var pairing = Assert.Single(await rig.Mentorships.ListForPersonAsync(senior.Id, CancellationToken.None));
            await rig.PostOkAsync(rig.Execute(senior, CardVerbs.ScheduleCheckIn, new ScheduleCheckInData(pairing.Id.Value)));
            var proposal = (await rig.CheckIns.ListAsync(pairing.Id, CancellationToken.None)).Single(c => c.Status == CheckInStatus.Proposed);
            await rig.PostOkAsync(rig.Execute(junior, CardVerbs.PickSlot, new PickSlotData(pairing.Id.Value, proposal.Id.Value, CheckInViews.SlotId(proposal.ProposedSlots[0]))));
            starts.Add(proposal.ProposedSlots[0].Start);
        }

        Assert.Equal(Pairs, seniors.Count(s => rig.Requests.ListBySeniorAsync(s.Id, CancellationToken.None).Result.Single().Status == RequestStatus.Matched));
        var recipients = juniors.Concat(seniors).Select(p => Uri.EscapeDataString(p.ConversationId)).ToHashSet();
        Assert.Single(starts.Distinct());

        // 23 h before the check-ins (inside everyone's day, so no quiet-hours deferral) all 24 agenda nudges are due
        // at once. The bot is killed once a third of them reached the Connector, the rest queued or on the wire.
        var jump = starts[0] - TimeSpan.FromHours(23) - DateTimeOffset.UtcNow;
        var advance = rig.Clock.AdvanceAsync(jump, CancellationToken.None);
        await WaitUntilAsync(() => AgendaSends(rig).Count >= 2 * Pairs / 3, TimeSpan.FromSeconds(30));
        await rig.KillBotAsync();
        var cutOff = await advance.ContinueWith(t => t.IsFaulted, TaskScheduler.Default);
        var beforeKill = AgendaSends(rig).Count;

        // The new instance finds the killed one's leases in the outbox and takes them over once they expire
        // (Nudges:LeaseDuration, 5 minutes): its clock goes to the same moment, plus that.
        await rig.StartBotAsync();
        await rig.Clock.AdvanceAsync(starts[0] - TimeSpan.FromHours(23) - DateTimeOffset.UtcNow + TimeSpan.FromMinutes(6), CancellationToken.None);
        await WaitUntilAsync(() => AgendaSends(rig).Select(r => Conversation(r.RawTarget)).Distinct().Count() >= 2 * Pairs, TimeSpan.FromSeconds(60));
        await Task.Delay(TimeSpan.FromSeconds(2));

        var sends = AgendaSends(rig);
        var perPerson = sends.GroupBy(r => Conversation(r.RawTarget)).ToDictionary(g => g.Key, g => g.Count());
        var duplicates = perPerson.Values.Sum(n => n - 1);
        output.WriteLine($"{beforeKill} agenda nudges reached the Connector before the kill (clock request {(cutOff ? "cut off" : "had finished")}); {sends.Count} in all for {2 * Pairs} people; {duplicates} sent twice.");
        Assert.Equal(recipients.Order(), perPerson.Keys.Order());
        Assert.All(perPerson.Values, n => Assert.InRange(n, 1, 2));
        Assert.InRange(duplicates, 0, MaxConcurrentSends);

        // Nothing is sent again afterwards: the outbox knows every one of them as sent.
        await rig.Clock.AdvanceAsync(TimeSpan.FromMinutes(30), CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(sends.Count, AgendaSends(rig).Count);
        var (status, _, response) = await rig.PostAsync(rig.Message(seniors[0], "hi"));
        response.Dispose();
        Assert.Equal(HttpStatusCode.OK, status);
    }

    /// <summary>The (escaped) conversation id of <c>/v3/conversations/{id}/activities…</c>.</summary>
    private static string Conversation(string rawTarget) => rawTarget.Split('/')[3];

    private static List<Testing.RecordedRequest> AgendaSends(FaultRig rig) =>
        [.. rig.Connector.Requests.Where(r => r.Method == "POST" && r.Body.Contains(Agenda, StringComparison.Ordinal))];

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (!condition())
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "Timed out waiting for the Connector to receive the nudges.");
            await Task.Delay(TimeSpan.FromMilliseconds(20));
        }
    }
}
