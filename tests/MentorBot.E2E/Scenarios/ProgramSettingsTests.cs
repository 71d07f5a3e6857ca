using System.Globalization;
using System.Text.RegularExpressions;
using MentorBot.E2E.Harness;
using Microsoft.Playwright;

namespace MentorBot.E2E.Scenarios;

/// <summary>
/// Issue 18, programs run by their owners (decision 0440), in a real browser: Helen creates a program on the settings
/// page, sets it to meet every 3 weeks for 45 minutes, she and Sam join it in chat, and the offer card, both
/// introductions and the check-in times follow the program's rhythm; two owners' browsers editing at once, the second
/// is told and keeps what it typed. Screenshots: <c>&lt;test&gt;-program-*.png</c> for the page,
/// <c>&lt;test&gt;-step-NN-*.png</c> for the chats.
/// </summary>
[Collection(EndToEnd.Collection)]
public sealed partial class ProgramSettingsTests(E2EEnvironment e2e)
{
    private static readonly string Helen = TestTenant.Senior.Name;
    private static readonly string Sam = TestTenant.Junior.Name;
    private const string Purpose = "Leaders learn today's tools; newer colleagues learn how the business runs.";

    [Fact]
    public Task OwnerCreatesProgram_EveryThreeWeeksFortyFiveMinutes_OfferIntroAndSlotsFollow() => e2e.RunScenarioAsync(async scenario =>
    {
        var (senior, junior) = await scenario.OpenSeniorAndJuniorChatsAsync();
        await JoinAsPowerBiExpertAsync(junior);
        await JoinAsPowerBiLearnerAsync(senior);

        // Helen opens the settings page (local development: ?as=), creates the program, then changes its rhythm.
        var context = await e2e.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(Url($"programs/new?as={TestTenant.Senior.AadObjectId}"));
        await page.FillAsync("#field-name", "Two-way learning pilot");
        await page.FillAsync("#field-purpose", Purpose);
        await page.ClickAsync("#save");
        await page.WaitForSelectorAsync("#notice");
        Assert.Equal("2", await page.InputValueAsync("#field-everyWeeks"));
        Assert.Equal("30", await page.InputValueAsync("#field-meetingMinutes"));
        await PageShotAsync(scenario, page, "program-created");

        await page.FillAsync("#field-everyWeeks", "3");
        await page.FillAsync("#field-meetingMinutes", "45");
        await page.ClickAsync("#save");
        await page.WaitForSelectorAsync("#notice");
        Assert.Equal("Saved.", await page.InnerTextAsync("#notice"));
        Assert.Equal("3", await page.InputValueAsync("#field-everyWeeks"));
        Assert.Equal("45", await page.InputValueAsync("#field-meetingMinutes"));
        Assert.Contains("everyWeeks", await page.InnerTextAsync("#history"), StringComparison.Ordinal);
        await PageShotAsync(scenario, page, "program-every-3-weeks-45-minutes");

        // Both join in chat; the consent card carries the purpose.
        foreach (var chat in new[] { senior, junior })
        {
            await chat.SendAsync("join program");
            var consent = await chat.WaitForBotMessageWithAsync("Two-way learning pilot");
            Assert.Contains(Purpose, await consent.TextAsync(), StringComparison.Ordinal);
            await consent.Card.ClickAsync("Join");
            await chat.WaitForBotMessageWithAsync("Welcome to Two-way learning pilot");
        }

        await scenario.ScreenshotStepAsync("joined-with-purpose");

        // Helen asks; Sam's offer states the program's rhythm.
        await senior.SendAsync("can someone help me with Power BI?");
        var ask = (await senior.WaitForBotMessageWithAsync("What would you like to learn?")).Card;
        await ask.FillAsync("What would you like to be able to do?", "Build a pipeline dashboard");
        await ask.ClickAsync("Find someone");
        var candidates = await senior.WaitForBotMessageWithAsync("Colleagues who could help with Power BI");
        await candidates.Card.ClickAsync($"Ask {Sam}");
        var offer = await junior.WaitForBotMessageWithAsync($"{Helen} would like to learn from you");
        Assert.Contains("About 45 minutes every 3 weeks", await offer.TextAsync(), StringComparison.Ordinal);
        await scenario.ScreenshotStepAsync("offer-every-3-weeks-45-minutes");

        // Both introductions say so too, with the program's purpose.
        await offer.Card.ClickAsync("Yes, I'd like to");
        var seniorIntro = await senior.WaitForBotMessageWithAsync($"Meet {Sam}");
        var juniorIntro = await junior.WaitForBotMessageWithAsync($"Meet {Helen}");
        foreach (var intro in new[] { seniorIntro, juniorIntro })
        {
            var text = await intro.TextAsync();
            Assert.Contains("You meet about 45 minutes every 3 weeks.", text, StringComparison.Ordinal);
            Assert.Contains("Ideas for your first 45 minutes", text, StringComparison.Ordinal);
            Assert.Contains(Purpose, text, StringComparison.Ordinal);
        }

        await scenario.ScreenshotStepAsync("intro-every-3-weeks-45-minutes");

        // The slot finder proposes 45-minute check-ins.
        await seniorIntro.Card.ClickAsync("Schedule a check-in");
        var picker = await junior.WaitForBotMessageWithAsync($"Pick a time with {Helen}");
        var pickerText = await picker.TextAsync();
        var slots = SlotTimes().Matches(pickerText).Select(m => (TimeOnly.ParseExact(m.Groups["from"].Value, "HH:mm", CultureInfo.InvariantCulture), TimeOnly.ParseExact(m.Groups["to"].Value, "HH:mm", CultureInfo.InvariantCulture))).ToList();
        Assert.NotEmpty(slots);
        Assert.All(slots, s => Assert.Equal(TimeSpan.FromMinutes(45), s.Item2 - s.Item1));
        Assert.Contains("45 minutes", pickerText, StringComparison.Ordinal);
        await scenario.ScreenshotStepAsync("slots-45-minutes");
        await context.CloseAsync();
    });

