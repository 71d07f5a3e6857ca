using MentorBot.Bot.Protocol.Builder;
using MentorBot.Bot.Protocol.Schema;

namespace MentorBot.Bot.Hosting;

/// <summary>
/// The smallest useful bot: a friendly answer to any message and a welcome on install, so the host can be proved
/// end to end in Teams or the Agents Playground. The real dialogs replace the message branch.
/// </summary>
public sealed class MentorBotActivityHandler : ActivityHandler
{
    internal const string Welcome =
        "Welcome to MentorBot! I pair colleagues for reverse mentoring: juniors share AI tools, social media and Gen Z insight, " +
        "seniors share business know-how. Say hi whenever you're ready.";

    protected override async Task OnMessageActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var text = turnContext.Activity.RemoveRecipientMention();
        var reply = string.IsNullOrEmpty(text) && turnContext.Activity.Value is not null
            ? "Thanks, I've got that."
            : Greeting(turnContext.Activity.From?.Name);
        await turnContext.SendActivityAsync(reply, cancellationToken);
    }

    protected override async Task OnInstallationUpdateAddAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        // Only a fresh install: an upgrade (add-upgrade) should not greet people who already know the bot.
        if (string.Equals(turnContext.Activity.Action, InstallationUpdateActions.Add, StringComparison.OrdinalIgnoreCase))
        {
            await turnContext.SendActivityAsync(Welcome, cancellationToken);
        }
    }

    internal static string Greeting(string? fullName)
    {
        var firstName = fullName?.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        var hello = firstName is null ? "Hi there!" : $"Hi {firstName}!";
        return $"{hello} I'm MentorBot. I'll soon help you find a mentor or someone to mentor; for now I'm just saying hello.";
    }
}
