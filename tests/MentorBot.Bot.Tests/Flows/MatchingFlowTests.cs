using System.Text.Json.Nodes;
using MentorBot.Bot.Cards.Actions;
using MentorBot.Bot.Hosting;
using MentorBot.Bot.Protocol.Schema;
using MentorBot.Bot.Tests.Protocol.Dialogs.Testing;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Privacy;
using MentorBot.Core.Profiles;
using MentorBot.Core.Requests;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using static MentorBot.Bot.Tests.Flows.Cast;
using static MentorBot.Bot.Tests.Flows.FlowText;
using MentorBot.Bot.Workers;

namespace MentorBot.Bot.Tests.Flows;

/// <summary>
/// A senior and juniors, each in their own 1:1 chat with the same bot: what each of them sees as a request is asked,
/// offered, accepted, declined, left unanswered, and when someone asks MentorBot to forget them.
/// </summary>
public sealed class MatchingFlowTests
{
    [Fact]
    public async Task Ask_CandidatesShownWithReasons_PickingOneOffersItAndTellsTheSenior()
    {
        using var host = await new FlowHost().SeedAsync();
        var sam = host.ChatOf(Sam);

        var request = await AskForPowerBiAsync(host, sam);
        var candidates = sam.Transcript[^1];
        var picked = await sam.InvokeAsync(CardVerbs.AskCandidate, new { requestId = request.Id.Value, candidateId = Jo.Id.AadObjectId, version = 0 });

        Assert.Equal("3 people can help you with Power BI.", candidates.Text);
        Assert.Contains("I've asked Jo Junior about Power BI", FlowExpect.InvokeCardText(picked), StringComparison.Ordinal);
        var offer = Assert.Single(host.Inbox(Jo), m => m.Operation == "send" && Text(m.Activity).Contains("Sam Senior would like to learn from you", StringComparison.Ordinal));
        Assert.Contains(CardVerbs.AcceptRequest, Verbs(offer.Activity));
        Assert.Contains(host.Inbox(Sam), m => m.Operation == "update" && Text(m.Activity).Contains("I've asked Jo Junior", StringComparison.Ordinal));
        var stored = (await host.Requests.GetAsync(request.Id, CancellationToken.None))!.Value;
        Assert.Equal(RequestStatus.Offered, stored.Status);
        Assert.Equal(Jo.Id, stored.PendingOffer!.Candidate);
    }

    [Fact]
    public async Task Accept_BothGetTheIntroduction_AndEveryCopyOfTheOfferSettles()
    {
        using var host = await new FlowHost().SeedAsync();
        var request = await OfferToAsync(host, Jo);

        var accepted = await host.ChatOf(Jo).InvokeAsync(CardVerbs.AcceptRequest, new { requestId = request.Id.Value, version = 1 });

        Assert.Contains("You're helping Sam Senior with Power BI", FlowExpect.InvokeCardText(accepted), StringComparison.Ordinal);
        Assert.Contains(host.Inbox(Sam), m => m.Operation == "send" && Text(m.Activity).Contains("Meet Jo Junior", StringComparison.Ordinal));
        Assert.Contains(host.Inbox(Jo), m => m.Operation == "send" && Text(m.Activity).Contains("Meet Sam Senior", StringComparison.Ordinal));
        // The offer card Jo has is settled once, by the introduction (decision 0306), not again by the turn.
        Assert.Single(host.Inbox(Jo), m => m.Operation == "update" && Text(m.Activity).Contains("You're helping Sam Senior", StringComparison.Ordinal));
        var seniorsCard = Assert.Single(host.Inbox(Sam), m => m.Operation == "update" && Text(m.Activity).Contains("Jo Junior said yes to Power BI", StringComparison.Ordinal));
        Assert.DoesNotContain(CardVerbs.WithdrawRequest, Verbs(seniorsCard.Activity));
        var pair = Assert.Single(await host.Services.GetRequiredService<IMentorshipStore>().ListForPersonAsync(Sam.Id, CancellationToken.None));
        Assert.Equal((Sam.Id, Jo.Id, MentorshipStatus.Active), (pair.Senior, pair.Junior, pair.State.Status));
    }

