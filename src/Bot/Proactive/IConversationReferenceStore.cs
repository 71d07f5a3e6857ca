using MentorBot.Bot.Protocol.Schema;
using MentorBot.Core.Profiles;

namespace MentorBot.Bot.Proactive;

/// <summary>
/// Where the bot remembers how to reach a person in their 1:1 chat: the latest conversation reference
/// (conversation id, serviceUrl, bot and user accounts) per person.
/// </summary>
public interface IConversationReferenceStore
{
    Task<ConversationReference?> GetAsync(PersonKey person, CancellationToken cancellationToken);

    /// <summary>Overwrites: the serviceUrl of a person can change and the newest one wins.</summary>
    Task SaveAsync(PersonKey person, ConversationReference reference, CancellationToken cancellationToken);

    Task DeleteAsync(PersonKey person, CancellationToken cancellationToken);
}

/// <summary>
/// The key of a person's conversation reference: the Entra object id when the channel sends one (stable across
/// bots and the id Core knows people by), else the channel account id (Emulator, a Playground without AAD ids).
/// </summary>
public readonly record struct PersonKey(string Value)
{
    public static PersonKey From(UserId user) => new(user.AadObjectId);

    public static PersonKey? For(ChannelAccount? account) =>
        account?.AadObjectId is { Length: > 0 } aad ? new PersonKey(aad)
        : account?.Id is { Length: > 0 } id ? new PersonKey(id)
        : null;

    public override string ToString() => Value;
}
