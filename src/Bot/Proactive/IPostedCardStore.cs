using System.Collections.Concurrent;
using MentorBot.Core.Profiles;
using MentorBot.Core.Privacy;

namespace MentorBot.Bot.Proactive;

/// <summary>One message carrying a card, addressable for an in-place update (PUT) later.</summary>
public sealed record PostedCard(string ServiceUrl, string ConversationId, string ActivityId);

/// <summary>
/// Which messages carry a card about some thing (a request) for one person, so that when the thing moves on every
/// copy is updated in place and no stale buttons stay behind. <paramref name="Subject"/> keys are the card's subject
/// id (a request id); a person can hold several copies (resent after a retry, two devices never matter).
/// </summary>
public interface IPostedCardStore
{
    Task AddAsync(string subject, UserId recipient, PostedCard card, CancellationToken cancellationToken);

    Task<IReadOnlyList<PostedCard>> ListAsync(string subject, UserId recipient, CancellationToken cancellationToken);

    /// <summary>Forget-me: every card remembered for the person.</summary>
    Task<int> DeleteForPersonAsync(UserId recipient, CancellationToken cancellationToken);
}

public sealed class InMemoryPostedCardStore : IPostedCardStore, IPersonalDataStore
{
    public string Holds => "Which messages in a person's chat carry a card about a request (conversation and activity ids).";

    public Task<int> EraseAsync(ErasureSubject subject, CancellationToken cancellationToken) =>
        DeleteForPersonAsync(subject.Person, cancellationToken);

    private readonly ConcurrentDictionary<(string Subject, UserId Recipient), ImmutableCards> _cards = new();

    public Task AddAsync(string subject, UserId recipient, PostedCard card, CancellationToken cancellationToken)
    {
        _cards.AddOrUpdate((subject, recipient), _ => new ImmutableCards([card]), (_, existing) => new ImmutableCards([.. existing.Cards, card]));
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<PostedCard>> ListAsync(string subject, UserId recipient, CancellationToken cancellationToken) =>
        Task.FromResult(_cards.TryGetValue((subject, recipient), out var cards) ? cards.Cards : (IReadOnlyList<PostedCard>)[]);

    public Task<int> DeleteForPersonAsync(UserId recipient, CancellationToken cancellationToken)
    {
        var removed = 0;
        foreach (var key in _cards.Keys.Where(k => k.Recipient == recipient))
        {
            removed += _cards.TryRemove(key, out _) ? 1 : 0;
        }

        return Task.FromResult(removed);
    }

    private sealed record ImmutableCards(IReadOnlyList<PostedCard> Cards);
}
