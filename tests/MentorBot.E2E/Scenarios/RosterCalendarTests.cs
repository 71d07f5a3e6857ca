using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MentorBot.E2E.Harness;

namespace MentorBot.E2E.Scenarios;

/// <summary>
/// Issue 15, "calendar for everyone": a senior and a junior who joined only in chat (no import, no Graph) are matched
/// and book a check-in; MentorBot learned their e-mail addresses from the Playground's Teams roster
/// (<c>GET v3/conversations/{id}/members/{id}</c>), so both booked cards' "Add to calendar" links download an .ics that
/// invites both of them by their mailbox address (not their sign-in name, which the roster also serves).
/// </summary>
[Collection(EndToEnd.Collection)]
public sealed partial class RosterCalendarTests(E2EEnvironment e2e)
{
    private static readonly TeamsPerson Helen = TestTenant.Senior;
    private static readonly TeamsPerson Sam = TestTenant.Junior;

    [Fact]
    public Task JoinedOnlyInChat_BookACheckIn_AddToCalendarDownloadsAnIcsInvitingBothByTheirRosterEmail() => e2e.RunScenarioAsync(async scenario =>
    {
        var (senior, junior) = await scenario.OpenSeniorAndJuniorChatsAsync();

        await junior.WaitForBotMessageWithAsync("welcome to MentorBot");
        await junior.LatestCard().ClickAsync("Set up my profile");
        var juniorForm = (await junior.WaitForBotMessageWithAsync("Your MentorBot profile")).Card;
        await juniorForm.CheckAsync("Share what I know");
        await juniorForm.FillNthAsync("Skill", 0, "Power BI");
        await juniorForm.SelectNthAsync("Your level", 0, "Expert: I could teach it");
        await juniorForm.ClickAsync("Save my profile");
        await junior.WaitForBotMessageWithAsync("your profile is saved");

        await senior.WaitForBotMessageWithAsync("welcome to MentorBot");
        await senior.LatestCard().ClickAsync("Set up my profile");
        var seniorForm = (await senior.WaitForBotMessageWithAsync("Your MentorBot profile")).Card;
        await seniorForm.CheckAsync("Learn from colleagues");
        await seniorForm.FillNthAsync("Skill", 1, "Power BI");
        await seniorForm.ClickAsync("Save my profile");
        await senior.WaitForBotMessageWithAsync("your profile is saved");

        await senior.SendAsync("I need help with Power BI");
        var ask = (await senior.WaitForBotMessageWithAsync("What would you like to learn?")).Card;
        await ask.FillAsync("What would you like to be able to do?", "Read our sales dashboard without help");
        await ask.ClickAsync("Find someone");
        var candidates = await senior.WaitForBotMessageWithAsync("Colleagues who could help with Power BI");
        await candidates.Card.ClickAsync($"Ask {Sam.Name}");
        var offer = await junior.WaitForBotMessageWithAsync($"{Helen.Name} would like to learn from you");
        await offer.Card.ClickAsync("Yes, I'd like to");
        var seniorIntro = await senior.WaitForBotMessageWithAsync($"Meet {Sam.Name}");
        await junior.WaitForBotMessageWithAsync($"Meet {Helen.Name}");

        await seniorIntro.Card.ClickAsync("Schedule a check-in");
        var juniorPicker = await junior.WaitForBotMessageWithAsync($"Pick a time with {Helen.Name}");
        await juniorPicker.Card.ClickFirstButtonAsync();
        var juniorBooked = await junior.WaitForBotMessageWithAsync($"Check-in with {Helen.Name} is booked");
        var seniorBooked = await senior.WaitForBotMessageWithAsync($"Check-in with {Sam.Name} is booked");
        Assert.Contains("Add to calendar", await juniorBooked.TextAsync(), StringComparison.Ordinal);
        Assert.Contains("Add to calendar", await seniorBooked.TextAsync(), StringComparison.Ordinal);
        await scenario.ScreenshotStepAsync("check-in-booked");

        // The link on each person's booked card, as their Playground received it, downloads the invite.
        foreach (var person in new[] { Sam, Helen })
        {
            var link = await AddToCalendarLinkAsync(e2e.PlaygroundOf(person));
            Assert.StartsWith(e2e.Bot.BaseAddress.ToString(), link.ToString(), StringComparison.Ordinal);
            using var http = new HttpClient { Timeout = E2ESettings.ReplyTimeout };
            using var response = await http.GetAsync(link);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
            var ics = await response.Content.ReadAsStringAsync();

            var lines = Unfold(ics);
            Assert.Equal("BEGIN:VCALENDAR", lines[0]);
            Assert.Contains("METHOD:REQUEST", lines);
            var attendees = lines.Where(l => l.StartsWith("ATTENDEE", StringComparison.Ordinal))
                .Select(l => MailTo().Match(l).Groups["address"].Value.ToLowerInvariant())
                .Order(StringComparer.Ordinal)
                .ToList();
            Assert.Equal(new[] { Helen.Email, Sam.Email }.Order(StringComparer.Ordinal), attendees);
            Assert.DoesNotContain(lines, l => l.Contains(Helen.UserPrincipalName, StringComparison.OrdinalIgnoreCase) || l.Contains(Sam.UserPrincipalName, StringComparison.OrdinalIgnoreCase));
            Assert.Single(lines, l => l.StartsWith("DTSTART", StringComparison.Ordinal));
        }
    });

    /// <summary>
    /// The <c>Action.OpenUrl</c> "Add to calendar" of the latest booked card this Playground received: sent to the chat,
    /// or (for the person who picked the time) the card that replaced the picker in the invoke's answer.
    /// </summary>
    private static async Task<Uri> AddToCalendarLinkAsync(PlaygroundInstance playground)
    {
        string? url = null;
        await Eventually.TrueAsync(
            async () => (url = (await playground.RecordedExchangesAsync(CancellationToken.None))
                .Select(e => FindOpenUrl(e, "Add to calendar"))
                .LastOrDefault(u => u is not null)) is not null,
            $"No card with \"Add to calendar\" was recorded by {playground.Person.Key}'s Playground.");
        return new Uri(url!);
    }

    private static string? FindOpenUrl(JsonNode? node, string title) => node switch
    {
        JsonObject o when o["type"]?.GetValue<string>() == "Action.OpenUrl" && o["title"]?.GetValue<string>() == title => o["url"]?.GetValue<string>(),
        JsonObject o => o.Select(p => FindOpenUrl(p.Value, title)).FirstOrDefault(u => u is not null),
        JsonArray a => a.Select(n => FindOpenUrl(n, title)).FirstOrDefault(u => u is not null),
        _ => null,
    };

    /// <summary>RFC 5545 content lines: CRLF followed by a space or tab continues the previous line.</summary>
    private static List<string> Unfold(string ics) =>
        [.. ics.Replace("\r\n ", string.Empty, StringComparison.Ordinal).Replace("\r\n\t", string.Empty, StringComparison.Ordinal)
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries)];

    [GeneratedRegex(@"mailto:(?<address>[^\s;]+)$", RegexOptions.IgnoreCase)]
    private static partial Regex MailTo();
}
