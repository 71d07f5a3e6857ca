using MentorBot.E2E.Harness;

namespace MentorBot.E2E.Scenarios;

[Collection(EndToEnd.Collection)]
public sealed class WelcomeTests(E2EEnvironment e2e)
{
    private const string Welcome = "welcome to MentorBot";

    [Fact]
    public Task PersonalChat_OpenedBySeniorAndJunior_WelcomesEachOnce() => e2e.RunScenarioAsync(async scenario =>
    {
        var (senior, junior) = await scenario.OpenSeniorAndJuniorChatsAsync();

        var seniorWelcome = await senior.WaitForBotMessageAsync(1);
        var juniorWelcome = await junior.WaitForBotMessageAsync(1);

        // The welcome is a card: what reverse mentoring is in three lines, and the way into setting up a profile.
        Assert.Contains(Welcome, await seniorWelcome.TextAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains(Welcome, await juniorWelcome.TextAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("learn from each other", await seniorWelcome.TextAsync(), StringComparison.Ordinal);
        Assert.Contains("Set up my profile", await seniorWelcome.Card.TextAsync(), StringComparison.Ordinal);
        // The Playground sends installationUpdate and conversationUpdate for the same install: one welcome, not two.
        Assert.Equal(1, await senior.CountAfterQuietPeriodAsync());
        Assert.Equal(1, await junior.BotMessageCountAsync());
    });
}
