using MentorBot.Bot.Cards;
using MentorBot.Bot.Cards.Model;
using MentorBot.Bot.Protocol.Builder;
using MentorBot.Bot.Protocol.Schema;

namespace MentorBot.Bot.Flows;

/// <summary>The two ways a card action is answered: a new message, or the pressed card changed in place.</summary>
public static class Replies
{
    public static Task<ResourceResponse> SendCardAsync(ITurnContext turnContext, AdaptiveCard card, CancellationToken cancellationToken) =>
        turnContext.SendActivityAsync(CardActivity.Message(card), cancellationToken);

    /// <summary>One message carrying a line of text above the card, instead of a text and a card as two replies.</summary>
    public static Task<ResourceResponse> SendCardAsync(ITurnContext turnContext, AdaptiveCard card, string? text, CancellationToken cancellationToken) =>
        turnContext.SendActivityAsync(CardActivity.Message(card, text), cancellationToken);

    /// <summary>
    /// Replaces the card whose button was pressed: for Action.Execute in the invoke response (only the presser's view;
    /// a PUT elsewhere updates everyone's), for Action.Submit by updating the message it replied to.
    /// </summary>
    public static async Task ReplacePressedCardAsync(ITurnContext turnContext, AdaptiveCard card, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        if (activity.IsType(ActivityTypes.Invoke))
        {
            turnContext.InvokeResponse = InvokeResponse.FromAdaptiveCard(AdaptiveCardInvokeResponse.Card(CardJson.ToElement(card)));
            return;
        }

        if (activity.Value is not null && activity.ReplyToId is { Length: > 0 } pressed)
        {
            var update = CardActivity.Message(card);
            update.Id = pressed;
            await turnContext.UpdateActivityAsync(update, cancellationToken);
            return;
        }

        await SendCardAsync(turnContext, card, cancellationToken);
    }
}
