using MentorBot.E2E.Harness;

namespace MentorBot.E2E.Scenarios;

[Collection(EndToEnd.Collection)]
public sealed class WelcomeTests(E2EEnvironment e2e)
{
    private const string Welcome = "Welcome to MentorBot!";

    [Fact]
    public Task PersonalChat_OpenedBySeniorAndJunior_WelcomesEachOnce() => e2e.RunScenarioAsync(async scenario =>
    {
        var (senior, junior) = await scenario.OpenSeniorAndJuniorChatsAsync();

        var seniorWelcome = await senior.WaitForBotMessageAsync(1);
        var juniorWelcome = await junior.WaitForBotMessageAsync(1);

        Assert.StartsWith(Welcome, await seniorWelcome.TextAsync(), StringComparison.Ordinal);
        Assert.StartsWith(Welcome, await juniorWelcome.TextAsync(), StringComparison.Ordinal);
        // The Playground sends installationUpdate and conversationUpdate for the same install: one welcome, not two.
        Assert.Equal(1, await senior.CountAfterQuietPeriodAsync());
        Assert.Equal(1, await junior.BotMessageCountAsync());
    });
}
