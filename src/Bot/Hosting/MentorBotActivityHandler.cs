using System.Text.Json;
using MentorBot.Bot.Flows;
using MentorBot.Bot.Protocol.Builder;
using MentorBot.Bot.Protocol.Schema;

namespace MentorBot.Bot.Hosting;

/// <summary>MentorBot's turn handler: routes each kind of activity to <see cref="ConversationRouter"/> and nothing else.</summary>
public sealed class MentorBotActivityHandler(ConversationRouter router, SkillSearchInvoke search) : ActivityHandler
{
    protected override Task OnMessageActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
        router.OnMessageAsync(turnContext, cancellationToken);

    // A value that is not even an object gets the protocol layer's error answer; everything else is a card action.
    // Type-ahead searches (application/search) are answered from the catalog in memory (decision 0450).
    protected override async Task<InvokeResponse> OnInvokeActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
        string.Equals(turnContext.Activity.Name, SkillSearchInvoke.InvokeName, StringComparison.Ordinal)
            ? await search.AnswerAsync(turnContext, cancellationToken)
        : string.Equals(turnContext.Activity.Name, AdaptiveCardInvokeValue.InvokeName, StringComparison.Ordinal)
        && turnContext.Activity.Value is { ValueKind: JsonValueKind.Object }
            ? await router.OnCardInvokeAsync(turnContext, cancellationToken)
            : await base.OnInvokeActivityAsync(turnContext, cancellationToken);

    // Only a fresh install: an upgrade (add-upgrade) should not greet people who already know the bot.
    protected override Task OnInstallationUpdateAddAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
        string.Equals(turnContext.Activity.Action, InstallationUpdateActions.Add, StringComparison.OrdinalIgnoreCase)
            ? router.OnInstalledAsync(turnContext, cancellationToken)
            : Task.CompletedTask;

    protected override Task OnMembersAddedAsync(IReadOnlyList<ChannelAccount> membersAdded, ITurnContext turnContext, CancellationToken cancellationToken) =>
        router.OnInstalledAsync(turnContext, cancellationToken);
}
