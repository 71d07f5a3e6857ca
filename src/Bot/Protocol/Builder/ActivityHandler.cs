using System.Text.Json;
using MentorBot.Bot.Protocol.Schema;

namespace MentorBot.Bot.Protocol.Builder;

/// <summary>
/// Routes each activity type to an overridable method, as Bot Builder's <c>ActivityHandler</c> does. Every default
/// does nothing (unhandled invokes answer 501), so a bot overrides only what it needs.
/// </summary>
public abstract class ActivityHandler : IBot
{
    public virtual async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        switch (turnContext.Activity.Type)
        {
            case ActivityTypes.Message:
                await OnMessageActivityAsync(turnContext, cancellationToken);
                break;
            case ActivityTypes.ConversationUpdate:
                await OnConversationUpdateActivityAsync(turnContext, cancellationToken);
                break;
            case ActivityTypes.InstallationUpdate:
                await OnInstallationUpdateActivityAsync(turnContext, cancellationToken);
                break;
            case ActivityTypes.Invoke:
                var response = await OnInvokeActivityAsync(turnContext, cancellationToken);
                // A handler that already set the slot itself (say, mid-dialog) wins.
                turnContext.InvokeResponse ??= response;
                break;
            case ActivityTypes.MessageReaction:
                await OnMessageReactionActivityAsync(turnContext, cancellationToken);
                break;
            case ActivityTypes.Event:
                await OnEventActivityAsync(turnContext, cancellationToken);
                break;
            case ActivityTypes.MessageUpdate:
                await OnMessageUpdateActivityAsync(turnContext, cancellationToken);
                break;
            case ActivityTypes.MessageDelete:
                await OnMessageDeleteActivityAsync(turnContext, cancellationToken);
                break;
            case ActivityTypes.Typing:
                await OnTypingActivityAsync(turnContext, cancellationToken);
                break;
            case ActivityTypes.EndOfConversation:
                await OnEndOfConversationActivityAsync(turnContext, cancellationToken);
                break;
            default:
                await OnUnrecognizedActivityTypeAsync(turnContext, cancellationToken);
                break;
        }
    }

    protected virtual Task OnMessageActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Dispatches on the presence of membersAdded/membersRemoved, never on Teams' eventType: personal installs have none.</summary>
    protected virtual async Task OnConversationUpdateActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        if (activity.MembersAdded is { Count: > 0 } added)
        {
            await OnMembersAddedAsync([.. added], turnContext, cancellationToken);
        }
        else if (activity.MembersRemoved is { Count: > 0 } removed)
        {
            await OnMembersRemovedAsync([.. removed], turnContext, cancellationToken);
        }
    }

    /// <summary>The list includes the bot itself when it was the one added; compare ids with <c>Activity.Recipient.Id</c>.</summary>
    protected virtual Task OnMembersAddedAsync(IReadOnlyList<ChannelAccount> membersAdded, ITurnContext turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    protected virtual Task OnMembersRemovedAsync(IReadOnlyList<ChannelAccount> membersRemoved, ITurnContext turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    protected virtual Task OnInstallationUpdateActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
        turnContext.Activity.Action?.ToLowerInvariant() switch
        {
            InstallationUpdateActions.Add or InstallationUpdateActions.AddUpgrade => OnInstallationUpdateAddAsync(turnContext, cancellationToken),
            InstallationUpdateActions.Remove or InstallationUpdateActions.RemoveUpgrade => OnInstallationUpdateRemoveAsync(turnContext, cancellationToken),
            _ => Task.CompletedTask,
        };

    protected virtual Task OnInstallationUpdateAddAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    protected virtual Task OnInstallationUpdateRemoveAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Returns the response to the invoke; the default answers <c>adaptiveCard/action</c> and 501 for everything else.</summary>
    protected virtual async Task<InvokeResponse> OnInvokeActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        if (!string.Equals(turnContext.Activity.Name, AdaptiveCardInvokeValue.InvokeName, StringComparison.Ordinal))
        {
            return InvokeResponse.NotImplemented();
        }

        if (ReadAdaptiveCardInvokeValue(turnContext.Activity) is not { } value)
        {
            // Bot Builder answers 400 here; Teams shows an error body better when the HTTP status is 200.
            return InvokeResponse.FromAdaptiveCard(AdaptiveCardInvokeResponse.Error(
                400, "BadRequest", "The card action could not be read. Please try again."));
        }

        var response = await OnAdaptiveCardInvokeAsync(value, turnContext, cancellationToken);
        return response is null ? InvokeResponse.NotImplemented() : InvokeResponse.FromAdaptiveCard(response);
    }

    /// <summary>An <c>Action.Execute</c> press or card refresh. Null means "not handled" (501).</summary>
    protected virtual Task<AdaptiveCardInvokeResponse?> OnAdaptiveCardInvokeAsync(AdaptiveCardInvokeValue invokeValue, ITurnContext turnContext, CancellationToken cancellationToken) =>
        Task.FromResult<AdaptiveCardInvokeResponse?>(null);

    protected virtual Task OnMessageReactionActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    protected virtual Task OnEventActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    protected virtual Task OnMessageUpdateActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    protected virtual Task OnMessageDeleteActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    protected virtual Task OnTypingActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    protected virtual Task OnEndOfConversationActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Unknown activity types are ignored (spec A2014); the adapter still answers 200.</summary>
    protected virtual Task OnUnrecognizedActivityTypeAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    private static AdaptiveCardInvokeValue? ReadAdaptiveCardInvokeValue(Activity activity)
    {
        if (activity.Value is not { ValueKind: JsonValueKind.Object } value)
        {
            return null;
        }

        try
        {
            var parsed = value.Deserialize(ProtocolJsonContext.Default.AdaptiveCardInvokeValue);
            return parsed?.Action is { Type: not null } ? parsed : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
