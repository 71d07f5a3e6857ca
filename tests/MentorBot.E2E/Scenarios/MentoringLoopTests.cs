using MentorBot.E2E.Harness;

namespace MentorBot.E2E.Scenarios;

/// <summary>
/// The mentoring loop as two people click through it in the Agents Playground: both set up their profiles on the
/// onboarding card, the senior asks for help in their own words, picks a colleague from the explained candidates, the
/// junior accepts the request card, and both get the introduction. Each step leaves a screenshot of both chats.
/// </summary>
[Collection(EndToEnd.Collection)]
public sealed class MentoringLoopTests(E2EEnvironment e2e)
{
    private static readonly string Helen = TestTenant.Senior.Name;
    private static readonly string Sam = TestTenant.Junior.Name;

    [Fact]
    public Task SeniorAsksInOwnWords_JuniorAccepts_BothAreIntroducedAndEveryCardMovesOn() => e2e.RunScenarioAsync(async scenario =>
    {
        var (senior, junior) = await scenario.OpenSeniorAndJuniorChatsAsync();
        await senior.WaitForBotMessageWithAsync("welcome to MentorBot");
        await junior.WaitForBotMessageWithAsync("welcome to MentorBot");
        await scenario.ScreenshotStepAsync("welcome");

        // Sam shares Power BI at expert level.
        await junior.LatestCard().ClickAsync("Set up my profile");
        var juniorForm = (await junior.WaitForBotMessageWithAsync("Your MentorBot profile")).Card;
        await juniorForm.CheckAsync("Share what I know");
        await juniorForm.FillNthAsync("Skill", 0, "Power BI");
        await juniorForm.SelectNthAsync("Your level", 0, "Expert: I could teach it");
        await juniorForm.ClickAsync("Save my profile");
        await junior.WaitForBotMessageWithAsync("your profile is saved");

        // Helen wants Power BI, from "I know what it is" to "I use it often", and shares stakeholder management.
        await senior.LatestCard().ClickAsync("Set up my profile");
        var seniorForm = (await senior.WaitForBotMessageWithAsync("Your MentorBot profile")).Card;
        await seniorForm.CheckAsync("Learn from colleagues");
        await seniorForm.FillNthAsync("Skill", 1, "Power BI");
        await seniorForm.SelectNthAsync("Now", 0, "Aware: I know what it is");
        await seniorForm.SelectNthAsync("Goal", 0, "Confident: I use it often");
        await scenario.ScreenshotStepAsync("profile-forms-filled");
        await seniorForm.ClickAsync("Save my profile");
        await senior.WaitForBotMessageWithAsync("your profile is saved");

        // Helen asks in her own words; the skill is recognised and the request card comes prefilled.
        await senior.SendAsync("can someone help me with Power BI?");
        var ask = (await senior.WaitForBotMessageWithAsync("What would you like to learn?")).Card;
        await ask.FillAsync("What would you like to be able to do?", "Build a pipeline dashboard for my team meeting");
        await ask.ClickAsync("Find someone");

        var candidates = await senior.WaitForBotMessageWithAsync("Colleagues who could help with Power BI");
        var explained = await candidates.TextAsync();
        Assert.Contains(Sam, explained, StringComparison.Ordinal);
        Assert.Contains("can also learn something from you", explained, StringComparison.Ordinal);
        await scenario.ScreenshotStepAsync("candidates-with-reasons");

        await candidates.Card.ClickAsync($"Ask {Sam}");
        var progress = await senior.WaitForBotMessageWithAsync($"I've asked {Sam} about Power BI");

        // The request reaches Sam in his own chat, without him doing anything.
        var offer = await junior.WaitForBotMessageWithAsync($"{Helen} would like to learn from you");
        var offerText = await offer.TextAsync();
        Assert.Contains("Build a pipeline dashboard for my team meeting", offerText, StringComparison.Ordinal);
        Assert.Contains("Saying no is completely fine", offerText, StringComparison.Ordinal);
        await scenario.ScreenshotStepAsync("request-offered");

        await offer.Card.ClickAsync("Yes, I'd like to");

        // Both are introduced with the mutual framing and the ground rules.
        var juniorIntro = await junior.WaitForBotMessageWithAsync($"Meet {Helen}");
        var seniorIntro = await senior.WaitForBotMessageWithAsync($"Meet {Sam}");
        Assert.Contains("learn from each other", await seniorIntro.TextAsync(), StringComparison.Ordinal);
        Assert.Contains("safe space", await juniorIntro.TextAsync(), StringComparison.Ordinal);

        // Every copy of the request moved on in place: Sam's card says he is helping, Helen's has no withdraw button.
        await junior.WaitForBotMessageWithAsync($"You're helping {Helen} with Power BI");
        await Eventually.TrueAsync(
            async () => !(await progress.TextAsync()).Contains("Withdraw request", StringComparison.Ordinal),
            $"{Helen}'s \"I've asked {Sam}\" card still offers to withdraw the request after {Sam} accepted.");
        await scenario.ScreenshotStepAsync("paired");
    });
}
