using MentorBot.Bot.Cards.Model;
using MentorBot.Bot.Protocol.Schema;

namespace MentorBot.Bot.Cards;

/// <summary>
/// The one place a card becomes a message activity: replies, notifications, nudges and in-place updates of posted copies
/// all send what this builds, so the attachment's content type and JSON are the same everywhere.
/// </summary>
public static class CardActivity
{
    /// <param name="text">Shown by clients that cannot render the card (and read aloud by some).</param>
    /// <param name="summary">The line Teams shows in the activity feed and notifications.</param>
    public static Activity Message(AdaptiveCard card, string? text = null, string? summary = null) => new()
    {
        Type = ActivityTypes.Message,
        Text = text,
        Summary = summary,
        Attachments = [new Attachment { ContentType = Attachment.AdaptiveCardContentType, Content = CardJson.ToElement(card) }],
    };
}