    [Fact]
    public async Task Decline_NextColleagueIsAskedAndTheSeniorIsToldKindly()
    {
        using var host = await new FlowHost().SeedAsync();
        var request = await OfferToAsync(host, Jo);

        var declined = await host.ChatOf(Jo).InvokeAsync(
            CardVerbs.DeclineRequest, new Dictionary<string, object> { ["requestId"] = request.Id.Value, ["version"] = 1, [DeclineRequestData.ReasonInput] = DeclineReasons.NoTime });

        Assert.Contains("You passed on this one", FlowExpect.InvokeCardText(declined), StringComparison.Ordinal);
        var stored = (await host.Requests.GetAsync(request.Id, CancellationToken.None))!.Value;
        var next = Assert.Single(new[] { Kim, Lee }, p => p.Id == stored.PendingOffer?.Candidate);
        Assert.Contains(host.Inbox(next), m => Text(m.Activity).Contains("Sam Senior would like to learn from you", StringComparison.Ordinal));
        Assert.Contains(host.Inbox(Sam), m => m.Operation == "send"
            && Text(m.Activity).Contains($"Jo Junior can't take this on right now, so I've asked {next.Name} about Power BI", StringComparison.Ordinal));
        Assert.Equal("noTime", stored.Offers[0].DeclineReason);
    }

    [Fact]
    public async Task Decline_ByEveryone_SeniorHearsWhyAndWhatToTry()
    {
        using var host = await new FlowHost().SeedAsync();
        var request = await OfferToAsync(host, Jo);

        foreach (var version in new[] { 1, 2, 3 })
        {
            var pending = (await host.Requests.GetAsync(request.Id, CancellationToken.None))!.Value.PendingOffer!.Candidate;
            var person = new[] { Jo, Kim, Lee }.Single(p => p.Id == pending);
            await host.ChatOf(person).InvokeAsync(CardVerbs.DeclineRequest, new { requestId = request.Id.Value, version });
        }

        var none = Assert.Single(host.Inbox(Sam), m => Text(m.Activity).Contains("No match for Power BI yet", StringComparison.Ordinal));
        Assert.Contains("I've asked everyone who can help with Power BI right now: 3 couldn't take it on.", Text(none.Activity), StringComparison.Ordinal);
        Assert.Contains("Try a related or broader skill.", Text(none.Activity), StringComparison.Ordinal);
        Assert.Equal(RequestStatus.NoCandidates, (await host.Requests.GetAsync(request.Id, CancellationToken.None))!.Value.Status);
    }

