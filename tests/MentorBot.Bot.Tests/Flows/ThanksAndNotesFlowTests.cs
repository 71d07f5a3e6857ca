using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using MentorBot.Bot.Cards.Actions;
using MentorBot.Bot.Proactive;
using MentorBot.Bot.Protocol.Connector;
using MentorBot.Bot.Storage;
using MentorBot.Bot.Storage.CheckIns;
using MentorBot.Bot.Storage.Nudges;
using MentorBot.Core.Outbox;
using MentorBot.Bot.Protocol.Schema;
using MentorBot.Bot.Tests.Protocol.Dialogs.Testing;
using MentorBot.Core.CheckIns;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Nudges;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MentorBot.Core;
using static MentorBot.Bot.Tests.Flows.Cast;
using static MentorBot.Bot.Tests.Flows.FlowText;

namespace MentorBot.Bot.Tests.Flows;

/// <summary>
/// After a meeting: shared notes and the senior's "one thing to try" reach the next agenda card; the thank-you can copy
/// the junior's manager where the organisation allows it; "Maybe later" asks once more; a skip is told to the other.
/// </summary>
public sealed class ThanksAndNotesFlowTests
{
    [Fact]
    public async Task ThankYou_ManagerCopyAllowed_ManagerGetsTheRecognitionAndTheJuniorIsTold()
    {
        using var host = await NewHostAsync(managersMayBeCopied: true);
        await GiveJoAManagerAsync(host, Lee);
        var (pairing, _) = await HoldFirstCheckInAsync(host);

        var thanks = await host.ChatOf(Sam).InvokeAsync(CardVerbs.SendThanks, new Dictionary<string, string>
        {
            ["pairingId"] = pairing.Id.Value, ["thanksNote"] = "You made DAX make sense!", ["ccManager"] = "true",
        });

        Assert.Contains("I also shared it with Jo Junior's manager", FlowExpect.InvokeCardText(thanks), StringComparison.Ordinal);
        var toManager = Assert.Single(host.Inbox(Lee), m => Text(m.Activity).Contains("Sam Senior thanked Jo Junior", StringComparison.Ordinal));
        Assert.Contains("You made DAX make sense!", Text(toManager.Activity), StringComparison.Ordinal);
        Assert.Contains("sharing what they know about Power BI", Text(toManager.Activity), StringComparison.Ordinal);
        var toJunior = Assert.Single(host.Inbox(Jo), m => Text(m.Activity).Contains("Sam Senior says thank you", StringComparison.Ordinal));
        Assert.Contains("also shared this note with your manager", Text(toJunior.Activity), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThankYou_ConnectorFailsWhileSending_ManagerAndJuniorEachGetItOnceAfterRecovery()
    {
        // Decision 0320: the thank-you and its manager copy are written with the check-in's "thanked" and sent through
        // the outbox, so a Connector failure during the turn delays them instead of losing them.
        using var host = await NewHostAsync(managersMayBeCopied: true);
        await GiveJoAManagerAsync(host, Lee);
        var (pairing, _) = await HoldFirstCheckInAsync(host);
        host.Connector.SendOutcomes.Enqueue(new SendOutcome.Failed(HttpStatusCode.InternalServerError, "ServiceError"));
        host.Connector.SendOutcomes.Enqueue(new SendOutcome.Failed(HttpStatusCode.InternalServerError, "ServiceError"));

        var thanks = await host.ChatOf(Sam).InvokeAsync(CardVerbs.SendThanks, new Dictionary<string, string>
        {
            ["pairingId"] = pairing.Id.Value, ["thanksNote"] = "Thanks for the DAX tips", ["ccManager"] = "true",
        });
        var triedAtOnce = (Lee: ThanksSendsTo(host, Lee), Jo: ThanksSendsTo(host, Jo));
        for (var pass = 0; pass < 2; pass++)
        {
            host.Clock.Advance(TimeSpan.FromHours(1));
            var dispatch = host.Services.GetRequiredService<RequestMessageDispatch>();
            foreach (var lease in await dispatch.LeaseDueAsync(host.Clock.GetUtcNow(), "dispatcher", TimeSpan.FromMinutes(5), 100, CancellationToken.None))
            {
                await dispatch.DispatchAsync(lease, CancellationToken.None);
            }
        }

        Assert.Contains("I also shared it with Jo Junior's manager", FlowExpect.InvokeCardText(thanks), StringComparison.Ordinal);
        Assert.Equal((1, 1), triedAtOnce);
        Assert.Equal((2, 2), (ThanksSendsTo(host, Lee), ThanksSendsTo(host, Jo)));
        var rows = await host.Services.GetRequiredService<ITableEngine>().GetTable(TableCheckInStore.TableName)
            .QueryAllAsync("checkin", EntityFilter.Equal("Kind", "message"), CancellationToken.None);
        var thankYous = rows
            .Select(r => JsonSerializer.Deserialize(r["Data"].AsString(), NudgeJsonContext.Default.NudgeOutboxItem)!)
            .Select(item => (Item: item, Message: RequestMessageJson.Read(item)!))
            .Where(m => m.Message.Kind is RequestMessageKind.ThanksReceived or RequestMessageKind.ThanksCopiedToManager)
            .OrderBy(m => m.Message.Kind)
            .Select(m => (m.Message.Kind, m.Message.Recipient, m.Item.Status))
            .ToList();
        Assert.Equal(
            new[] { (RequestMessageKind.ThanksReceived, Jo.Id, NudgeStatus.Sent), (RequestMessageKind.ThanksCopiedToManager, Lee.Id, NudgeStatus.Sent) },
            thankYous);
    }

    private static int ThanksSendsTo(FlowHost host, Person person) =>
        host.Inbox(person).Count(m => m.Operation == "send" && Text(m.Activity).Contains("Thanks for the DAX tips", StringComparison.Ordinal));

    [Fact]
    public async Task ThankYou_ManagerCopyNotAllowed_OnlyTheJuniorGetsItAndTheSeniorKnowsWhy()
    {
        using var host = await NewHostAsync(managersMayBeCopied: false);
        await GiveJoAManagerAsync(host, Lee);
        var (pairing, _) = await HoldFirstCheckInAsync(host);

        var thanks = await host.ChatOf(Sam).InvokeAsync(CardVerbs.SendThanks, new Dictionary<string, string>
        {
            ["pairingId"] = pairing.Id.Value, ["thanksNote"] = "Thank you!", ["ccManager"] = "true",
        });

        Assert.Contains("doesn't share thank-yous with managers", FlowExpect.InvokeCardText(thanks), StringComparison.Ordinal);
        Assert.DoesNotContain(host.Inbox(Lee), m => Text(m.Activity).Contains("Thank you!", StringComparison.Ordinal));
        var toJunior = Assert.Single(host.Inbox(Jo), m => Text(m.Activity).Contains("Sam Senior says thank you", StringComparison.Ordinal));
        Assert.DoesNotContain("manager", Text(toJunior.Activity), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThankYou_ManagerNeverTalkedToMentorBot_JuniorStillThankedAndTheSeniorIsTold()
    {
        using var host = await NewHostAsync(managersMayBeCopied: true);
        var stranger = Person.Create("Max Manager", 9);
        await GiveJoAManagerAsync(host, stranger);
        var (pairing, _) = await HoldFirstCheckInAsync(host);

        var thanks = await host.ChatOf(Sam).InvokeAsync(CardVerbs.SendThanks, new Dictionary<string, string>
        {
            ["pairingId"] = pairing.Id.Value, ["thanksNote"] = "Thank you!", ["ccManager"] = "true",
        });

        Assert.Contains("couldn't reach Jo Junior's manager", FlowExpect.InvokeCardText(thanks), StringComparison.Ordinal);
        var toJunior = Assert.Single(host.Inbox(Jo), m => Text(m.Activity).Contains("Sam Senior says thank you", StringComparison.Ordinal));
        Assert.DoesNotContain("manager", Text(toJunior.Activity), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThanksPrompt_ThePromptOffersTheManagerCopyOnlyWhereAllowed()
    {
        using var allowed = await NewHostAsync(managersMayBeCopied: true);
        await GiveJoAManagerAsync(allowed, Lee);
        var (pairing, checkIn) = await HoldFirstCheckInAsync(allowed);
        using var notAllowed = await NewHostAsync(managersMayBeCopied: false);
        await GiveJoAManagerAsync(notAllowed, Lee);
        var (otherPairing, otherCheckIn) = await HoldFirstCheckInAsync(notAllowed);

        var withCopy = await PromptTextAsync(allowed, pairing, checkIn);
        var withoutCopy = await PromptTextAsync(notAllowed, otherPairing, otherCheckIn);

        Assert.Contains("Also share it with Jo Junior's manager", withCopy, StringComparison.Ordinal);
        Assert.DoesNotContain("manager", withoutCopy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MaybeLater_ThePromptComesBackOnceNextDay_ASecondLaterEndsTheReminders()
    {
        using var host = await NewHostAsync(managersMayBeCopied: false);
        var (pairing, checkIn) = await HoldFirstCheckInAsync(host);
        var later = new Dictionary<string, string> { ["pairingId"] = pairing.Id.Value };

        var first = await host.ChatOf(Sam).InvokeAsync(CardVerbs.ThanksLater, later);
        var remindAt = host.Clock.GetUtcNow() + TimeSpan.FromDays(1);
        var beforeDue = await PlannedThanksPromptsAsync(host, pairing, remindAt - TimeSpan.FromMinutes(1));
        var due = await PlannedThanksPromptsAsync(host, pairing, remindAt);
        var second = await host.ChatOf(Sam).InvokeAsync(CardVerbs.ThanksLater, later);
        var byJo = await host.ChatOf(Jo).InvokeAsync(CardVerbs.ThanksLater, later);

        Assert.Contains("I'll ask again later", FlowExpect.InvokeCardText(first), StringComparison.Ordinal);
        Assert.Contains("I'll bring back the thank-you card for Jo Junior", FlowExpect.InvokeCardText(first), StringComparison.Ordinal);
        Assert.Equal(remindAt, (await host.Services.GetRequiredService<ICheckInStore>().GetAsync(checkIn.Id, CancellationToken.None))!.Value.ThanksRemindAt);
        Assert.DoesNotContain(beforeDue, k => k.EndsWith("thank-you-later", StringComparison.Ordinal) || k.Contains(":thank-you-later:", StringComparison.Ordinal));
        Assert.Single(due, k => k.Contains("thank-you-later", StringComparison.Ordinal));
        Assert.Contains("No more reminders about this", FlowExpect.InvokeCardText(second), StringComparison.Ordinal);
        Assert.DoesNotContain("ask again", FlowExpect.InvokeCardText(byJo), StringComparison.Ordinal);

        await host.ChatOf(Sam).InvokeAsync(CardVerbs.SendThanks, new Dictionary<string, string> { ["pairingId"] = pairing.Id.Value, ["thanksNote"] = "Thanks!" });
        Assert.Empty(await PlannedThanksPromptsAsync(host, pairing, remindAt + TimeSpan.FromHours(1)));
    }

    [Fact]
    public async Task Feedback_SharedNotesAndTheSeniorsOneThingToTry_ShowOnTheNextAgendaCard_PrivateAnswersDoNot()
    {
        using var host = await NewHostAsync(managersMayBeCopied: false);
        var (pairing, first) = await HoldFirstCheckInAsync(host, juniorNote: "Slides are in our shared folder", juniorOneThing: "Not mine to set");
        await host.ChatOf(Sam).InvokeAsync(CardVerbs.SubmitFeedback, new Dictionary<string, string>
        {
            ["checkInId"] = first.Id.Value, ["met"] = "yes", ["rating"] = "4", ["learned"] = "PRIVATE-LEARNED",
            ["sharedNote"] = "Next: measures vs. columns", ["oneThing"] = "Build my weekly report in Power BI",
        });
        var store = host.Services.GetRequiredService<ICheckInStore>();
        var held = (await store.GetAsync(first.Id, CancellationToken.None))!.Value;

        await host.ChatOf(Jo).InvokeAsync(CardVerbs.ScheduleCheckIn, new { pairingId = pairing.Id.Value });
        var next = (await store.ListAsync(pairing.Id, CancellationToken.None)).Single(c => c.Id != first.Id);
        await host.ChatOf(Sam).InvokeAsync(CardVerbs.PickSlot, new { pairingId = pairing.Id.Value, proposalId = next.Id.Value, slotId = MentorBot.Bot.Cards.CheckInViews.SlotId(next.ProposedSlots[0]) });
        var agendaForJo = await AgendaTextAsync(host, pairing, next.ProposedSlots[0].Start - TimeSpan.FromHours(24), Jo);

        Assert.Equal("Slides are in our shared folder\n\nNext: measures vs. columns", held.Notes);
        Assert.Equal("Build my weekly report in Power BI", held.OneThingToTry);
        Assert.Contains("Slides are in our shared folder", agendaForJo, StringComparison.Ordinal);
        Assert.Contains("Next: measures vs. columns", agendaForJo, StringComparison.Ordinal);
        Assert.Contains("Build my weekly report in Power BI", agendaForJo, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE-LEARNED", agendaForJo, StringComparison.Ordinal);
        Assert.DoesNotContain("Not mine to set", agendaForJo, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Skip_AnUpcomingCheckIn_TheOtherPersonIsToldWithTheTimeInTheirZone()
    {
        using var host = await NewHostAsync(managersMayBeCopied: false);
        var (pairing, booked) = await BookFirstCheckInAsync(host);

        await host.ChatOf(Jo).InvokeAsync(CardVerbs.SkipCheckIn, new { checkInId = booked.Id.Value, version = 0 });

        var notice = Assert.Single(host.Inbox(Sam), m => Text(m.Activity).Contains("Jo Junior skipped your check-in", StringComparison.Ordinal));
        var londonStart = NodaTime.Instant.FromDateTimeOffset(booked.ProposedSlots[0].Start).InZone(NodaTime.DateTimeZoneProviders.Tzdb["Europe/London"]);
        Assert.Contains(londonStart.ToString("HH:mm", CultureInfo.InvariantCulture), Text(notice.Activity), StringComparison.Ordinal);
        Assert.NotNull(pairing);
    }

    [Fact]
    public async Task ForgetMe_AlsoDeletesReminderSettings()
    {
        using var host = await NewHostAsync(managersMayBeCopied: false);
        await host.ChatOf(Jo).SendAsync("mute reminders");
        var preferences = host.Services.GetRequiredService<INudgePreferencesStore>();
        Assert.NotNull(await preferences.GetAsync(Jo.Id, CancellationToken.None));

        await host.ChatOf(Jo).InvokeAsync(CardVerbs.ConfirmForgetMe, new { });

        Assert.Null(await preferences.GetAsync(Jo.Id, CancellationToken.None));
    }

    private static async Task<FlowHost> NewHostAsync(bool managersMayBeCopied) =>
        await new FlowHost(services =>
        {
            services.Configure<CheckInOptions>(o => o.ManagersMayBeCopied = managersMayBeCopied);
        }).SeedAsync();

    private static async Task GiveJoAManagerAsync(FlowHost host, Person manager)
    {
        var stored = (await host.Profiles.GetAsync(Jo.Id, CancellationToken.None))!;
        await host.Profiles.ReplaceAsync(stored.Value with { ManagerId = manager.Id }, stored.ETag, CancellationToken.None);
    }

    /// <summary>Books the first check-in, lets it happen, and Jo answers "we met" (so it is held).</summary>
    private static async Task<(Mentorship Pairing, CheckIn CheckIn)> HoldFirstCheckInAsync(FlowHost host, string? juniorNote = null, string? juniorOneThing = null)
    {
        var (pairing, proposal) = await BookFirstCheckInAsync(host);
        host.Clock.Advance(proposal.ProposedSlots[0].End - host.Clock.GetUtcNow() + TimeSpan.FromMinutes(20));
        var answer = new Dictionary<string, string> { ["checkInId"] = proposal.Id.Value, ["met"] = "yes", ["rating"] = "5" };
        if (juniorNote is not null)
        {
            answer["sharedNote"] = juniorNote;
        }

        if (juniorOneThing is not null)
        {
            answer["oneThing"] = juniorOneThing;
        }

        await host.ChatOf(Jo).InvokeAsync(CardVerbs.SubmitFeedback, answer);
        return (pairing, proposal);
    }

    private static async Task<(Mentorship Pairing, CheckIn Proposal)> BookFirstCheckInAsync(FlowHost host)
    {
        var request = await MatchingFlowTests.OfferToAsync(host, Jo);
        await host.ChatOf(Jo).InvokeAsync(CardVerbs.AcceptRequest, new { requestId = request.Id.Value, version = 1 });
        var pairing = (await host.Services.GetRequiredService<IMentorshipStore>().ListForPersonAsync(Sam.Id, CancellationToken.None)).Single();
        await host.ChatOf(Sam).InvokeAsync(CardVerbs.ScheduleCheckIn, new { pairingId = pairing.Id.Value });
        var proposal = Assert.Single(await host.Services.GetRequiredService<ICheckInStore>().ListAsync(pairing.Id, CancellationToken.None));
        await host.ChatOf(Jo).InvokeAsync(CardVerbs.PickSlot, new { pairingId = pairing.Id.Value, proposalId = proposal.Id.Value, slotId = MentorBot.Bot.Cards.CheckInViews.SlotId(proposal.ProposedSlots[0]) });
        return (pairing, proposal);
    }

    private static async Task<List<string>> PlannedThanksPromptsAsync(FlowHost host, Mentorship pairing, DateTimeOffset at)
    {
        var source = (await host.Services.GetRequiredService<INudgeContextSource>().LoadAsync(pairing.Id, CancellationToken.None))!;
        return [.. host.Services.GetRequiredService<NudgePlanner>().PlanDue(source.Pair, at)
            .Where(n => n.Kind == NudgeKind.ThankYouPrompt)
            .Select(n => n.Key.Value)];
    }

    private static async Task<string> PromptTextAsync(FlowHost host, Mentorship pairing, CheckIn checkIn)
    {
        var source = (await host.Services.GetRequiredService<INudgeContextSource>().LoadAsync(pairing.Id, CancellationToken.None))!;
        var now = host.Clock.GetUtcNow();
        var prompt = host.Services.GetRequiredService<NudgePlanner>().PlanDue(source.Pair, now).Single(n => n.Kind == NudgeKind.ThankYouPrompt);
        Assert.Equal(checkIn.Id, prompt.Payload.CheckInId);
        var message = host.Services.GetRequiredService<NudgeCardFactory>().Build(prompt, source, CultureInfo.GetCultureInfo("en-GB"), now)!;
        return FlowCards.VisibleText(JsonNode.Parse(MentorBot.Bot.Cards.CardJson.Serialize(message.Card))!);
    }

    private static async Task<string> AgendaTextAsync(FlowHost host, Mentorship pairing, DateTimeOffset at, Person recipient)
    {
        var source = (await host.Services.GetRequiredService<INudgeContextSource>().LoadAsync(pairing.Id, CancellationToken.None))!;
        var agenda = host.Services.GetRequiredService<NudgePlanner>().PlanDue(source.Pair, at)
            .Single(n => n.Kind == NudgeKind.AgendaPrep && n.Recipient == recipient.Id);
        var message = host.Services.GetRequiredService<NudgeCardFactory>().Build(agenda, source, CultureInfo.GetCultureInfo("en-GB"), at)!;
        return FlowCards.VisibleText(JsonNode.Parse(MentorBot.Bot.Cards.CardJson.Serialize(message.Card))!);
    }
}
