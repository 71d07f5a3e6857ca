using System.Text.Json.Nodes;
using MentorBot.Bot.Cards.Actions;
using MentorBot.Bot.Protocol.Schema;
using MentorBot.Bot.Tests.Protocol.Dialogs.Testing;
using MentorBot.Core.CheckIns;
using MentorBot.Core.Mentorships;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using static MentorBot.Bot.Tests.Flows.Cast;
using static MentorBot.Bot.Tests.Flows.FlowText;
using MentorBot.Core.Nudges;
using MentorBot.Core.Programs;

namespace MentorBot.Bot.Tests.Flows;

/// <summary>
/// Scheduling a check-in from the introduction card: both get the same three times, each in their own zone; the
/// first pick books it for both; a later pick of another time shows what was booked instead of booking twice.
/// </summary>
public sealed class CheckInFlowTests
{
    [Fact]
    public async Task ScheduleFromTheIntroCard_BothGetTimesInsideBothWorkingHours_FirstPickBooksForBoth()
    {
        using var host = await new FlowHost().SeedAsync();
        var pairing = await PairSamWithJoAsync(host);

        var picker = await host.ChatOf(Sam).InvokeAsync(CardVerbs.ScheduleCheckIn, new { pairingId = pairing.Id.Value });

        Assert.Contains("Pick a time with Jo Junior", FlowCards.VisibleText(picker.Card), StringComparison.Ordinal);
        var proposal = Assert.Single(await host.Services.GetRequiredService<ICheckInStore>().ListAsync(pairing.Id, CancellationToken.None));
        Assert.Equal(3, proposal.ProposedSlots.Count);
        foreach (var slot in proposal.ProposedSlots)
        {
            // Sam works 09–17 in London, Jo 08–16 Monday to Thursday in Stockholm: every time fits both.
            var london = Instant.FromDateTimeOffset(slot.Start).InZone(DateTimeZoneProviders.Tzdb["Europe/London"]);
            var stockholm = Instant.FromDateTimeOffset(slot.End).InZone(DateTimeZoneProviders.Tzdb["Europe/Stockholm"]);
            Assert.InRange(london.Hour, 9, 16);
            Assert.InRange(stockholm.TimeOfDay, new LocalTime(8, 30), new LocalTime(16, 0));
            Assert.NotEqual(IsoDayOfWeek.Friday, stockholm.DayOfWeek);
            Assert.True(slot.Start >= FlowHost.Start + TimeSpan.FromDays(2), $"{slot.Start} is before the first check-in is due");
        }

        var junior = Assert.Single(host.Inbox(Jo), m => m.Operation == "send" && Text(m.Activity).Contains("Pick a time with Sam Senior", StringComparison.Ordinal));
        var slotIds = Data(junior.Activity, CardVerbs.PickSlot).Select(d => d["slotId"]!.GetValue<string>()).ToList();
        Assert.Equal(3, slotIds.Count);

        var booked = await host.ChatOf(Jo).InvokeAsync(CardVerbs.PickSlot, new { pairingId = pairing.Id.Value, proposalId = proposal.Id.Value, slotId = slotIds[1] });

        Assert.Contains("Check-in with Sam Senior is booked", FlowExpect.InvokeCardText(booked), StringComparison.Ordinal);
        Assert.Contains("Stockholm", FlowExpect.InvokeCardText(booked), StringComparison.Ordinal);
        Assert.Contains(host.Inbox(Sam), m => m.Operation == "send" && Text(m.Activity).Contains("Check-in with Jo Junior is booked", StringComparison.Ordinal)
            && Text(m.Activity).Contains("London", StringComparison.Ordinal));
        var stored = (await host.Services.GetRequiredService<ICheckInStore>().GetAsync(proposal.Id, CancellationToken.None))!.Value;
        Assert.Equal(CheckInStatus.Scheduled, stored.Status);
        Assert.Equal(proposal.ProposedSlots[1], stored.Meeting!.Slot);

        // Sam picks another time on his copy a moment later: nothing is booked twice, he sees the booked one.
        var late = await host.ChatOf(Sam).InvokeAsync(CardVerbs.PickSlot, new { pairingId = pairing.Id.Value, proposalId = proposal.Id.Value, slotId = slotIds[0] });

        Assert.Contains("Check-in with Jo Junior is booked", FlowExpect.InvokeCardText(late), StringComparison.Ordinal);
        Assert.Equal(proposal.ProposedSlots[1], (await host.Services.GetRequiredService<ICheckInStore>().GetAsync(proposal.Id, CancellationToken.None))!.Value.Meeting!.Slot);
    }

