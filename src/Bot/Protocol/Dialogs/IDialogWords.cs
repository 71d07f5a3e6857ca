using MentorBot.Bot.Protocol.Builder;

namespace MentorBot.Bot.Protocol.Dialogs;

/// <summary>
/// The host's words for a dialog's interruptions, in the turn's language (the product words them from its resources;
/// without one, the English built in here): more phrases that mean "help" or "cancel", and what is said on cancel and
/// on a fresh start.
/// </summary>
public interface IDialogWords
{
    /// <summary>A whole reply, lower-cased and tokenised ("avbryt"), that means help or cancel in some language.</summary>
    Interruption Recognize(string phrase);

    string Cancelled(ITurnContext turnContext);

    string FreshStart(ITurnContext turnContext);
}