    [Fact]
    public Task TwoOwnersEditTheSameProgram_TheSecondSaveIsToldAndKeepsItsTypedValues() => e2e.RunScenarioAsync(async scenario =>
    {
        var first = await (await e2e.Browser.NewContextAsync()).NewPageAsync();
        await first.GotoAsync(Url($"programs/new?as={TestTenant.Senior.AadObjectId}"));
        await first.FillAsync("#field-name", "Conflict pilot");
        await first.FillAsync("#field-purpose", Purpose);
        await first.ClickAsync("#save");
        await first.WaitForSelectorAsync("#notice");
        var editUrl = first.Url.Split('&')[0];

        // A second browser (another device, or a co-owner signed in as Helen too) opens the same settings.
        var secondContext = await e2e.Browser.NewContextAsync();
        var second = await secondContext.NewPageAsync();
        await second.GotoAsync(editUrl);

        await first.FillAsync("#field-name", "Renamed by the first");
        await first.ClickAsync("#save");
        await first.WaitForSelectorAsync("#notice");

        await second.FillAsync("#field-everyWeeks", "4");
        await second.FillAsync("#field-meetingMinutes", "60");
        await second.FillAsync("#field-purpose", "Typed in the second browser");
        await second.ClickAsync("#save");
        await second.WaitForSelectorAsync("#conflict");
        await second.ScreenshotAsync(new PageScreenshotOptions { Path = e2e.Run.File($"{nameof(TwoOwnersEditTheSameProgram_TheSecondSaveIsToldAndKeepsItsTypedValues)}-program-conflict.png"), FullPage = true });

        Assert.Contains("Another owner saved this program while you were editing", await second.InnerTextAsync("#conflict"), StringComparison.Ordinal);
        Assert.Equal("4", await second.InputValueAsync("#field-everyWeeks"));
        Assert.Equal("60", await second.InputValueAsync("#field-meetingMinutes"));
        Assert.Equal("Typed in the second browser", await second.InputValueAsync("#field-purpose"));
        Assert.Equal("Conflict pilot", await second.InputValueAsync("#field-name"));
        Assert.Contains("Renamed by the first", await second.ContentAsync(), StringComparison.Ordinal);

        // Nothing is lost: the second keeps the first's new name (shown beside the field) and saves its own values on top.
        await second.FillAsync("#field-name", "Renamed by the first");
        await second.ClickAsync("#save");
        await second.WaitForSelectorAsync("#notice");
        Assert.Equal("Saved.", await second.InnerTextAsync("#notice"));
        await first.ReloadAsync();
        Assert.Equal("4", await first.InputValueAsync("#field-everyWeeks"));
        Assert.Equal("Renamed by the first", await first.InputValueAsync("#field-name"));
        await second.ScreenshotAsync(new PageScreenshotOptions { Path = e2e.Run.File($"{nameof(TwoOwnersEditTheSameProgram_TheSecondSaveIsToldAndKeepsItsTypedValues)}-program-conflict-resolved.png"), FullPage = true });
        await secondContext.CloseAsync();
        await first.Context.CloseAsync();
    });

    private string Url(string relative) => new Uri(e2e.Bot.BaseAddress, relative).AbsoluteUri;

    private async Task PageShotAsync(Scenario scenario, IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = e2e.Run.File($"{scenario.Test}-{name}.png"), FullPage = true });

    private static async Task JoinAsPowerBiExpertAsync(Pages.ChatPage junior)
    {
        await junior.WaitForBotMessageWithAsync("welcome to MentorBot");
        await junior.LatestCard().ClickAsync("Set up my profile");
        var form = (await junior.WaitForBotMessageWithAsync("Your MentorBot profile")).Card;
        await form.CheckAsync("Share what I know");
        await form.FillNthAsync("Skill", 0, "Power BI");
        await form.SelectNthAsync("Your level", 0, "Expert: I could teach it");
        await form.ClickAsync("Save my profile");
        await junior.WaitForBotMessageWithAsync("your profile is saved");
    }

    private static async Task JoinAsPowerBiLearnerAsync(Pages.ChatPage senior)
    {
        await senior.WaitForBotMessageWithAsync("welcome to MentorBot");
        await senior.LatestCard().ClickAsync("Set up my profile");
        var form = (await senior.WaitForBotMessageWithAsync("Your MentorBot profile")).Card;
        await form.CheckAsync("Learn from colleagues");
        await form.FillNthAsync("Skill", 1, "Power BI");
        await form.ClickAsync("Save my profile");
        await senior.WaitForBotMessageWithAsync("your profile is saved");
    }

    [GeneratedRegex(@"(?<from>\d{2}:\d{2})–(?<to>\d{2}:\d{2})")]
    private static partial Regex SlotTimes();
}