    [Fact]
    public async Task UnansweredOffer_After48Hours_NextColleagueIsAskedAndTheSeniorTold()
    {
        using var host = await new FlowHost().SeedAsync();
        var request = await OfferToAsync(host, Jo);
        var sweep = host.Services.GetServices<IHostedService>().OfType<OfferExpiryService>().Single();

        host.Clock.Advance(TimeSpan.FromHours(47));
        await sweep.SweepAsync(CancellationToken.None);
        var stillJo = (await host.Requests.GetAsync(request.Id, CancellationToken.None))!.Value.PendingOffer!.Candidate;
        host.Clock.Advance(TimeSpan.FromHours(1));
        await sweep.SweepAsync(CancellationToken.None);

        Assert.Equal(Jo.Id, stillJo);
        var stored = (await host.Requests.GetAsync(request.Id, CancellationToken.None))!.Value;
        Assert.Equal(OfferStatus.Expired, stored.Offers[0].Status);
        var next = Assert.Single(new[] { Kim, Lee }, p => p.Id == stored.PendingOffer?.Candidate);
        Assert.Contains(host.Inbox(next), m => Text(m.Activity).Contains("Sam Senior would like to learn from you", StringComparison.Ordinal));
        Assert.Contains(host.Inbox(Sam), m => Text(m.Activity).Contains($"I've asked {next.Name} next", StringComparison.Ordinal));
        Assert.Contains(host.Inbox(Jo), m => m.Operation == "update" && Text(m.Activity).Contains("This request has expired", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LateAccept_AfterExpiry_IsRefusedHonestlyAndTheNextColleagueCanAccept()
    {
        using var host = await new FlowHost().SeedAsync();
        var request = await OfferToAsync(host, Jo);
        host.Clock.Advance(TimeSpan.FromHours(49));
        await host.Mentoring.ExpireDueOffersAsync(host.Clock.GetUtcNow(), CancellationToken.None);
        var next = new[] { Kim, Lee }.Single(p => p.Id == host.Requests.GetAsync(request.Id, CancellationToken.None).Result!.Value.PendingOffer?.Candidate);

        var late = await host.ChatOf(Jo).InvokeAsync(CardVerbs.AcceptRequest, new { requestId = request.Id.Value, version = 1 });
        var inTime = await host.ChatOf(next).InvokeAsync(CardVerbs.AcceptRequest, new { requestId = request.Id.Value, version = 2 });

        Assert.Contains("This request has expired", FlowExpect.InvokeCardText(late), StringComparison.Ordinal);
        Assert.Contains("You're helping Sam Senior", FlowExpect.InvokeCardText(inTime), StringComparison.Ordinal);
        var stored = (await host.Requests.GetAsync(request.Id, CancellationToken.None))!.Value;
        Assert.Equal(next.Id, stored.MatchedWith);
    }

    [Fact]
    public async Task Accept_AfterTheWindowButBeforeTheSweep_IsRefusedAsExpired()
    {
        using var host = await new FlowHost().SeedAsync();
        var request = await OfferToAsync(host, Jo);
        host.Clock.Advance(TimeSpan.FromHours(49));

        var late = await host.ChatOf(Jo).InvokeAsync(CardVerbs.AcceptRequest, new { requestId = request.Id.Value, version = 1 });

        Assert.Contains("This request has expired", FlowExpect.InvokeCardText(late), StringComparison.Ordinal);
        Assert.Null((await host.Requests.GetAsync(request.Id, CancellationToken.None))!.Value.MatchedWith);
    }

    [Fact]
    public async Task Accept_WithAnotherVersionThanTheOffer_GetsTheCurrentCardAndChangesNothing()
    {
        using var host = await new FlowHost().SeedAsync();
        var request = await OfferToAsync(host, Jo);

        var stale = await host.ChatOf(Jo).InvokeAsync(CardVerbs.AcceptRequest, new { requestId = request.Id.Value, version = 7 });

        Assert.Contains("Sam Senior would like to learn from you", FlowExpect.InvokeCardText(stale), StringComparison.Ordinal);
        var stored = (await host.Requests.GetAsync(request.Id, CancellationToken.None))!.Value;
        Assert.Equal(RequestStatus.Offered, stored.Status);
        Assert.Equal(Jo.Id, stored.PendingOffer!.Candidate);
    }

    [Fact]
    public async Task ForgetMe_ListsWhatWasDeleted_EndsThePairingKindly_AndLeavesNoTrace()
    {
        using var host = await new FlowHost().SeedAsync();
        var request = await OfferToAsync(host, Jo);
        var jo = host.ChatOf(Jo);
        await jo.InvokeAsync(CardVerbs.AcceptRequest, new { requestId = request.Id.Value, version = 1 });

        var confirm = await jo.SendAsync("forget me");
        var forgotten = await jo.InvokeAsync(CardVerbs.ConfirmForgetMe);

        Assert.Contains("Delete everything MentorBot knows about you?", confirm.VisibleTexts);
        Assert.Contains("• Your profile and skills", confirm.VisibleTexts);
        Assert.Contains("• Your part in 1 request(s) from colleagues", confirm.VisibleTexts);
        var deleted = FlowExpect.InvokeCardText(forgotten);
        Assert.Contains("Here's what I deleted", deleted, StringComparison.Ordinal);
        Assert.Contains("1 pairing(s)", deleted, StringComparison.Ordinal);
        Assert.Contains(host.Inbox(Sam), m => Text(m.Activity).Contains("Jo Junior has left MentorBot, so your pairing on Power BI has ended", StringComparison.Ordinal));
        Assert.Null(await host.Profiles.GetAsync(Jo.Id, CancellationToken.None));
        Assert.Empty(await host.Services.GetRequiredService<IMentorshipStore>().ListForPersonAsync(Jo.Id, CancellationToken.None));
        Assert.Empty(await host.Requests.ListOfferedToAsync(Jo.Id, CancellationToken.None));
        Assert.Equal(ForgetMeService.Forgotten, (await host.Requests.GetAsync(request.Id, CancellationToken.None))!.Value.MatchedWith);
    }

    [Fact]
    public async Task ForgetMe_WhileAnOfferIsPending_TheSeniorIsNotLeftWaiting()
    {
        using var host = await new FlowHost().SeedAsync();
        var request = await OfferToAsync(host, Jo);
        var jo = host.ChatOf(Jo);

        await jo.InvokeAsync(CardVerbs.ConfirmForgetMe);

        var stored = (await host.Requests.GetAsync(request.Id, CancellationToken.None))!.Value;
        Assert.Contains(stored.PendingOffer?.Candidate, new UserId?[] { Kim.Id, Lee.Id });
        Assert.DoesNotContain(stored.Offers, o => o.Candidate == Jo.Id);
    }

    [Fact]
    public async Task MyMentoring_ShowsTheRequestAndThePairingFromBothSides()
    {
        using var host = await new FlowHost().SeedAsync();
        var request = await OfferToAsync(host, Jo);
        await host.ChatOf(Jo).InvokeAsync(CardVerbs.AcceptRequest, new { requestId = request.Id.Value, version = 1 });

        var senior = await host.ChatOf(Sam).SendAsync("my mentoring");
        var junior = await host.ChatOf(Jo).SendAsync("my mentoring");

        Assert.Contains("Paired with Jo Junior", FlowCards.VisibleText(senior.Card), StringComparison.Ordinal);
        Assert.Contains("Jo Junior: Power BI", senior.VisibleTexts);
        Assert.Contains("Sam Senior: Power BI", junior.VisibleTexts);
    }

    [Fact]
    public async Task EndPairing_AsksFirst_ThenTellsThePartner()
    {
        using var host = await new FlowHost().SeedAsync();
        var request = await OfferToAsync(host, Jo);
        await host.ChatOf(Jo).InvokeAsync(CardVerbs.AcceptRequest, new { requestId = request.Id.Value, version = 1 });
        var sam = host.ChatOf(Sam);
        var pairing = (await host.Services.GetRequiredService<IMentorshipStore>().ListForPersonAsync(Sam.Id, CancellationToken.None)).Single();

        var confirm = await sam.SendAsync("end pairing");
        var ended = await sam.InvokeAsync(CardVerbs.ConfirmEndPairing, new { pairingId = pairing.Id.Value });

        Assert.Contains(CardVerbs.ConfirmEndPairing, CardJson.Verbs(confirm.Card));
        Assert.Contains("Your pairing with Jo Junior on Power BI has ended", FlowExpect.InvokeCardText(ended), StringComparison.Ordinal);
        Assert.Contains(host.Inbox(Jo), m => Text(m.Activity).Contains("Sam Senior has ended your pairing on Power BI", StringComparison.Ordinal));
    }

    internal static async Task<MentoringRequest> AskForPowerBiAsync(FlowHost host, TestAdapter sam)
    {
        await sam.SendAsync("I need help with Power BI");
        await sam.InvokeAsync(CardVerbs.AskForHelp, FlowScriptTests.PowerBiAsk);
        return (await host.Requests.ListBySeniorAsync(Sam.Id, CancellationToken.None)).Single();
    }

    internal static async Task<MentoringRequest> OfferToAsync(FlowHost host, Person junior)
    {
        var sam = host.ChatOf(Sam);
        var request = await AskForPowerBiAsync(host, sam);
        await sam.InvokeAsync(CardVerbs.AskCandidate, new { requestId = request.Id.Value, candidateId = junior.Id.AadObjectId, version = 0 });
        return request;
    }

    private static IEnumerable<string> Verbs(Activity activity) =>
        (activity.Attachments ?? []).SelectMany(a => CardJson.Verbs(JsonNode.Parse(a.Content!.Value.GetRawText())!));
}
