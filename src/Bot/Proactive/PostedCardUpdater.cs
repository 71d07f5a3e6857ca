using MentorBot.Bot.Cards;
using MentorBot.Bot.Cards.Model;
using MentorBot.Bot.Protocol.Connector;
using MentorBot.Bot.Protocol.Schema;
using MentorBot.Core.Profiles;

namespace MentorBot.Bot.Proactive;

/// <summary>
/// Keeps every copy of a card about one subject current: the bot remembers where it posted the card, and replaces
/// each copy in place (PUT) when the subject moves on, so nobody is left with buttons that no longer work.
/// </summary>
public sealed partial class PostedCardUpdater(IPostedCardStore store, IConnectorClient connector, ILogger<PostedCardUpdater> logger)
{
    public Task RememberAsync(string subject, UserId recipient, string serviceUrl, string conversationId, string activityId, CancellationToken cancellationToken) =>
        store.AddAsync(subject, recipient, new PostedCard(serviceUrl, conversationId, activityId), cancellationToken);

    /// <summary>Replaces every remembered copy; returns how many were updated.</summary>
    public async Task<int> UpdateAsync(string subject, UserId recipient, AdaptiveCard card, CancellationToken cancellationToken)
    {
        var updated = 0;
        foreach (var copy in await store.ListAsync(subject, recipient, cancellationToken))
        {
            // PUT replaces the whole activity (omitted fields are removed), so the card goes in full.
            var activity = CardActivity.Message(card);
            activity.Id = copy.ActivityId;
            var outcome = await connector.UpdateActivityAsync(copy.ServiceUrl, copy.ConversationId, copy.ActivityId, activity, cancellationToken);
            if (outcome.IsSuccess)
            {
                updated++;
            }
            else
            {
                Log.UpdateFailed(logger, outcome);
            }
        }

        return updated;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "A posted card could not be updated in place: {Outcome}")]
        public static partial void UpdateFailed(ILogger logger, SendOutcome outcome);
    }
}
