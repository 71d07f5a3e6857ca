using MentorBot.E2E.Harness;

namespace MentorBot.E2E.Scenarios;

[Collection(EndToEnd.Collection)]
public sealed class GreetingTests(E2EEnvironment e2e)
{
    [Fact]
    public Task Greeting_FromSenior_AnsweredByNameInSeniorsChatOnly() => e2e.RunScenarioAsync(async scenario =>
    {
        var (senior, junior) = await scenario.OpenSeniorAndJuniorChatsAsync();
        await senior.WaitForBotMessageAsync(1);
        await junior.WaitForBotMessageAsync(1);

        var reply = await senior.SendAndWaitForReplyAsync("hi");

        // Helen has no profile yet, so "hi" brings the welcome again, by name, with the way into setting one up.
        Assert.Contains("Hi Helen", await reply.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await junior.CountAfterQuietPeriodAsync());
    });

    [Fact]
    public Task Greeting_FromJuniorAfterSenior_EachChatHoldsOnlyItsOwnReply() => e2e.RunScenarioAsync(async scenario =>
    {
        var (senior, junior) = await scenario.OpenSeniorAndJuniorChatsAsync();
        await senior.WaitForBotMessageAsync(1);
        await junior.WaitForBotMessageAsync(1);

        await senior.SendAndWaitForReplyAsync("hi");
        var juniorReply = await junior.SendAndWaitForReplyAsync("hello there");

        Assert.Contains("Hi Sam", await juniorReply.TextAsync(), StringComparison.Ordinal);
        var seniorTexts = await senior.BotMessageTextsAsync();
        var juniorTexts = await junior.BotMessageTextsAsync();
        Assert.Equal(2, seniorTexts.Count);
        Assert.Equal(2, juniorTexts.Count);
        Assert.DoesNotContain(seniorTexts, text => text.Contains("Sam", StringComparison.Ordinal));
        Assert.DoesNotContain(juniorTexts, text => text.Contains("Helen", StringComparison.Ordinal));
    });
}
