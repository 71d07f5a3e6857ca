using MentorBot.Core.Persistence;
using System.Globalization;
using MentorBot.Core.Privacy;

namespace MentorBot.Bot.Protocol.Dialogs.Persistence;

/// <summary>A process-local store with real ETag semantics, for tests and local runs until a table adapter lands.</summary>
public sealed class InMemoryDialogStateStore : IDialogStateStore, IPersonalDataStore
{
    private readonly Dictionary<DialogStateKey, Versioned<string>> _records = [];
    private readonly Lock _gate = new();
    private long _version;

    public string Holds => "Unfinished multi-step questions per chat (and per member in group chats), with what was typed so far.";

    public Task<int> EraseAsync(ErasureSubject subject, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var chats = subject.Conversations.ToHashSet();
            return Task.FromResult(_records
                .Where(r => (r.Key.UserId is { } member && subject.Ids.Contains(member))
                    || chats.Contains(new ConversationAddress(r.Key.ChannelId, r.Key.ConversationId))
                    || subject.Ids.Any(id => r.Value.Value.Contains(id, StringComparison.Ordinal)))
                .Select(r => r.Key)
                .ToList()
                .Count(_records.Remove));
        }
    }

    public Task<Versioned<string>?> LoadAsync(DialogStateKey key, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_records.GetValueOrDefault(key));
        }
    }

    public Task<ETag> SaveAsync(DialogStateKey key, string stateJson, ETag? ifMatch, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var current = _records.GetValueOrDefault(key);
            if (ifMatch is null ? current is not null : !Matches(current, ifMatch.Value))
            {
                throw new ConcurrencyConflictException($"The dialog state of {key.ConversationId} changed since it was read.");
            }

            var etag = new ETag((++_version).ToString(CultureInfo.InvariantCulture));
            _records[key] = new Versioned<string>(stateJson, etag);
            return Task.FromResult(etag);
        }
    }

    public Task DeleteAsync(DialogStateKey key, ETag ifMatch, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!ifMatch.IsAny && !Matches(_records.GetValueOrDefault(key), ifMatch))
            {
                throw new ConcurrencyConflictException($"The dialog state of {key.ConversationId} changed since it was read.");
            }

            _records.Remove(key);
            return Task.CompletedTask;
        }
    }

    private static bool Matches(Versioned<string>? current, ETag ifMatch) =>
        current is not null && (ifMatch.IsAny || current.ETag == ifMatch);
}
