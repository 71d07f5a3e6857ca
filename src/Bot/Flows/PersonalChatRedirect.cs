using System.Security.Claims;
using MentorBot.Bot.Proactive;
using MentorBot.Bot.Protocol.Builder;
using MentorBot.Bot.Protocol.Connector;
using MentorBot.Bot.Protocol.Schema;
using MentorBot.Bot.Turns;

namespace MentorBot.Bot.Flows;

/// <summary>
/// Private things stay in the 1:1 chat (decision 0256). In a group chat or a channel MentorBot only greets and shows
/// help; anything else (asking, candidates, the profile form, "my mentoring", forget-me…) gets one short public line
/// that names nobody and shows nothing, and the same activity continues in the person's 1:1 chat, created through
/// the Connector when the bot has never talked to them there.
/// </summary>
public sealed class PersonalChatRedirect(ProactiveMessenger messenger, IConnectorClient connector)
{
    public static bool IsShared(Activity activity) =>
        activity.Conversation is { } conversation
        && (conversation.IsGroup == true
            || string.Equals(conversation.ConversationType, "groupChat", StringComparison.OrdinalIgnoreCase)
            || string.Equals(conversation.ConversationType, "channel", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// A turn for the person's 1:1 chat carrying the same message or card press; its replies are new messages there.
    /// Null when no 1:1 chat can be found or opened.
    /// </summary>
    public async Task<ITurnContext?> OpenAsync(ITurnContext shared, CancellationToken cancellationToken)
    {
        var activity = shared.Activity;
        if (PersonKey.For(activity.From) is not { } person
            || await messenger.PersonalConversationAsync(person, activity.GetConversationReference(), cancellationToken) is not { } personal)
        {
            return null;
        }

        var moved = activity.ShallowCopy();
        moved.Id = null;
        moved.ReplyToId = null;
        moved.Conversation = personal.Conversation;
        moved.ServiceUrl = personal.ServiceUrl;
        if (moved.IsType(ActivityTypes.Invoke))
        {
            // The press continues as a submit: its answer becomes a new card in the 1:1 chat instead of an invoke
            // response that would replace the card in the shared conversation.
            moved.Type = ActivityTypes.Message;
            moved.Name = null;
        }

        var turn = new TurnContext(moved, connector);
        // Who is speaking (and how they were authenticated) was settled by the middleware for this very activity.
        if (TurnPerson.Of(shared) is { } speaker)
        {
            turn.TurnState.Set(speaker);
        }

        if (shared.TurnState.Get<ClaimsIdentity>() is { } identity)
        {
            turn.TurnState.Set(identity);
        }

        return turn;
    }
}
