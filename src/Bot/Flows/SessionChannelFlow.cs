using MentorBot.Bot.Cards.Sessions;
using MentorBot.Bot.Proactive;
using MentorBot.Bot.Protocol.Builder;
using MentorBot.Bot.Protocol.Schema;
using MentorBot.Bot.Turns;
using MentorBot.Core.Persistence;
using MentorBot.Core.Programs;

namespace MentorBot.Bot.Flows;

/// <summary>
/// "Announce sessions here" typed in a team channel (decision 0475): a program owner chooses the channel where each new
/// group session of their programs is announced once. The channel's conversation reference is kept in the reference
/// store under the program's channel recipient and its id on the program; anyone else is told plainly that only a
/// program's owner can choose. Answered in the channel itself: it names nobody and shows nothing private.
/// </summary>
public sealed class SessionChannelFlow(IProgramStore programs, IConversationReferenceStore references)
{
    private static readonly IReadOnlyList<string> Phrases = SessionTexts.AllPhrases("Session.Command.AnnounceHere");

    public static bool IsAnnounceHere(Activity activity) =>
        string.Equals(activity.Conversation?.ConversationType, "channel", StringComparison.OrdinalIgnoreCase)
        && Phrases.Contains(Normalize(activity.RemoveRecipientMention()), StringComparer.OrdinalIgnoreCase);

    public async Task<bool> TryHandleAsync(ITurnContext turnContext, TurnPerson person, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        if (!activity.IsType(ActivityTypes.Message) || !IsAnnounceHere(activity) || activity.Conversation?.Id is not { Length: > 0 } conversationId)
        {
            return false;
        }

        var t = new SessionTexts(person.Culture);
        var owned = (await programs.ListInTenantAsync(person.Tenant, cancellationToken))
            .Where(p => p.Value.IsOwnedBy(person.Id) && p.Value.State != ProgramState.Closed)
            .ToList();
        if (owned.Count == 0)
        {
            await turnContext.SendActivityAsync(t["Session.Channel.NotOwner"], cancellationToken);
            return true;
        }

        // The channel itself, not the thread the command was typed in: announcements start threads of their own.
        var channel = conversationId.Split(';')[0];
        var reference = activity.GetConversationReference();
        reference.ActivityId = null;
        reference.User = null; // the channel itself is the recipient, never the owner who typed the command
        reference.Conversation = new ConversationAccount
        {
            Id = channel,
            ConversationType = activity.Conversation.ConversationType,
            TenantId = activity.Conversation.TenantId,
            IsGroup = true,
        };
        foreach (var program in owned)
        {
            await references.SaveAsync(PersonKey.From(MentoringProgram.SessionsChannelRecipient(program.Value.Id)), reference, cancellationToken);
            await SetChannelAsync(program, channel, cancellationToken);
        }

        await turnContext.SendActivityAsync(t.Format("Session.Channel.Chosen", string.Join(", ", owned.Select(p => p.Value.Name))), cancellationToken);
        return true;
    }

    private async Task SetChannelAsync(Versioned<MentoringProgram> program, string channel, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            if (program.Value.SessionsChannel == channel)
            {
                return;
            }

            try
            {
                await programs.ReplaceAsync(program.Value with { SessionsChannel = channel }, program.ETag, cancellationToken);
                return;
            }
            catch (ConcurrencyConflictException)
            {
                if (await programs.GetAsync(program.Value.Id, cancellationToken) is not { } fresh)
                {
                    return;
                }

                program = fresh;
            }
        }
    }

    private static string Normalize(string? text) =>
        string.Join(' ', (text ?? string.Empty).Trim().TrimEnd('?', '!', '.').Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
}
