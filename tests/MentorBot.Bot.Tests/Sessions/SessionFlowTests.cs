using System.Text.Json.Nodes;
using MentorBot.Bot.Cards.Actions;
using MentorBot.Bot.Tests.Flows;
using MentorBot.Core;
using MentorBot.Core.Sessions;
using MentorBot.Core.Skills;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using static MentorBot.Bot.Tests.Flows.Cast;
using static MentorBot.Bot.Tests.Flows.FlowText;

namespace MentorBot.Bot.Tests.Sessions;

/// <summary>
/// Group sessions in chat through the product's composition (decision 0470): a junior offers one and picks a time
/// MentorBot proposed inside their working hours; seniors list, join (one press, from chat or from a channel card),
/// are waitlisted when it is full and move up when someone leaves; each is told once, by a card in their own chat.
/// </summary>
public sealed class SessionFlowTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task JuniorOffers_TimesInsideTheirWorkingHours_PickCreatesTheSession()
    {
        using var host = await new FlowHost().SeedAsync();
        var jo = host.ChatOf(Jo);

        var form = await jo.SendAsync("offer a session");
        var times = await jo.InvokeAsync(CardVerbs.OfferSession, Draft(seats: "2", dates: "3"));

        Assert.Contains("Offer a group session", FlowCards.VisibleText(form.Card), StringComparison.Ordinal);
        var buttons = Actions(times);
        Assert.NotEmpty(buttons);
        var zone = DateTimeZoneProviders.Tzdb["Europe/Stockholm"];
        foreach (var start in buttons.Select(b => DateTimeOffset.Parse(b["data"]!["start"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)))
        {
            // Jo works Monday to Thursday, 08:00-16:00 in Stockholm: a 60-minute session starts 08:00-15:00 on those days.
            var local = Instant.FromDateTimeOffset(start).InZone(zone).LocalDateTime;
            Assert.InRange(local.TimeOfDay, new LocalTime(8, 0), new LocalTime(15, 0));
            Assert.Contains(local.DayOfWeek, new[] { IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday });
        }

        var created = await jo.InvokeAsync(CardVerbs.PickSessionTime, buttons[0]["data"]!.AsObject().Deserialize());
        Assert.Contains("Your session is open: Power BI for leaders", FlowExpect.InvokeCardText(created), StringComparison.Ordinal);
        var session = Assert.Single(await host.Services.GetRequiredService<GroupSessionService>().UpcomingAsync((await host.Profiles.GetAsync(Sam.Id, None))!.Value, None));
        Assert.Equal([Jo.Id], session.Hosts);
        Assert.Equal(("Jo", 2, 3), (session.HostShownName, session.Seats, session.Starts.Count));
        Assert.Equal(TimeSpan.FromDays(7), session.Starts[1] - session.Starts[0]);
    }

    [Fact]
    public async Task SeniorsJoin_FromChatAndFromTheChannelCard_FullGoesToWaitlist_LeavingMovesTheFirstUp_EachToldOnce()
    {
        using var host = await new FlowHost().SeedAsync();
        var session = await OfferAsync(host, seats: 1);

        var list = await host.ChatOf(Sam).SendAsync("what sessions are coming up?");
        var samJoin = await host.ChatOf(Sam).InvokeAsync(CardVerbs.JoinSession, new { sessionId = session.Id.Value });
        // Lee presses Join on the public announcement in a team channel: the answer continues in Lee's own chat.
        var leeJoin = await host.SharedChatOf(Lee, "channel").InvokeAsync(CardVerbs.JoinSession, new { sessionId = session.Id.Value });
        var again = await host.ChatOf(Lee).InvokeAsync(CardVerbs.JoinSession, new { sessionId = session.Id.Value });

        Assert.Contains("Power BI for leaders", FlowCards.VisibleText(list.Card), StringComparison.Ordinal);
        Assert.Contains("Join", list.ButtonTitles);
        Assert.Empty(samJoin.Cards);
        Assert.Contains("You're in.", samJoin.InvokeResponse!.Body!.Value.GetProperty("value").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Lee", string.Join("\n", leeJoin.Replies.Select(Text)), StringComparison.Ordinal);
        var samInbox = host.Inbox(Sam).Select(m => Text(m.Activity)).ToList();
        var leeInbox = host.Inbox(Lee).Select(m => Text(m.Activity)).ToList();
        Assert.Single(samInbox, m => m.Contains("You're in: Power BI for leaders", StringComparison.Ordinal));
        Assert.Single(leeInbox, m => m.Contains("You're on the waitlist: Power BI for leaders", StringComparison.Ordinal) && m.Contains("number 1 in line", StringComparison.Ordinal));
        Assert.DoesNotContain(leeInbox, m => m.Contains("You're in", StringComparison.Ordinal));
        Assert.Contains("already on the waitlist, number 1", again.Text + string.Concat(again.Cards.Select(FlowCards.VisibleText)), StringComparison.Ordinal);

        var left = await host.ChatOf(Sam).InvokeAsync(CardVerbs.LeaveSession, new { sessionId = session.Id.Value });

        Assert.Contains("Your seat goes to the first person waiting", FlowExpect.InvokeCardText(left), StringComparison.Ordinal);
        Assert.Single(host.Inbox(Lee), m => Text(m.Activity).Contains("A seat opened up: you're in for Power BI for leaders", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SwedishAsk_ListsSessions_AndAnAskForTheSkillOffersTheSessionBesideOneToOne()
    {
        using var host = await new FlowHost().SeedAsync();
        await OfferAsync(host, seats: 5);

        var swedish = await host.ChatOf(Sam, "sv-SE").SendAsync("Vilka sessioner finns?");
        var ask = await host.ChatOf(Sam).SendAsync("I need help with Power BI");

        Assert.Contains("Kommande gruppsessioner", FlowCards.VisibleText(swedish.Card), StringComparison.Ordinal);
        Assert.Contains("Anmäl mig", swedish.ButtonTitles);
        var shown = string.Join("\n", ask.Cards.Select(FlowCards.VisibleText));
        Assert.Contains("There's also a group session on Power BI", shown, StringComparison.Ordinal);
        Assert.True(ask.Cards.Count >= 2, "the one-to-one ask card is still there beside the session");
    }

    internal static async Task<GroupSession> OfferAsync(FlowHost host, int seats)
    {
        var jo = (await host.Profiles.GetAsync(Jo.Id, None))!.Value;
        var outcome = await host.Services.GetRequiredService<GroupSessionService>().OfferAsync(
            jo, new SessionDraft("Power BI for leaders", PowerBi, "Build your first dashboard together", TimeSpan.FromHours(1), seats, [FlowHost.Start.AddDays(8)], HostShownName: "Jo"), None);
        return Assert.IsType<OfferOutcome.Created>(outcome).Session;
    }

    internal static Dictionary<string, string> Draft(string seats, string dates) => new()
    {
        [OfferSessionData.TopicInput] = "Power BI for leaders",
        [OfferSessionData.SkillInput] = PowerBi.Value,
        [OfferSessionData.DescriptionInput] = "Build your first dashboard together",
        [OfferSessionData.LengthInput] = "60",
        [OfferSessionData.SeatsInput] = seats,
        [OfferSessionData.DatesInput] = dates,
        [OfferSessionData.ShownNameInput] = "Jo",
    };

    private static List<JsonObject> Actions(Protocol.Dialogs.Testing.TestTurn turn)
    {
        var body = turn.InvokeResponse?.Body ?? throw new Xunit.Sdk.XunitException("No invoke response.");
        var card = JsonNode.Parse(body.GetProperty("value").GetRawText())!.AsObject();
        return [.. card["actions"]!.AsArray().OfType<JsonObject>()];
    }
}

internal static class JsonObjectExtensions
{
    /// <summary>The action's data as a plain dictionary tree to send back, as Teams does with Action.Execute data.</summary>
    public static Dictionary<string, object?> Deserialize(this JsonObject data) =>
        data.Where(p => p.Key != "verb").ToDictionary(p => p.Key, p => (object?)(p.Value is JsonObject o ? o.Where(q => q.Key != "verb").ToDictionary(q => q.Key, q => (object?)q.Value?.ToString()) : p.Value?.ToString()));
}
