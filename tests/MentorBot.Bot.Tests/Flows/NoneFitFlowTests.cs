using System.Net;
using System.Text.Json.Nodes;
using MentorBot.Bot.Cards;
using MentorBot.Bot.Cards.Actions;
using MentorBot.Bot.Proactive;
using MentorBot.Bot.Protocol.Connector;
using MentorBot.Bot.Protocol.Schema;
using MentorBot.Bot.Tests.Protocol.Dialogs.Testing;
using MentorBot.Core.CheckIns;
using Microsoft.Extensions.DependencyInjection;
using static MentorBot.Bot.Tests.Flows.Cast;

namespace MentorBot.Bot.Tests.Flows;

/// <summary>
/// "None of these fit" on the time picker leads somewhere (issue 19): later times for both, or a time of one's own
/// that the other accepts or counters, until one of them picks and it is booked for both.
/// </summary>
public sealed class NoneFitFlowTests
{
    [Fact]
    public async Task LaterTimes_ReplaceThePressedCard_AndTheOtherPersonGetsTheSameLaterTimes()
    {
        using var host = await new FlowHost().SeedAsync();
        var pairing = await CheckInFlowTests.PairSamWithJoAsync(host);
        await host.ChatOf(Sam).InvokeAsync(CardVerbs.ScheduleCheckIn, new { pairingId = pairing.Id.Value });
        var store = host.Services.GetRequiredService<ICheckInStore>();
        var first = Assert.Single(await store.ListAsync(pairing.Id, CancellationToken.None));

        var later = await host.ChatOf(Jo).InvokeAsync(CardVerbs.LaterSlots, new { pairingId = pairing.Id.Value, proposalId = first.Id.Value });

        var now = (await store.GetAsync(first.Id, CancellationToken.None))!.Value;
        Assert.Equal(CheckInStatus.Proposed, now.Status);
        Assert.Equal(3, now.ProposedSlots.Count);
        Assert.All(now.ProposedSlots, s => Assert.True(s.Start >= first.ProposedSlots.Max(o => o.End), $"{s.Start} is not after the times offered before"));
        var shown = FlowExpect.InvokeCardText(later);
        Assert.Contains("Pick a time with Sam Senior", shown, StringComparison.Ordinal);
        var toSam = host.Inbox(Sam).Last(m => m.Operation == "send" && Text(m.Activity).Contains("Pick a time with Jo Junior", StringComparison.Ordinal));
        Assert.Equal(
            now.ProposedSlots.Select(CheckInViews.SlotId),
            Data(toSam.Activity, CardVerbs.PickSlot).Select(d => d["slotId"]!.GetValue<string>()));

        var booked = await host.ChatOf(Sam).InvokeAsync(CardVerbs.PickSlot, new { pairingId = pairing.Id.Value, proposalId = first.Id.Value, slotId = CheckInViews.SlotId(now.ProposedSlots[2]) });

        Assert.Contains("Check-in with Jo Junior is booked", FlowExpect.InvokeCardText(booked), StringComparison.Ordinal);
        Assert.Equal(now.ProposedSlots[2], (await store.GetAsync(first.Id, CancellationToken.None))!.Value.Meeting!.Slot);
    }

    [Fact]
    public async Task OwnTime_TheOtherCountersWithTheirs_AndAcceptingItBooksItForBoth()
    {
        using var host = await new FlowHost().SeedAsync();
        var pairing = await CheckInFlowTests.PairSamWithJoAsync(host);
        await host.ChatOf(Sam).InvokeAsync(CardVerbs.ScheduleCheckIn, new { pairingId = pairing.Id.Value });
        var store = host.Services.GetRequiredService<ICheckInStore>();
        var proposal = Assert.Single(await store.ListAsync(pairing.Id, CancellationToken.None));

        // Jo (Stockholm) suggests Thursday 26 November at 10:00 her time, with a note.
        var suggested = await host.ChatOf(Jo).InvokeAsync(CardVerbs.NoSlotFits, new Dictionary<string, string>
        {
            ["pairingId"] = pairing.Id.Value, ["proposalId"] = proposal.Id.Value, ["suggestDate"] = "2026-11-26", ["suggestTime"] = "10:00",
            ["suggestNote"] = "Mornings are best for me",
        });

        var joTime = new TimeSlot(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 26, 9, 30, 0, TimeSpan.Zero));
        Assert.Equal([joTime], (await store.GetAsync(proposal.Id, CancellationToken.None))!.Value.ProposedSlots);
        Assert.Contains("I've suggested Thu 26 Nov, 10:00–10:30 (Stockholm) to Sam Senior", FlowExpect.InvokeCardText(suggested), StringComparison.Ordinal);
        var toSam = host.Inbox(Sam).Last(m => m.Operation == "send");
        Assert.Contains("Jo Junior suggests a time", Text(toSam.Activity), StringComparison.Ordinal);
        Assert.Contains("Jo Junior wrote: “Mornings are best for me”", Text(toSam.Activity), StringComparison.Ordinal);
        Assert.Contains("Thu 26 Nov, 09:00–09:30", Text(toSam.Activity), StringComparison.Ordinal);
        Assert.Equal([CheckInViews.SlotId(joTime)], Data(toSam.Activity, CardVerbs.PickSlot).Select(d => d["slotId"]!.GetValue<string>()));
        Assert.Contains(CardVerbs.NoSlotFits, MentorBot.Bot.Tests.Protocol.Dialogs.Testing.CardJson.Verbs(JsonNode.Parse(toSam.Activity.Attachments![0].Content!.Value.GetRawText())!.AsObject()));

