using System.Text.Json;
using MentorBot.Bot.Hosting;
using MentorBot.Bot.Protocol.Builder;
using MentorBot.Bot.Protocol.Connector;
using MentorBot.Bot.Protocol.Schema;
using IMiddleware = MentorBot.Bot.Protocol.Builder.IMiddleware;
using MentorBot.Core.Privacy;
using MentorBot.Core.Profiles;
using MentorBot.Bot.Proactive;

namespace MentorBot.Bot.Middleware;

/// <summary>
/// Remembers how to reach each person in their 1:1 chat: on install, on conversationUpdate and on first contact,
/// and again whenever the serviceUrl or conversation moved. Uninstall forgets it, since sends would now fail
/// with 403. Group chats and channels are not a person's 1:1 and are left alone.
/// </summary>
public sealed partial class ConversationReferenceMiddleware(
    IConversationReferenceStore store,
    TrustedServiceUrls trustedServiceUrls,
    ILogger<ConversationReferenceMiddleware> logger,
    ISuppressionList? suppression = null) : IMiddleware
{
    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        if (activity.Conversation.IsPersonal()
            && !string.IsNullOrWhiteSpace(activity.Conversation?.Id)
            && IsUsable(activity.ServiceUrl)
            && activity.From?.Id is { Length: > 0 } fromId
            && !string.Equals(fromId, activity.Recipient?.Id, StringComparison.Ordinal)
            && PersonKey.For(activity.From) is { } person)
        {
            await RememberAsync(activity, person, turnContext.TurnState.Get<TurnTenant>(), TurnReads.TakeReference(turnContext, person), cancellationToken);
        }

        await next(cancellationToken);
    }

    // A reference the Connector client would refuse (not a URL, an untrusted host) can never deliver a proactive
    // message, and saving it would overwrite the person's working one (found by the activity fuzzer).
    private bool IsUsable(string? serviceUrl) =>
        Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri) && trustedServiceUrls.IsTrusted(uri);

    private static bool IsUninstall(Activity activity) =>
        activity.IsType(ActivityTypes.InstallationUpdate)
        && activity.Action?.ToLowerInvariant() is InstallationUpdateActions.Remove or InstallationUpdateActions.RemoveUpgrade;

    private static bool IsCurrent(ConversationReference stored, ConversationReference fresh) =>
        string.Equals(stored.ServiceUrl, fresh.ServiceUrl, StringComparison.OrdinalIgnoreCase)
        && string.Equals(stored.Conversation?.Id, fresh.Conversation?.Id, StringComparison.Ordinal)
        && (stored.User?.Name is not null || fresh.User?.Name is null)
        && string.Equals(stored.Locale, fresh.Locale, StringComparison.OrdinalIgnoreCase);

    private async Task RememberAsync(Activity activity, PersonKey person, TurnTenant? served, Task<ConversationReference?>? readAtStart, CancellationToken cancellationToken)
    {
        if (IsUninstall(activity))
        {
            await store.DeleteAsync(person, cancellationToken);
            Log.Forgotten(logger, activity.Action);
            return;
        }

        var fresh = activity.GetConversationReference();
        // A proactive message is a new message in the chat, not a reply to whatever activity we saw last.
        fresh.ActivityId = null;
        // The reference names the tenant the allow-list served this turn as (decision 0234), which the store writes as
        // the row's TenantId; a copy, so the activity this turn answers is left as it came.
        if (served is not null && fresh.Conversation is { } conversation && conversation.TenantId != served.Id.Value)
        {
            fresh.Conversation = JsonSerializer.Deserialize(
                JsonSerializer.Serialize(conversation, ProtocolJsonContext.Default.ConversationAccount), ProtocolJsonContext.Default.ConversationAccount);
            fresh.Conversation!.TenantId = served.Id.Value;
        }

        var alwaysSave = activity.IsType(ActivityTypes.InstallationUpdate) || activity.IsType(ActivityTypes.ConversationUpdate);
        var stored = await (readAtStart ?? store.GetAsync(person, cancellationToken));
        // Proactive messages speak the last locale the person's Teams sent (decision 0380); a turn without one (some
        // install events, iOS) keeps the one we had instead of erasing it.
        fresh.Locale = fresh.Locale is { Length: > 0 } ? fresh.Locale : activity.GetClientInfo()?.Locale is { Length: > 0 } client ? client : stored?.Locale;
        if (!alwaysSave && stored is not null && IsCurrent(stored, fresh))
        {
            return;
        }

        // No reference yet: first contact, or the first turn after "forget me". Someone who comes back of their own
        // accord may be invited by the next import again (decision 0291).
        if (stored is null && suppression is not null && activity.From?.AadObjectId is { Length: > 0 } aad)
        {
            await suppression.RemoveAsync(new UserId(aad), cancellationToken);
        }

        await store.SaveAsync(person, fresh, cancellationToken);
        Log.Saved(logger, activity.Type);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "Saved a conversation reference on a {ActivityType} activity")]
        public static partial void Saved(ILogger logger, string? activityType);

        [LoggerMessage(2, LogLevel.Information, "Deleted a conversation reference on installationUpdate {Action}")]
        public static partial void Forgotten(ILogger logger, string? action);
    }
}
