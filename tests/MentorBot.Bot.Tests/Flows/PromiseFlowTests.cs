using MentorBot.Bot.Cards.Actions;
using MentorBot.Bot.Tests.Protocol.Dialogs.Testing;
using MentorBot.Core.Profiles;
using MentorBot.Core.Requests;
using Microsoft.Extensions.DependencyInjection;
using static MentorBot.Bot.Tests.Flows.Cast;
using static MentorBot.Bot.Tests.Flows.NoneFitFlowTests;

namespace MentorBot.Bot.Tests.Flows;

/// <summary>
/// Every promise a card makes is kept (issue 19): the skill watch tells the senior when someone new can help, the
/// end-of-pairing note reaches the partner, a suggested colleague is actually asked and the senior hears what happened.
/// </summary>
public sealed class PromiseFlowTests
{
    [Fact]
    public async Task WatchedSkill_SomeoneNewAddsIt_TheyAreAskedAndTheSeniorIsTold()
    {
        using var host = await new FlowHost().SeedAsync();
        var sam = host.ChatOf(Sam);
        var nobody = await sam.InvokeAsync(CardVerbs.AskForHelp, Ask("advanced-excel"));
        var request = (await host.Requests.ListBySeniorAsync(Sam.Id, CancellationToken.None)).Single();
        Assert.Equal(RequestStatus.NoCandidates, request.Status);
        Assert.Contains("I'll also tell you when someone new adds this skill", FlowCards.VisibleText(nobody.Card), StringComparison.Ordinal);

        // Kim saves her profile without Excel: nothing happens. Lee adds Excel: he is asked, and Sam hears why.
        await host.ChatOf(Kim).InvokeAsync(CardVerbs.SaveProfile, JuniorForm(("power-bi", 3)));
        Assert.Equal(RequestStatus.NoCandidates, (await host.Requests.GetAsync(request.Id, CancellationToken.None))!.Value.Status);
        await host.ChatOf(Lee).InvokeAsync(CardVerbs.SaveProfile, JuniorForm(("power-bi", 2), ("advanced-excel", 4)));

        var now = (await host.Requests.GetAsync(request.Id, CancellationToken.None))!.Value;
        Assert.Equal((RequestStatus.Offered, Lee.Id), (now.Status, now.PendingOffer!.Candidate));
        var offer = Assert.Single(host.Inbox(Lee), m => m.Operation == "send" && Text(m.Activity).Contains("would like to learn from you", StringComparison.Ordinal));
        Assert.Contains("Advanced Excel", Text(offer.Activity), StringComparison.Ordinal);
        Assert.Single(host.Inbox(Sam), m => Text(m.Activity).Contains("Lee Newman has just added Advanced Excel to their profile, so I've asked them, as promised.", StringComparison.Ordinal));
        Assert.DoesNotContain(host.Inbox(Kim), m => Text(m.Activity).Contains("Advanced Excel", StringComparison.Ordinal));

        // Saving again changes nothing: he was asked once.
        await host.ChatOf(Lee).InvokeAsync(CardVerbs.SaveProfile, JuniorForm(("power-bi", 2), ("advanced-excel", 4)));
        Assert.Single(host.Inbox(Lee), m => m.Operation == "send" && Text(m.Activity).Contains("would like to learn from you", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WatchedSkill_TheNewColleagueIsInTheSeniorsReportingLine_NobodyIsAsked()
    {
        using var host = await new FlowHost().SeedAsync();
        await host.ChatOf(Sam).InvokeAsync(CardVerbs.AskForHelp, Ask("advanced-excel"));
        await SetManagerAsync(host, Lee, Sam);

        await host.ChatOf(Lee).InvokeAsync(CardVerbs.SaveProfile, JuniorForm(("power-bi", 2), ("advanced-excel", 4)));

        var request = (await host.Requests.ListBySeniorAsync(Sam.Id, CancellationToken.None)).Single();
        Assert.Equal(RequestStatus.NoCandidates, request.Status);
        Assert.DoesNotContain(host.Inbox(Lee), m => Text(m.Activity).Contains("would like to learn from you", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EndOfPairingNote_ReachesThePartnerOnly()
    {
        using var host = await new FlowHost().SeedAsync();
        var pairing = await CheckInFlowTests.PairSamWithJoAsync(host);

        var ended = await host.ChatOf(Sam).InvokeAsync(CardVerbs.ConfirmEndPairing, new Dictionary<string, string>
        {
            ["pairingId"] = pairing.Id.Value, [ConfirmEndPairingData.NoteInput] = "  You made dashboards fun. Thank you!  ",
        });

        Assert.Contains("Your note is on its way to Jo Junior; only they will see it.", FlowExpect.InvokeCardText(ended), StringComparison.Ordinal);
        var told = Assert.Single(host.Inbox(Jo), m => m.Operation == "send" && Text(m.Activity).Contains("Sam Senior has ended your pairing", StringComparison.Ordinal));
        Assert.Contains("Sam Senior left you a note: “You made dashboards fun. Thank you!”", Text(told.Activity), StringComparison.Ordinal);
        foreach (var other in new[] { Sam, Kim, Lee })
        {
            Assert.DoesNotContain(host.Inbox(other), m => Text(m.Activity).Contains("dashboards fun", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task EndOfPairing_WithoutANote_SaysNothingAboutANote()
    {
        using var host = await new FlowHost().SeedAsync();
        var pairing = await CheckInFlowTests.PairSamWithJoAsync(host);

        var ended = await host.ChatOf(Sam).InvokeAsync(CardVerbs.ConfirmEndPairing, new { pairingId = pairing.Id.Value });

        Assert.DoesNotContain("note", FlowExpect.InvokeCardText(ended), StringComparison.OrdinalIgnoreCase);
        var told = Assert.Single(host.Inbox(Jo), m => m.Operation == "send" && Text(m.Activity).Contains("Sam Senior has ended your pairing", StringComparison.Ordinal));
        Assert.DoesNotContain("left you a note", Text(told.Activity), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SuggestedColleague_IsAskedNext_AndBothKnowItWasTheirIdea()
    {
        using var host = await new FlowHost().SeedAsync();
        var request = await MatchingFlowTests.OfferToAsync(host, Jo);

        var suggested = await Suggest(host, request, "kim young");

        Assert.Contains("I've asked kim young, and told Sam Senior it was your idea.", FlowExpect.InvokeCardText(suggested), StringComparison.Ordinal);
        var now = (await host.Requests.GetAsync(request.Id, CancellationToken.None))!.Value;
        Assert.Equal(Kim.Id, now.PendingOffer!.Candidate);
        Assert.Single(host.Inbox(Kim), m => m.Operation == "send" && Text(m.Activity).Contains("would like to learn from you", StringComparison.Ordinal));
        var update = Assert.Single(host.Inbox(Sam), m => Text(m.Activity).Contains("Asking Kim Young was Jo Junior's suggestion.", StringComparison.Ordinal));
        Assert.Equal("send", update.Operation);
    }

    [Fact]
    public async Task SuggestedColleague_InTheSeniorsReportingLine_IsNotAsked_TheNextBestIs_AndBothAreToldHonestly()
    {
        using var host = await new FlowHost().SeedAsync();
        await SetManagerAsync(host, Kim, Sam);
        var request = await MatchingFlowTests.OfferToAsync(host, Jo);

        var suggested = await Suggest(host, request, "Kim Young");

        Assert.Contains("I can't ask Kim Young for this right now, so I'll ask another colleague.", FlowExpect.InvokeCardText(suggested), StringComparison.Ordinal);
        var now = (await host.Requests.GetAsync(request.Id, CancellationToken.None))!.Value;
        Assert.Equal(Lee.Id, now.PendingOffer!.Candidate);
        Assert.DoesNotContain(host.Inbox(Kim), m => Text(m.Activity).Contains("would like to learn from you", StringComparison.Ordinal));
        var update = Assert.Single(host.Inbox(Sam), m => Text(m.Activity).Contains("Jo Junior also suggested a colleague, but I can't ask them for this right now", StringComparison.Ordinal));
        Assert.Contains("Lee Newman", Text(update.Activity), StringComparison.Ordinal);
        Assert.DoesNotContain("Kim", Text(update.Activity), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SuggestedColleague_NotOnMentorBot_TheSeniorGetsTheNameToReachOutThemselves()
    {
        using var host = await new FlowHost().SeedAsync();
        var request = await MatchingFlowTests.OfferToAsync(host, Jo);

        var suggested = await Suggest(host, request, "Anna Berg");
        var empty = await host.ChatOf(Jo).InvokeAsync(CardVerbs.SuggestColleague, new Dictionary<string, object> { ["requestId"] = request.Id.Value, ["version"] = 1 });

        Assert.Contains("I couldn't find Anna Berg on MentorBot, so I've passed the name to Sam Senior", FlowExpect.InvokeCardText(suggested), StringComparison.Ordinal);
        Assert.Single(host.Inbox(Sam), m => Text(m.Activity).Contains("Jo Junior also suggested “Anna Berg”, who isn't on MentorBot yet", StringComparison.Ordinal));
        Assert.NotEqual(Jo.Id, (await host.Requests.GetAsync(request.Id, CancellationToken.None))!.Value.PendingOffer?.Candidate);
        Assert.DoesNotContain(empty.Cards, c => FlowCards.VisibleText(c).Contains("I didn't understand", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SuggestedColleague_NotOnMentorBot_ASwedishSeniorGetsTheTypedNameInSwedish()
    {
        using var host = await new FlowHost().SeedAsync();
        var request = await MatchingFlowTests.OfferToAsync(host, Jo);
        await host.ChatOf(Sam, "sv-SE").SendAsync("hej");

        var suggested = await Suggest(host, request, "Anna Berg");

        Assert.Contains("I couldn't find Anna Berg on MentorBot", FlowExpect.InvokeCardText(suggested), StringComparison.Ordinal);
        Assert.Single(host.Inbox(Sam), m => Text(m.Activity).Contains("Jo Junior föreslog också ”Anna Berg”, som inte finns i MentorBot än", StringComparison.Ordinal));
        Assert.DoesNotContain(host.Inbox(Sam), m => Text(m.Activity).Contains("isn't on MentorBot yet", StringComparison.Ordinal));
    }

    private static Task<TestTurn> Suggest(FlowHost host, MentoringRequest request, string colleague) =>
        host.ChatOf(Jo).InvokeAsync(CardVerbs.SuggestColleague, new Dictionary<string, object>
        {
            ["requestId"] = request.Id.Value, ["version"] = 1, [SuggestColleagueData.ColleagueInput] = colleague,
        });

    private static async Task SetManagerAsync(FlowHost host, Person person, Person manager)
    {
        var stored = (await host.Profiles.GetAsync(person.Id, CancellationToken.None))!;
        await host.Profiles.ReplaceAsync(stored.Value with { ManagerId = manager.Id }, stored.ETag, CancellationToken.None);
    }

    private static Dictionary<string, string> Ask(string skill) => new()
    {
        [AskForHelpData.SkillInput] = skill,
        [AskForHelpData.GoalInput] = "Pivot tables for the quarterly numbers",
        [AskForHelpData.FormatInput] = MeetingFormats.Call30,
        [AskForHelpData.UrgencyInput] = Urgencies.NoRush,
    };

    /// <summary>A junior's profile form as the card sends it: Stockholm, Monday to Thursday 08–16, these skills offered.</summary>
    private static Dictionary<string, object> JuniorForm(params (string Skill, int Level)[] offers)
    {
        var form = new Dictionary<string, object>
        {
            ["isEdit"] = true,
            [SaveProfileData.RoleInput] = "both",
            [SaveProfileData.TimeZoneInput] = "Europe/Stockholm",
            [SaveProfileData.HoursStartInput] = "08:00",
            [SaveProfileData.HoursEndInput] = "16:00",
            [SaveProfileData.DaysInput] = "mon,tue,wed,thu",
            [SaveProfileData.WantSkillInput(0)] = "stakeholder-management",
            [SaveProfileData.WantCurrentInput(0)] = "1",
            [SaveProfileData.WantTargetInput(0)] = "3",
            [SaveProfileData.LanguagesInput] = "en,sv",
            [SaveProfileData.CapacityInput] = "2",
        };
        for (var i = 0; i < offers.Length; i++)
        {
            form[SaveProfileData.OfferSkillInput(i)] = offers[i].Skill;
            form[SaveProfileData.OfferLevelInput(i)] = offers[i].Level.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return form;
    }
}

/// <summary>What the intro, "my mentoring" and the offer promise, shown from real pairings and requests.</summary>
public sealed class ShownPromiseFlowTests
{
    [Fact]
    public async Task Intro_ShowsSharedHoursInEachOnesZone_AndIdeasForTheirMeetingLength()
    {
        using var host = await new FlowHost().SeedAsync();

        await CheckInFlowTests.PairSamWithJoAsync(host);

        var toSam = Text(Assert.Single(host.Inbox(Sam), m => m.Operation == "send" && Text(m.Activity).Contains("Meet Jo Junior", StringComparison.Ordinal)).Activity);
        var toJo = Text(Assert.Single(host.Inbox(Jo), m => m.Operation == "send" && Text(m.Activity).Contains("Meet Sam Senior", StringComparison.Ordinal)).Activity);
        Assert.Contains("Mon–Thu 09:00–15:00, your time", toSam, StringComparison.Ordinal);
        Assert.Contains("Mon–Thu 10:00–16:00, your time", toJo, StringComparison.Ordinal);
        Assert.Contains("Ideas for your first 30 minutes", toSam, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MyMentoring_ShowsTheNextCheckIn_OfferedThenBooked()
    {
        using var host = await new FlowHost().SeedAsync();
        var pairing = await CheckInFlowTests.PairSamWithJoAsync(host);
        var before = await host.ChatOf(Sam).SendAsync("my mentoring");
        await host.ChatOf(Sam).InvokeAsync(CardVerbs.ScheduleCheckIn, new { pairingId = pairing.Id.Value });
        var offered = await host.ChatOf(Sam).SendAsync("my mentoring");
        var (_, booked) = (pairing, Assert.Single(await host.Services.GetRequiredService<Core.CheckIns.ICheckInStore>().ListAsync(pairing.Id, CancellationToken.None)));
        await host.ChatOf(Jo).InvokeAsync(CardVerbs.PickSlot, new { pairingId = pairing.Id.Value, proposalId = booked.Id.Value, slotId = MentorBot.Bot.Cards.CheckInViews.SlotId(booked.ProposedSlots[0]) });
        var after = await host.ChatOf(Sam).SendAsync("my mentoring");

        Assert.Contains("Not scheduled yet", FlowCards.VisibleText(before.Card), StringComparison.Ordinal);
        Assert.Contains("Times offered, not picked yet", FlowCards.VisibleText(offered.Card), StringComparison.Ordinal);
        var london = NodaTime.Instant.FromDateTimeOffset(booked.ProposedSlots[0].Start).InZone(NodaTime.DateTimeZoneProviders.Tzdb["Europe/London"]).LocalDateTime;
        var expected = NodaTime.Text.LocalDateTimePattern.Create("ddd d MMM, HH:mm", System.Globalization.CultureInfo.GetCultureInfo("en-GB")).Format(london);
        Assert.Contains(expected, FlowCards.VisibleText(after.Card), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ByWhen_ThisWeek_GivesEachColleagueADayToAnswer_AndTheOfferSaysSo()
    {
        using var host = await new FlowHost().SeedAsync();
        var sam = host.ChatOf(Sam);
        await sam.SendAsync("I need help with Power BI");
        await sam.InvokeAsync(CardVerbs.AskForHelp, new Dictionary<string, string>
        {
            [AskForHelpData.SkillInput] = "power-bi", [AskForHelpData.GoalInput] = "A dashboard before Friday's review",
            [AskForHelpData.FormatInput] = MeetingFormats.Call30, [AskForHelpData.UrgencyInput] = Urgencies.ThisWeek,
        });
        var request = (await host.Requests.ListBySeniorAsync(Sam.Id, CancellationToken.None)).Single();

        await sam.InvokeAsync(CardVerbs.AskCandidate, new { requestId = request.Id.Value, candidateId = Jo.Id.AadObjectId, version = 0 });

        var offer = (await host.Requests.GetAsync(request.Id, CancellationToken.None))!.Value.PendingOffer!;
        Assert.Equal(TimeSpan.FromHours(24), offer.ExpiresAt - offer.OfferedAt);
        var card = Text(Assert.Single(host.Inbox(Jo), m => m.Operation == "send" && Text(m.Activity).Contains("would like to learn from you", StringComparison.Ordinal)).Activity);
        Assert.Contains("Hopes to start", card, StringComparison.Ordinal);
        Assert.Contains("This week", card, StringComparison.Ordinal);
    }
}