        // Sam (London) counters: Friday at 11:00 his time.
        var countered = await host.ChatOf(Sam).InvokeAsync(CardVerbs.NoSlotFits, new Dictionary<string, string>
        {
            ["pairingId"] = pairing.Id.Value, ["proposalId"] = proposal.Id.Value, ["suggestDate"] = "2026-11-27", ["suggestTime"] = "11:00",
        });
        var samTime = new TimeSlot(new DateTimeOffset(2026, 11, 27, 11, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 27, 11, 30, 0, TimeSpan.Zero));

        Assert.Contains("Your time is on its way to Jo Junior", FlowExpect.InvokeCardText(countered), StringComparison.Ordinal);
        var toJo = host.Inbox(Jo).Last(m => m.Operation == "send");
        Assert.Contains("Sam Senior suggests a time", Text(toJo.Activity), StringComparison.Ordinal);
        Assert.Contains("Fri 27 Nov, 12:00–12:30", Text(toJo.Activity), StringComparison.Ordinal);
        Assert.DoesNotContain("wrote:", Text(toJo.Activity), StringComparison.Ordinal);

        // Jo's own earlier time is no longer on offer; Sam's is, and accepting it books it for both.
        var stale = await host.ChatOf(Sam).InvokeAsync(CardVerbs.PickSlot, new { pairingId = pairing.Id.Value, proposalId = proposal.Id.Value, slotId = CheckInViews.SlotId(joTime) });
        Assert.Contains("That time is no longer available", FlowExpect.InvokeCardText(stale), StringComparison.Ordinal);
        var accepted = await host.ChatOf(Jo).InvokeAsync(CardVerbs.PickSlot, new { pairingId = pairing.Id.Value, proposalId = proposal.Id.Value, slotId = CheckInViews.SlotId(samTime) });

