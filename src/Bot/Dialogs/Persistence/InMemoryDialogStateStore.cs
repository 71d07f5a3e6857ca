using MentorBot.Core.Persistence;
using System.Globalization;

namespace MentorBot.Bot.Dialogs.Persistence;

/// <summary>A process-local store with real ETag semantics, for tests and local runs until a table adapter lands.</summary>
public sealed class InMemoryDialogStateStore : IDialogStateStore
{
    private readonly Dictionary<DialogStateKey, Versioned<string>> _records = [];
    private readonly Lock _gate = new();
    private long _version;

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