    [Fact]
    public async Task AfterTheMeeting_FeedbackStaysPrivateAndTheSeniorsThanksReachTheJunior()
    {
        using var host = await new FlowHost().SeedAsync();
        var (pairing, proposal) = await BookFirstCheckInAsync(host);
        var store = host.Services.GetRequiredService<ICheckInStore>();

        var early = await host.ChatOf(Jo).InvokeAsync(CardVerbs.SubmitFeedback, new Dictionary<string, string> { ["checkInId"] = proposal.Id.Value, ["met"] = "yes", ["rating"] = "5" });
        host.Clock.Advance(proposal.ProposedSlots[0].End - host.Clock.GetUtcNow() + TimeSpan.FromMinutes(20));
        var feedback = await host.ChatOf(Jo).InvokeAsync(CardVerbs.SubmitFeedback, new Dictionary<string, string>
        {
            ["checkInId"] = proposal.Id.Value, ["met"] = "yes", ["rating"] = "5", ["learned"] = "How a sales forecast is really made", ["taught"] = "DAX measures",
        });
        var thanks = await host.ChatOf(Sam).InvokeAsync(CardVerbs.SendThanks, new Dictionary<string, string> { ["pairingId"] = pairing.Id.Value, ["thanksNote"] = "You made DAX make sense!" });
        var again = await host.ChatOf(Sam).InvokeAsync(CardVerbs.SendThanks, new Dictionary<string, string> { ["pairingId"] = pairing.Id.Value, ["thanksNote"] = "Twice?" });

        Assert.Contains("hasn't started yet", early.Text, StringComparison.Ordinal);
        Assert.Contains("It stays private: Sam Senior never sees it", FlowExpect.InvokeCardText(feedback), StringComparison.Ordinal);
        Assert.DoesNotContain(host.Inbox(Sam), m => Text(m.Activity).Contains("sales forecast", StringComparison.Ordinal));
        var saved = Assert.Single(await store.ListFeedbackAsync(pairing.Id, CancellationToken.None));
        Assert.Equal((Jo.Id, 5, "DAX measures"), (saved.From, saved.Rating!.Value, saved.Taught));
        Assert.Equal(CheckInStatus.Held, (await store.GetAsync(proposal.Id, CancellationToken.None))!.Value.Status);
        Assert.Contains("Your thank-you is on its way to Jo Junior", FlowExpect.InvokeCardText(thanks), StringComparison.Ordinal);
        Assert.Single(host.Inbox(Jo), m => Text(m.Activity).Contains("Sam Senior says thank you", StringComparison.Ordinal)
            && Text(m.Activity).Contains("You made DAX make sense!", StringComparison.Ordinal));
        Assert.Contains("Nothing to send right now", FlowExpect.InvokeCardText(again), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrivateConcern_PausesQuietly_OwnerGetsTheDetails_TheOtherPersonOnlyThatItIsPaused()
    {
        using var host = await new FlowHost(services => services.Configure<ConcernOptions>(o => o.DefaultOwners.Add(Kim.Id.AadObjectId))).SeedAsync();
        await host.ChatOf(Kim).SendAsync("hi");
        var pairing = await PairSamWithJoAsync(host);

        var raised = await host.ChatOf(Jo).InvokeAsync(CardVerbs.RaiseConcern, new Dictionary<string, string>
        {
            ["pairingId"] = pairing.Id.Value, ["concern"] = "Comments about my age in every meeting",
        });

        Assert.Contains("I've paused your pairing with Sam Senior quietly", FlowExpect.InvokeCardText(raised), StringComparison.Ordinal);
        Assert.Contains("The people your organisation named to handle concerns have your message", FlowExpect.InvokeCardText(raised), StringComparison.Ordinal);
        var owner = Assert.Single(host.Inbox(Kim), m => Text(m.Activity).Contains("A private concern about a pairing", StringComparison.Ordinal));
        Assert.Contains("Jo Junior raised a concern about their pairing with Sam Senior", Text(owner.Activity), StringComparison.Ordinal);
        Assert.Contains("Comments about my age in every meeting", Text(owner.Activity), StringComparison.Ordinal);
        var notice = Assert.Single(host.Inbox(Sam), m => Text(m.Activity).Contains("Your pairing on Power BI is paused", StringComparison.Ordinal));
        Assert.DoesNotContain("Jo", Text(notice.Activity), StringComparison.Ordinal);
        Assert.DoesNotContain("concern", Text(notice.Activity), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(host.Inbox(Sam), m => Text(m.Activity).Contains("Comments about my age", StringComparison.Ordinal));
        var paused = (await host.Services.GetRequiredService<IMentorshipStore>().GetAsync(pairing.Id, CancellationToken.None))!.Value;
        Assert.Equal((MentorshipStatus.Paused, PauseReason.Concern), (paused.State.Status, paused.State.PauseReason));
    }

    [Fact]
    public async Task BothAddAgendaTopics_ThenOneSkips_RemindersStopAndTheAgendaIsClosed()
    {
        using var host = await new FlowHost().SeedAsync();
        var (pairing, proposal) = await BookFirstCheckInAsync(host);
        var store = host.Services.GetRequiredService<ICheckInStore>();

        await host.ChatOf(Sam).InvokeAsync(CardVerbs.AddAgendaTopic, new Dictionary<string, string> { ["checkInId"] = proposal.Id.Value, ["agendaTopic"] = "DAX basics" });
        var second = await host.ChatOf(Jo).InvokeAsync(CardVerbs.AddAgendaTopic, new Dictionary<string, string> { ["checkInId"] = proposal.Id.Value, ["agendaTopic"] = "How forecasts are approved" });
        var empty = await host.ChatOf(Jo).InvokeAsync(CardVerbs.AddAgendaTopic, new Dictionary<string, string> { ["checkInId"] = proposal.Id.Value, ["agendaTopic"] = "  " });
        var skipped = await host.ChatOf(Jo).InvokeAsync(CardVerbs.SkipCheckIn, new { checkInId = proposal.Id.Value, version = 0 });
        var late = await host.ChatOf(Sam).InvokeAsync(CardVerbs.AddAgendaTopic, new Dictionary<string, string> { ["checkInId"] = proposal.Id.Value, ["agendaTopic"] = "One more" });

        Assert.Contains("Added to your agenda with Sam Senior", second.Text, StringComparison.Ordinal);
        Assert.Contains("- DAX basics\n- How forecasts are approved", second.Text, StringComparison.Ordinal);
        Assert.Contains("Please type a topic first", empty.Text, StringComparison.Ordinal);
        Assert.Contains("Check-in with Sam Senior skipped", FlowExpect.InvokeCardText(skipped), StringComparison.Ordinal);
        Assert.Contains("can't change any more", late.Text, StringComparison.Ordinal);
        var stored = (await store.GetAsync(proposal.Id, CancellationToken.None))!.Value;
        Assert.Equal((CheckInStatus.Skipped, 2), (stored.Status, stored.Agenda.Count));
    }

    [Fact]
    public async Task CadenceFromTheIntroCard_IsChangedForThePair_AndTheOtherPersonIsTold()
    {
        using var host = await new FlowHost().SeedAsync();
        var pairing = await PairSamWithJoAsync(host);

        var card = await host.ChatOf(Jo).InvokeAsync(CardVerbs.EditCadence, new { pairingId = pairing.Id.Value });
        var odd = await host.ChatOf(Jo).InvokeAsync(CardVerbs.ChangeCadence, new Dictionary<string, string> { ["pairingId"] = pairing.Id.Value, ["cadenceWeeks"] = "3", ["cadenceMinutes"] = "45" });
        var saved = await host.ChatOf(Jo).InvokeAsync(CardVerbs.ChangeCadence, new Dictionary<string, string> { ["pairingId"] = pairing.Id.Value, ["cadenceWeeks"] = "4", ["cadenceMinutes"] = "45" });

        Assert.Contains(CardVerbs.ChangeCadence, CardJson.Verbs(card.Card));
        Assert.Contains("Please pick how often", odd.Text, StringComparison.Ordinal);
        Assert.Contains("You'll meet every 4 weeks for 45 minutes", FlowExpect.InvokeCardText(saved), StringComparison.Ordinal);
        Assert.Contains(host.Inbox(Sam), m => Text(m.Activity).Contains("Jo Junior changed how often you meet", StringComparison.Ordinal)
            && Text(m.Activity).Contains("every 4 weeks, 45 minutes", StringComparison.Ordinal));
        var stored = (await host.Services.GetRequiredService<IMentorshipStore>().GetAsync(pairing.Id, CancellationToken.None))!.Value;
        Assert.Equal(new Cadence(TimeSpan.FromDays(28), TimeSpan.FromMinutes(45)), stored.Cadence);
    }

    [Fact]
    public async Task Reschedule_NewTimesToBoth_ThePickMovesTheBookingOnce()
    {
        using var host = await new FlowHost().SeedAsync();
        var (pairing, booked) = await BookFirstCheckInAsync(host);
        var store = host.Services.GetRequiredService<ICheckInStore>();

        var picker = await host.ChatOf(Sam).InvokeAsync(CardVerbs.RescheduleCheckIn, new { checkInId = booked.Id.Value, version = 0 });
        var offered = (await store.GetAsync(booked.Id, CancellationToken.None))!.Value;
        var juniorCopy = Assert.Single(host.Inbox(Jo), m => m.Operation == "send" && Text(m.Activity).Contains("Pick a time with Sam Senior", StringComparison.Ordinal)
            && Data(m.Activity, CardVerbs.PickSlot).Any(d => d["proposalId"]!.GetValue<string>().EndsWith("|move:0", StringComparison.Ordinal)));
        var newSlot = offered.ProposedSlots[1];
        var moved = await host.ChatOf(Jo).InvokeAsync(CardVerbs.PickSlot, new { pairingId = pairing.Id.Value, proposalId = $"{booked.Id.Value}|move:0", slotId = MentorBot.Bot.Cards.CheckInViews.SlotId(newSlot) });
        var late = await host.ChatOf(Sam).InvokeAsync(CardVerbs.PickSlot, new { pairingId = pairing.Id.Value, proposalId = $"{booked.Id.Value}|move:0", slotId = MentorBot.Bot.Cards.CheckInViews.SlotId(offered.ProposedSlots[0]) });

        Assert.Contains("Pick a time with Jo Junior", FlowCards.VisibleText(picker.Card), StringComparison.Ordinal);
        Assert.DoesNotContain(booked.ProposedSlots[0], offered.ProposedSlots);
        Assert.NotNull(juniorCopy.Activity);
        Assert.Contains("Check-in with Sam Senior is booked", FlowExpect.InvokeCardText(moved), StringComparison.Ordinal);
        Assert.Contains("Check-in with Jo Junior is booked", FlowExpect.InvokeCardText(late), StringComparison.Ordinal);
        var stored = (await store.GetAsync(booked.Id, CancellationToken.None))!.Value;
        Assert.Equal((CheckInStatus.Scheduled, 1, newSlot), (stored.Status, stored.Sequence, stored.Meeting!.Slot));
        Assert.Contains(host.Inbox(Sam), m => m.Operation == "send" && Text(m.Activity).Contains("Check-in with Jo Junior is booked", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reminders_SnoozeMuteAndBackOn_AreSavedForThePerson()
    {
        using var host = await new FlowHost().SeedAsync();
        var jo = host.ChatOf(Jo);
        var store = host.Services.GetRequiredService<MentorBot.Core.Nudges.INudgePreferencesStore>();

        var snoozed = await jo.SendAsync("snooze 2 weeks");
        var afterSnooze = await store.GetAsync(Jo.Id, CancellationToken.None);
        var tooLong = await jo.SendAsync("snooze 200 days");
        var muted = await jo.SendAsync("mute reminders");
        var afterMute = await store.GetAsync(Jo.Id, CancellationToken.None);
        var on = await jo.SendAsync("reminders on");
        var afterOn = await store.GetAsync(Jo.Id, CancellationToken.None);

        Assert.Contains("Reminders are snoozed until", snoozed.Text, StringComparison.Ordinal);
        Assert.Equal(FlowHost.Start + TimeSpan.FromDays(14), afterSnooze!.SnoozedUntil);
        Assert.Contains("For how long?", tooLong.Text, StringComparison.Ordinal);
        Assert.Contains("Reminders are off", muted.Text, StringComparison.Ordinal);
        Assert.Equal(Enum.GetValues<MentorBot.Core.Nudges.NudgeKind>().Order(), afterMute!.MutedKinds.Order());
        Assert.Contains("Reminders are back on", on.Text, StringComparison.Ordinal);
        Assert.Empty(afterOn!.MutedKinds);
        Assert.Null(afterOn.SnoozedUntil);
    }

    [Fact]
    public async Task EndOfPeriod_OneContinuesTheOtherCloses_AnswersKeptAndThePairingCompletes()
    {
        using var host = await new FlowHost().SeedAsync();
        var pairing = await PairSamWithJoAsync(host);

        var continued = await host.ChatOf(Sam).InvokeAsync(CardVerbs.ContinuePairing, new Dictionary<string, string> { ["pairingId"] = pairing.Id.Value, ["periodRating"] = "5", ["periodHighlight"] = "DAX!" });
        var extended = (await host.Services.GetRequiredService<IMentorshipStore>().GetAsync(pairing.Id, CancellationToken.None))!.Value;
        var closed = await host.ChatOf(Jo).InvokeAsync(CardVerbs.ClosePairing, new Dictionary<string, string> { ["pairingId"] = pairing.Id.Value, ["periodRating"] = "4" });

        Assert.Contains("You'll keep meeting until", FlowExpect.InvokeCardText(continued), StringComparison.Ordinal);
        Assert.Equal(pairing.PlannedEnd.AddMonths(3), extended.PlannedEnd);
        Assert.Contains("Your pairing on Power BI is complete", FlowExpect.InvokeCardText(closed), StringComparison.Ordinal);
        var done = (await host.Services.GetRequiredService<IMentorshipStore>().GetAsync(pairing.Id, CancellationToken.None))!.Value;
        Assert.Equal((MentorshipStatus.Ended, EndReason.Completed), (done.State.Status, done.State.EndReason));
        var reviews = await host.Services.GetRequiredService<ICheckInStore>().ListReviewsAsync(pairing.Id, CancellationToken.None);
        Assert.Equal([(Sam.Id, 5, true), (Jo.Id, 4, false)], reviews.Select(r => (r.From, r.Rating!.Value, r.Continued)));
        Assert.Contains(host.Inbox(Sam), m => Text(m.Activity).Contains("Jo Junior", StringComparison.Ordinal) && m.Operation == "send"
            && Text(m.Activity).Contains("ended", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task ForgetMe_AlsoDeletesThePairingsCheckInsAndFeedback()
    {
        using var host = await new FlowHost().SeedAsync();
        var (pairing, booked) = await BookFirstCheckInAsync(host);
        var store = host.Services.GetRequiredService<ICheckInStore>();
        await host.ChatOf(Sam).InvokeAsync(CardVerbs.AddAgendaTopic, new Dictionary<string, string> { ["checkInId"] = booked.Id.Value, ["agendaTopic"] = "DAX basics" });

        await host.ChatOf(Jo).InvokeAsync(CardVerbs.ConfirmForgetMe, new { });

        Assert.Empty(await store.ListAsync(pairing.Id, CancellationToken.None));
        Assert.Null(await store.GetAsync(booked.Id, CancellationToken.None));
    }

    [Fact]
    public async Task PickWithAForgedTime_IsRefusedKindlyAndBooksNothing()
    {
        using var host = await new FlowHost().SeedAsync();
        var pairing = await PairSamWithJoAsync(host);
        await host.ChatOf(Sam).InvokeAsync(CardVerbs.ScheduleCheckIn, new { pairingId = pairing.Id.Value });
        var proposal = Assert.Single(await host.Services.GetRequiredService<ICheckInStore>().ListAsync(pairing.Id, CancellationToken.None));

        var forged = await host.ChatOf(Jo).InvokeAsync(CardVerbs.PickSlot, new { pairingId = pairing.Id.Value, proposalId = proposal.Id.Value, slotId = "2030-01-01T03:00:00.0000000Z" });
        var stranger = await host.ChatOf(Kim).InvokeAsync(CardVerbs.ScheduleCheckIn, new { pairingId = pairing.Id.Value });

        Assert.Contains("That time is no longer available", FlowExpect.InvokeCardText(forged), StringComparison.Ordinal);
        Assert.DoesNotContain(stranger.Cards, c => FlowCards.VisibleText(c).Contains("Pick a time", StringComparison.Ordinal));
        Assert.Equal(CheckInStatus.Proposed, (await host.Services.GetRequiredService<ICheckInStore>().GetAsync(proposal.Id, CancellationToken.None))!.Value.Status);
    }

    /// <summary>Sam and Jo are paired; Sam asks for times and Jo picks the first.</summary>
    internal static async Task<(Mentorship Pairing, CheckIn Proposal)> BookFirstCheckInAsync(FlowHost host)
    {
        var pairing = await PairSamWithJoAsync(host);
        await host.ChatOf(Sam).InvokeAsync(CardVerbs.ScheduleCheckIn, new { pairingId = pairing.Id.Value });
        var proposal = Assert.Single(await host.Services.GetRequiredService<ICheckInStore>().ListAsync(pairing.Id, CancellationToken.None));
        await host.ChatOf(Jo).InvokeAsync(CardVerbs.PickSlot, new { pairingId = pairing.Id.Value, proposalId = proposal.Id.Value, slotId = MentorBot.Bot.Cards.CheckInViews.SlotId(proposal.ProposedSlots[0]) });
        return (pairing, proposal);
    }

    internal static async Task<Mentorship> PairSamWithJoAsync(FlowHost host)
    {
        var request = await MatchingFlowTests.OfferToAsync(host, Jo);
        await host.ChatOf(Jo).InvokeAsync(CardVerbs.AcceptRequest, new { requestId = request.Id.Value, version = 1 });
        return (await host.Services.GetRequiredService<IMentorshipStore>().ListForPersonAsync(Sam.Id, CancellationToken.None)).Single();
    }

    private static IEnumerable<JsonObject> Data(Activity activity, string verb) =>
        (activity.Attachments ?? [])
            .SelectMany(a => JsonNode.Parse(a.Content!.Value.GetRawText())!.AsObject().DescendantsWithVerb(verb));
}

internal static class CardJsonWalk
{
    /// <summary>Every action <c>data</c> object in the card carrying <paramref name="verb"/>.</summary>
    public static IEnumerable<JsonObject> DescendantsWithVerb(this JsonNode node, string verb)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["data"] is JsonObject data && data["verb"]?.GetValue<string>() == verb && obj["type"]?.GetValue<string>() == "Action.Execute")
                {
                    yield return data;
                }

                foreach (var child in obj.Select(p => p.Value).OfType<JsonNode>().SelectMany(v => v.DescendantsWithVerb(verb)))
                {
                    yield return child;
                }

                break;
            case JsonArray array:
                foreach (var child in array.OfType<JsonNode>().SelectMany(v => v.DescendantsWithVerb(verb)))
                {
                    yield return child;
                }

                break;
        }
    }
}
