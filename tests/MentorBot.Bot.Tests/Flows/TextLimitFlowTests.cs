using System.Text.Json.Nodes;
using MentorBot.Bot.Cards.Actions;
using MentorBot.Bot.Tests.Protocol.Dialogs.Testing;
using MentorBot.Core;
using MentorBot.Core.Requests;
using static MentorBot.Bot.Tests.Flows.Cast;

namespace MentorBot.Bot.Tests.Flows;

/// <summary>Free text over its server-side limit (decision 0251): a friendly card that keeps the text, and nothing stored half-way.</summary>
public sealed class TextLimitFlowTests
{
    private static readonly string OneMegabyte = new('x', 1024 * 1024);

    [Fact]
    public async Task Decline_WithOneMegabyteNote_FriendlyCardKeepsTheTextAndNothingIsStored()
    {
        using var host = await new FlowHost().SeedAsync();
        var request = await MatchingFlowTests.OfferToAsync(host, Jo);

        var turn = await host.ChatOf(Jo).InvokeAsync(CardVerbs.DeclineRequest, Decline(request, OneMegabyte));

        var card = turn.Card;
        Assert.Contains("That's a little long", FlowCards.VisibleText(card), StringComparison.Ordinal);
        var (_, kept) = Assert.Single(FlowCards.Inputs(card), i => i.Id == DeclineRequestData.NoteInput);
        Assert.Equal(TextLimits.MaxLength(FreeTextField.DeclineNote), kept!.Length);
        Assert.Contains(CardVerbs.DeclineRequest, CardJson.Verbs(card));
        var stored = (await host.Requests.GetAsync(request.Id, CancellationToken.None))!.Value;
        Assert.Equal(RequestStatus.Offered, stored.Status);
        Assert.Equal(Jo.Id, stored.PendingOffer!.Candidate);
        Assert.All(stored.Offers, o => Assert.Null(o.DeclineReason));
    }

    [Fact]
    public async Task Decline_AfterOverLongNote_SendingTheKeptTextDeclinesNormally()
    {
        using var host = await new FlowHost().SeedAsync();
        var request = await MatchingFlowTests.OfferToAsync(host, Jo);
        var jo = host.ChatOf(Jo);
        var tooLong = await jo.InvokeAsync(CardVerbs.DeclineRequest, Decline(request, OneMegabyte));
        var resend = ResendData(tooLong.Card);

        var declined = await jo.InvokeAsync(CardVerbs.DeclineRequest, resend);

        Assert.Contains("You passed on this one", FlowExpect.InvokeCardText(declined), StringComparison.Ordinal);
        var stored = (await host.Requests.GetAsync(request.Id, CancellationToken.None))!.Value;
        Assert.Equal(new string('x', TextLimits.MaxLength(FreeTextField.DeclineNote)), stored.Offers[0].DeclineReason);
        Assert.NotEqual(Jo.Id, stored.PendingOffer?.Candidate);
    }

    [Fact]
    public async Task Accept_AfterOverLongDecline_PairsAndTheSeniorCanStillBeForgotten()
    {
        using var host = await new FlowHost().SeedAsync();
        var request = await MatchingFlowTests.OfferToAsync(host, Jo);
        var jo = host.ChatOf(Jo);
        await jo.InvokeAsync(CardVerbs.DeclineRequest, Decline(request, OneMegabyte));

        var accepted = await jo.InvokeAsync(CardVerbs.AcceptRequest, new { requestId = request.Id.Value, version = 1 });
        var forgotten = await host.ChatOf(Sam).InvokeAsync(CardVerbs.ConfirmForgetMe);

        Assert.Contains("You're helping Sam Senior", FlowExpect.InvokeCardText(accepted), StringComparison.Ordinal);
        Assert.Contains("Here's what I deleted", FlowExpect.InvokeCardText(forgotten), StringComparison.Ordinal);
        Assert.Null(await host.Profiles.GetAsync(Sam.Id, CancellationToken.None));
    }

    [Theory]
    [InlineData(CardVerbs.SendThanks, SendThanksData.NoteInput)]
    [InlineData(CardVerbs.RaiseConcern, RaiseConcernData.ConcernInput)]
    [InlineData(CardVerbs.AddAgendaTopic, AddAgendaTopicData.TopicInput)]
    [InlineData(CardVerbs.SubmitFeedback, SubmitFeedbackData.SharedNoteInput)]
    [InlineData(CardVerbs.SaveProfile, SaveProfileData.DepartmentInput)]
    [InlineData(CardVerbs.AskForHelp, AskForHelpData.GoalInput)]
    [InlineData(CardVerbs.SuggestColleague, SuggestColleagueData.ColleagueInput)]
    [InlineData(CardVerbs.ConfirmEndPairing, ConfirmEndPairingData.NoteInput)]
    public async Task Submit_OverLongFreeText_GetsTheFriendlyCardWithTheTextCut(string verb, string input)
    {
        using var host = await new FlowHost().SeedAsync();
        var data = new Dictionary<string, object>
        {
            ["pairingId"] = "p1", ["checkInId"] = "c1", ["requestId"] = "r1", ["version"] = 1, ["isEdit"] = true, ["skill"] = "power-bi",
            [input] = new string('y', 100_000),
        };

        var turn = await host.ChatOf(Jo).InvokeAsync(verb, data);

        Assert.Contains("That's a little long", FlowCards.VisibleText(turn.Card), StringComparison.Ordinal);
        var (_, kept) = Assert.Single(FlowCards.Inputs(turn.Card), i => i.Id == input);
        Assert.InRange(kept!.Length, 1, 2000);
        Assert.Contains(verb, CardJson.Verbs(turn.Card));
    }

    [Fact]
    public async Task Message_OverTheChatLimit_IsAnsweredKindlyAndStartsNothing()
    {
        using var host = await new FlowHost().SeedAsync();

        var turn = await host.ChatOf(Sam).SendAsync("can someone help me with Power BI? " + new string('z', 10_000));

        Assert.Contains("longer than I can read", turn.Text, StringComparison.Ordinal);
        Assert.Empty(await host.Requests.ListBySeniorAsync(Sam.Id, CancellationToken.None));
    }

    private static Dictionary<string, object> Decline(MentoringRequest request, string note) => new()
    {
        ["requestId"] = request.Id.Value,
        ["version"] = 1,
        [DeclineRequestData.NoteInput] = note,
    };

    /// <summary>What Teams sends for "Send again": the action's data merged with the inputs as shown.</summary>
    private static Dictionary<string, object> ResendData(JsonObject card)
    {
        var action = card["actions"]!.AsArray().First(a => a!["verb"]?.GetValue<string>() == CardVerbs.DeclineRequest)!;
        var data = action["data"]!.AsObject().Where(p => p.Key != "verb" && p.Value is not null)
            .ToDictionary(p => p.Key, p => (object)(p.Value!.GetValueKind() == System.Text.Json.JsonValueKind.Number ? p.Value.GetValue<int>() : p.Value.GetValue<string>()));
        foreach (var (id, value) in FlowCards.Inputs(card))
        {
            data[id] = value!;
        }

        return data;
    }
}