        Assert.Contains("Check-in with Sam Senior is booked", FlowExpect.InvokeCardText(accepted), StringComparison.Ordinal);
        Assert.Contains(host.Inbox(Sam), m => m.Operation == "send" && Text(m.Activity).Contains("Check-in with Jo Junior is booked", StringComparison.Ordinal));
        var stored = (await store.GetAsync(proposal.Id, CancellationToken.None))!.Value;
        Assert.Equal((CheckInStatus.Scheduled, samTime), (stored.Status, stored.Meeting!.Slot));
    }

    [Fact]
    public async Task OwnTime_ConnectorFailsWhileTellingTheOther_TheyGetTheSuggestionWithItsNoteOnceAfterRecovery()
    {
        // Decision 0320 applied to 0390: the suggested time's message is written with the new times, so a Connector
        // failure during the turn delays it instead of losing it, and the retry still says who suggested it and why.
        using var host = await new FlowHost().SeedAsync();
        var pairing = await CheckInFlowTests.PairSamWithJoAsync(host);
        await host.ChatOf(Sam).InvokeAsync(CardVerbs.ScheduleCheckIn, new { pairingId = pairing.Id.Value });
        var proposal = Assert.Single(await host.Services.GetRequiredService<ICheckInStore>().ListAsync(pairing.Id, CancellationToken.None));
        host.Connector.SendOutcomes.Enqueue(new SendOutcome.Failed(HttpStatusCode.InternalServerError, "ServiceError"));

        var suggested = await host.ChatOf(Jo).InvokeAsync(CardVerbs.NoSlotFits, new Dictionary<string, string>
        {
            ["pairingId"] = pairing.Id.Value, ["proposalId"] = proposal.Id.Value, ["suggestDate"] = "2026-11-26", ["suggestTime"] = "10:00",
            ["suggestNote"] = "Mornings are best for me",
        });
        var triedAtOnce = SuggestionsTo(host, Sam);
        for (var pass = 0; pass < 2; pass++)
        {
            host.Clock.Advance(TimeSpan.FromMinutes(30));
            var dispatch = host.Services.GetRequiredService<RequestMessageDispatch>();
            foreach (var lease in await dispatch.LeaseDueAsync(host.Clock.GetUtcNow(), "dispatcher", TimeSpan.FromMinutes(5), 100, CancellationToken.None))
            {
                await dispatch.DispatchAsync(lease, CancellationToken.None);
            }
        }

        Assert.Contains("to Sam Senior", FlowExpect.InvokeCardText(suggested), StringComparison.Ordinal);
        Assert.Equal(1, triedAtOnce);
        Assert.Equal(2, SuggestionsTo(host, Sam));
        var toSam = host.Inbox(Sam).Last(m => m.Operation == "send");
        Assert.Contains("Jo Junior wrote: “Mornings are best for me”", Text(toSam.Activity), StringComparison.Ordinal);
        Assert.Contains("Thu 26 Nov, 09:00–09:30", Text(toSam.Activity), StringComparison.Ordinal);
    }

    private static int SuggestionsTo(FlowHost host, Person person) =>
        host.Inbox(person).Count(m => m.Operation == "send" && Text(m.Activity).Contains("Jo Junior suggests a time", StringComparison.Ordinal));

    [Fact]
    public async Task OwnTime_Incomplete_TooSoon_OrOnABookedCheckIn_GetsAnHonestAnswerAndChangesNothing()
    {
        using var host = await new FlowHost().SeedAsync();
        var pairing = await CheckInFlowTests.PairSamWithJoAsync(host);
        await host.ChatOf(Sam).InvokeAsync(CardVerbs.ScheduleCheckIn, new { pairingId = pairing.Id.Value });
        var store = host.Services.GetRequiredService<ICheckInStore>();
        var proposal = Assert.Single(await store.ListAsync(pairing.Id, CancellationToken.None));

        var noTime = await host.ChatOf(Jo).InvokeAsync(CardVerbs.NoSlotFits, new Dictionary<string, string>
        {
            ["pairingId"] = pairing.Id.Value, ["proposalId"] = proposal.Id.Value, ["suggestDate"] = "2026-11-26",
        });
        var tooSoon = await host.ChatOf(Jo).InvokeAsync(CardVerbs.NoSlotFits, new Dictionary<string, string>
        {
            ["pairingId"] = pairing.Id.Value, ["proposalId"] = proposal.Id.Value, ["suggestDate"] = "2026-11-23", ["suggestTime"] = "11:00",
        });
        var tooFar = await host.ChatOf(Jo).InvokeAsync(CardVerbs.NoSlotFits, new Dictionary<string, string>
        {
            ["pairingId"] = pairing.Id.Value, ["proposalId"] = proposal.Id.Value, ["suggestDate"] = "2027-06-01", ["suggestTime"] = "11:00",
        });

        Assert.Contains("Please pick both a date and a time", noTime.Text, StringComparison.Ordinal);
        Assert.Contains("at least 4 hours from now", tooSoon.Text, StringComparison.Ordinal);
        Assert.Contains("within the next 90 days", tooFar.Text, StringComparison.Ordinal);
        Assert.Equal(proposal.ProposedSlots, (await store.GetAsync(proposal.Id, CancellationToken.None))!.Value.ProposedSlots);

        await host.ChatOf(Jo).InvokeAsync(CardVerbs.PickSlot, new { pairingId = pairing.Id.Value, proposalId = proposal.Id.Value, slotId = CheckInViews.SlotId(proposal.ProposedSlots[0]) });
        var afterBooking = await host.ChatOf(Sam).InvokeAsync(CardVerbs.NoSlotFits, new Dictionary<string, string>
        {
            ["pairingId"] = pairing.Id.Value, ["proposalId"] = proposal.Id.Value, ["suggestDate"] = "2026-11-27", ["suggestTime"] = "11:00",
        });

        Assert.Contains("Check-in with Jo Junior is booked", FlowExpect.InvokeCardText(afterBooking), StringComparison.Ordinal);
        Assert.Equal(proposal.ProposedSlots[0], (await store.GetAsync(proposal.Id, CancellationToken.None))!.Value.Meeting!.Slot);
    }

    internal static string Text(Activity activity) =>
        activity.Text + string.Concat((activity.Attachments ?? []).Select(a => FlowCards.VisibleText(JsonNode.Parse(a.Content!.Value.GetRawText())!)));

    internal static IEnumerable<JsonObject> Data(Activity activity, string verb) =>
        (activity.Attachments ?? [])
            .SelectMany(a => JsonNode.Parse(a.Content!.Value.GetRawText())!.AsObject().DescendantsWithVerb(verb));
}
