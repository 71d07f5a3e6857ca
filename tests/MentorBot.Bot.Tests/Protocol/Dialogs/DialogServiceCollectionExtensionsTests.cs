using MentorBot.Bot.Protocol.Dialogs;
using MentorBot.Bot.Protocol.Dialogs.Prompts;
using MentorBot.Bot.Protocol.Integration;
using Microsoft.Extensions.DependencyInjection;

namespace MentorBot.Bot.Tests.Protocol.Dialogs;

public sealed class DialogServiceCollectionExtensionsTests
{
    [Fact]
    public void AddMentorBotDialogs_WithDialogs_ResolvesRunnerAndRegistersTheTurnErrorCleanup()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddMentorBotDialogs();
        services.AddMentorBotDialogs();
        services.AddDialog<RequestMentorDialog>();
        services.AddDialog(new TextPrompt(SamplePrompts.Goal));
        using var provider = services.BuildServiceProvider();

        var dialogs = provider.GetRequiredService<DialogSet>();
        var cleanups = provider.GetServices<ITurnErrorCleanup>();

        Assert.NotNull(provider.GetRequiredService<DialogRunner>());
        Assert.NotNull(dialogs.Find(RequestMentorDialog.DialogId));
        Assert.NotNull(dialogs.Find(SamplePrompts.Goal));
        Assert.Single(cleanups.OfType<DialogStateCleanup>());
    }
}
