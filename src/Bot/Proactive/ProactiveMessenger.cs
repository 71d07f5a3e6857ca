using System.Net;
using MentorBot.Bot.Protocol.Connector;
using MentorBot.Bot.Protocol.Schema;

namespace MentorBot.Bot.Proactive;

/// <summary>
/// Sends messages to a person outside any turn (nudges, offers to a junior), through their stored 1:1
/// conversation — opening that 1:1 first when we only know the person from a team or group chat, or when Teams
/// says the stored conversation is gone.
/// </summary>
public sealed partial class ProactiveMessenger(
    IConversationReferenceStore store,
    IConnectorClient connector,
    ILogger<ProactiveMessenger> logger)
{
    /// <summary>
    /// Sends to the person's 1:1 chat. A person we never met gets <c>Failed(404, "NoConversationReference")</c>;
    /// one who uninstalled or blocked the bot gets <c>RecipientGone</c>, and their reference is forgotten.
    /// </summary>
    public async Task<SendOutcome> SendAsync(PersonKey person, Activity activity, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(person, cancellationToken) is not { } reference)
        {
            Log.NoReference(logger);
            return new SendOutcome.Failed(HttpStatusCode.NotFound, "NoConversationReference");
        }

        return await SendAsync(person, reference, activity, cancellationToken);
    }

    /// <summary>
    /// Sends through a reference the caller already loaded for <paramref name="person"/> (the nudge dispatcher reads
    /// it first to rate-limit by conversation), keeping the store up to date like the overload above.
    /// </summary>
    public async Task<SendOutcome> SendAsync(PersonKey person, ConversationReference reference, Activity activity, CancellationToken cancellationToken)
    {
        var (outcome, current) = await ContinueConversationCoreAsync(reference, activity, cancellationToken);
        if (outcome is SendOutcome.RecipientGone gone)
        {
            Log.RecipientGone(logger, gone.Reason);
            await store.DeleteAsync(person, cancellationToken);
        }
        else if (current is not null)
        {
            await store.SaveAsync(person, current, cancellationToken);
        }

        return outcome;
    }

    /// <summary>
    /// Sends into the conversation of <paramref name="reference"/> when it is a 1:1 chat; otherwise (a reference
    /// from a team or group chat, or one without a conversation) opens the person's 1:1 chat first.
    /// </summary>
    public async Task<SendOutcome> ContinueConversationAsync(ConversationReference reference, Activity activity, CancellationToken cancellationToken) =>
        (await ContinueConversationCoreAsync(reference, activity, cancellationToken)).Outcome;

    private static Activity Address(Activity activity, ConversationReference reference)
    {
        var outgoing = activity.ShallowCopy();
        outgoing.Type ??= ActivityTypes.Message;
        outgoing.ChannelId = reference.ChannelId;
        outgoing.Conversation = reference.Conversation;
        outgoing.From = reference.Bot;
        outgoing.Recipient = reference.User;
        outgoing.Locale ??= reference.Locale;
        return outgoing;
    }

    /// <returns>The outcome, and a new reference to store when a 1:1 conversation was opened.</returns>
    private async Task<(SendOutcome Outcome, ConversationReference? NewReference)> ContinueConversationCoreAsync(
        ConversationReference reference, Activity activity, CancellationToken cancellationToken)
    {
        if (reference.ServiceUrl is not { Length: > 0 } serviceUrl)
        {
            return (new SendOutcome.Failed(HttpStatusCode.BadRequest, "ReferenceWithoutServiceUrl"), null);
        }

        // A 1:1 chat, or a conversation-level reference (no user: a channel chosen for announcements, decision 0475),
        // is sent to as it is; a person's reference from a shared conversation goes to their 1:1 chat instead.
        if (reference.Conversation is { Id: { Length: > 0 } conversationId } conversation && (conversation.IsPersonal() || reference.User is null))
        {
            var outcome = await connector.SendToConversationAsync(serviceUrl, conversationId, Address(activity, reference), cancellationToken);
            if (outcome is not SendOutcome.RecipientGone { Reason: RecipientGoneReason.ConversationNotFound } || reference.User is null)
            {
                return (outcome, null);
            }
        }

        return await OpenPersonalConversationAndSendAsync(reference, serviceUrl, activity, cancellationToken);
    }

    private async Task<(SendOutcome Outcome, ConversationReference? NewReference)> OpenPersonalConversationAndSendAsync(
        ConversationReference reference, string serviceUrl, Activity activity, CancellationToken cancellationToken)
    {
        var (opened, personal) = await OpenPersonalConversationAsync(reference, serviceUrl, cancellationToken);
        if (personal is null)
        {
            return (opened, null);
        }

        var outcome = await connector.SendToConversationAsync(personal.ServiceUrl!, personal.Conversation!.Id!, Address(activity, personal), cancellationToken);
        return (outcome, outcome.IsSuccess ? personal : null);
    }

    /// <summary>
    /// The person's 1:1 chat with the bot, to continue there what they started in a group chat or channel: the stored
    /// reference when there is one, otherwise the 1:1 conversation is created (Connector createConversation) from
    /// <paramref name="shared"/>, the reference of the shared conversation, and remembered. Null when neither works.
    /// </summary>
    public async Task<ConversationReference?> PersonalConversationAsync(PersonKey person, ConversationReference shared, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(person, cancellationToken) is { Conversation: { Id.Length: > 0 } conversation } stored && conversation.IsPersonal())
        {
            return stored;
        }

        if (shared.ServiceUrl is not { Length: > 0 } serviceUrl)
        {
            return null;
        }

        var (_, personal) = await OpenPersonalConversationAsync(shared, serviceUrl, cancellationToken);
        if (personal is not null)
        {
            await store.SaveAsync(person, personal, cancellationToken);
        }

        return personal;
    }

    private async Task<(SendOutcome Outcome, ConversationReference? Personal)> OpenPersonalConversationAsync(
        ConversationReference reference, string serviceUrl, CancellationToken cancellationToken)
    {
        if (reference.User?.Id is not { Length: > 0 } || reference.Bot?.Id is not { Length: > 0 })
        {
            return (new SendOutcome.Failed(HttpStatusCode.BadRequest, "ReferenceWithoutAccounts"), null);
        }

        var tenantId = reference.Conversation?.TenantId;
        var parameters = new ConversationParameters
        {
            IsGroup = false,
            Bot = new ChannelAccount { Id = reference.Bot.Id, Name = reference.Bot.Name },
            Members = [new ChannelAccount { Id = reference.User.Id, Name = reference.User.Name, AadObjectId = reference.User.AadObjectId }],
            TenantId = tenantId,
        };
        if (tenantId is not null)
        {
            var channelData = new Activity();
            channelData.SetTeamsChannelData(new TeamsChannelData { Tenant = new TenantInfo(tenantId) });
            parameters.ChannelData = channelData.ChannelData;
        }

        // No embedded first activity: the Agents Playground (and Teams, for an existing 1:1) returns the existing
        // conversation id and drops it, so the message always goes in a second call.
        var created = await connector.CreateConversationAsync(serviceUrl, parameters, cancellationToken);
        if (created.Value is not { Id: { } newConversationId } response)
        {
            return (created.Outcome, null);
        }

        var personal = new ConversationReference
        {
            User = reference.User,
            Bot = reference.Bot,
            ChannelId = reference.ChannelId,
            Locale = reference.Locale,
            ServiceUrl = response.ServiceUrl is { Length: > 0 } movedTo ? movedTo : serviceUrl,
            Conversation = new ConversationAccount { Id = newConversationId, ConversationType = "personal", IsGroup = false, TenantId = tenantId },
        };
        return (new SendOutcome.Sent(newConversationId), personal);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "No conversation reference stored for the person; proactive message not sent")]
        public static partial void NoReference(ILogger logger);

        [LoggerMessage(2, LogLevel.Information, "Person can no longer be reached ({Reason}); their conversation reference was deleted")]
        public static partial void RecipientGone(ILogger logger, RecipientGoneReason reason);
    }
}
