using MentorBot.Core.Persistence;
using MentorBot.Core.Tenants;
using MentorBot.Bot.Hosting;
using MentorBot.Bot.Protocol.Builder;
using MentorBot.Bot.Protocol.Schema;

namespace MentorBot.Bot.Dialogs.Persistence;

/// <summary>
/// Where a conversation's dialog stack lives between turns, as an opaque JSON document. Writes are optimistic: two
/// turns of one conversation racing (a double-clicked card button) must not silently overwrite each other.
/// </summary>
public interface IDialogStateStore
{
    Task<Versioned<string>?> LoadAsync(DialogStateKey key, CancellationToken cancellationToken);

    /// <summary>Writes the stack; <paramref name="ifMatch"/> null means "only if nothing is stored yet".</summary>
    /// <exception cref="ConcurrencyConflictException">Someone else wrote or deleted the record since it was read.</exception>
    Task<ETag> SaveAsync(DialogStateKey key, string stateJson, ETag? ifMatch, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the stack; <see cref="ETag.Any"/> deletes unconditionally and succeeds when nothing is stored (a stack of
    /// another tenant than <see cref="DialogStateKey.Tenant"/> is left alone).
    /// </summary>
    /// <exception cref="ConcurrencyConflictException">The record changed or vanished since it was read.</exception>
    Task DeleteAsync(DialogStateKey key, ETag ifMatch, CancellationToken cancellationToken);
}

/// <summary>
/// Whose dialog stack: the conversation, and in group chats and channels also the person, so that one member's
/// answer never completes another member's prompt (see docs/decisions/0082).
/// </summary>
public readonly record struct DialogStateKey(string ChannelId, string ConversationId, string? UserId)
{
    /// <summary>
    /// The tenant the turn was served as, in Core's terms (null: the default tenant, decision 0231). The store writes it
    /// on the stack and reads a stack back only for the same tenant (decision 0235), so a conversation id claimed from
    /// another tenant neither reads nor replaces what someone typed.
    /// </summary>
    public TenantId? Tenant { get; init; }

    /// <summary>The stack of this turn's conversation (and member), for the tenant the allow-list served the turn as.</summary>
    public static DialogStateKey For(ITurnContext turnContext) =>
        For(turnContext.Activity) with { Tenant = turnContext.TurnState.Get<TurnTenant>()?.InCore };

    public static DialogStateKey For(Activity activity)
    {
        var conversation = activity.Conversation?.Id is { Length: > 0 } id
            ? id
            : throw new ArgumentException("The activity has no conversation id to keep dialog state under.", nameof(activity));
        var isGroup = activity.Conversation.IsGroup == true
            || activity.Conversation.ConversationType is "groupChat" or "channel";
        return new DialogStateKey(activity.ChannelId ?? string.Empty, conversation, isGroup ? activity.From?.Id : null);
    }
}
