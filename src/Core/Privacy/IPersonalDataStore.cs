using MentorBot.Core.Mentorships;
using MentorBot.Core.Profiles;

namespace MentorBot.Core.Privacy;

/// <summary>A chat MentorBot talks in, as the channel names it (for dialog state kept per conversation).</summary>
public sealed record ConversationAddress(string ChannelId, string ConversationId);

/// <summary>
/// Everything an erasure needs to find one person's data: their Entra object id, the channel-account ids the bot saw
/// for them (Teams <c>29:…</c>, which key group-chat dialog state), their pairings (concerns and nudges about a pairing
/// name the pairing, not the person) and the chats they used (dialog state of a 1:1 chat is keyed by the chat alone).
/// </summary>
public sealed record ErasureSubject(
    UserId Person,
    IReadOnlyList<string> ChannelAccountIds,
    IReadOnlyList<MentorshipId> Pairings,
    IReadOnlyList<ConversationAddress> Conversations)
{
    public static ErasureSubject For(UserId person) => new(person, [], [], []);

    /// <summary>Every id the person's rows may be keyed or tagged with: the object id and the channel-account ids.</summary>
    public IReadOnlyList<string> Ids => [Person.AadObjectId, .. ChannelAccountIds.Where(id => id.Length > 0 && id != Person.AadObjectId)];
}

/// <summary>
/// A store that holds data about people and can erase one person's share of it. Every store adapter that keeps
/// anything about a person implements this and is registered for erasure (<see cref="PersonalDataStores"/>), so
/// "forget me" reaches every store and a new store cannot be forgotten: a test over the composition fails when a
/// store holding people's data is not registered.
/// </summary>
public interface IPersonalDataStore
{
    /// <summary>What this store holds about people, in plain words (for the erasure record and the privacy page).</summary>
    string Holds { get; }

    /// <summary>
    /// Deletes (or, where other people's history depends on the row, anonymises) every row about the person. Safe to
    /// run again: a second run finds nothing. Returns how many rows were deleted or changed.
    /// </summary>
    Task<int> EraseAsync(ErasureSubject subject, CancellationToken cancellationToken);
}

/// <summary>Marks a store adapter that holds nothing about people, with the reason, for the erasure registry test.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class HoldsNoPersonalDataAttribute(string reason) : Attribute
{
    public string Reason { get; } = reason;
}
