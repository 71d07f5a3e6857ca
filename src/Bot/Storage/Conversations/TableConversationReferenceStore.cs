using System.Collections.Concurrent;
using System.Text.Json;
using MentorBot.Bot.Proactive;
using MentorBot.Bot.Protocol.Schema;
using MentorBot.Core.Persistence;
using MentorBot.Core.Privacy;
using MentorBot.Core.Tenants;

namespace MentorBot.Bot.Storage.Conversations;

/// <summary>
/// One row per person (partition <c>reference</c>, row = escaped person key): the latest 1:1 conversation reference,
/// stored whole as JSON so unknown fields Teams adds survive, with the fields an operator looks for as properties
/// (<c>TenantId</c> among them: the tenant the turn was served as, decision 0234).
/// What this instance last read or wrote is kept for <see cref="CacheDuration"/>: every turn asks whether the
/// reference changed, and it almost never has (decision 0181).
/// </summary>
internal sealed partial class TableConversationReferenceStore(ITableEngine engine, TimeProvider? timeProvider = null) : IConversationReferenceStore, IPersonalDataStore
{
    public const string TableName = "conversationrefs";
    public const string Partition = "reference";

    /// <summary>
    /// Short on purpose: another instance may save a newer serviceUrl or delete the row on uninstall, and this one
    /// goes on using what it saw for at most this long (a send to a gone chat fails as RecipientGone, as it would anyway).
    /// </summary>
    public static readonly TimeSpan CacheDuration = TimeSpan.FromSeconds(30);

    private const int CacheCapacity = 10_000;

    private readonly IEntityTable _table = engine.GetTable(TableName);
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    // The JSON, not the object: callers may change the reference they get, and must not change ours.
    private readonly ConcurrentDictionary<string, (string Json, DateTimeOffset Until)> _recent = new(StringComparer.Ordinal);

    public async Task<ConversationReference?> GetAsync(PersonKey person, CancellationToken cancellationToken)
    {
        var row = TableKeys.Escape(person.Value);
        var seen = _recent.TryGetValue(row, out var cached);
        if (seen && cached.Until > _time.GetUtcNow())
        {
            return Deserialize(cached.Json);
        }

        if (await _table.GetAsync(Partition, row, cancellationToken) is not { } entity)
        {
            return null;
        }

        // A save that finished while we read wins: only replace exactly what we saw (or add where there was nothing).
        var json = entity["Reference"].AsString();
        var entry = Entry(json);
        if (seen ? _recent.TryUpdate(row, entry, cached) : _recent.TryAdd(row, entry))
        {
            Bound();
        }

        return Deserialize(json);
    }

    public async Task SaveAsync(PersonKey person, ConversationReference reference, CancellationToken cancellationToken)
    {
        var row = TableKeys.Escape(person.Value);
        var json = JsonSerializer.Serialize(reference, ProtocolJsonContext.Default.ConversationReference);
        var entity = new TableEntity(Partition, row)
        {
            ["Reference"] = json,
            ["ConversationId"] = reference.Conversation?.Id ?? string.Empty,
            ["ServiceUrl"] = reference.ServiceUrl ?? string.Empty,
            ["ChannelId"] = reference.ChannelId ?? string.Empty,
        };
        // The served tenant the reference middleware put on it (decision 0234); a reference without one is the default tenant's.
        ParentTenant.Stamp(entity, TenantId.From(reference.Conversation?.TenantId)?.Value);

        // Forgotten first: if the write fails, the next read goes to the table rather than trusting an old copy.
        _recent.TryRemove(row, out _);

        // Last writer wins on purpose: the newest serviceUrl is the one that works (see the interface).
        await _table.UpsertAsync(entity, cancellationToken);
        _recent[row] = Entry(json);
        Bound();
    }

    public async Task DeleteAsync(PersonKey person, CancellationToken cancellationToken)
    {
        var row = TableKeys.Escape(person.Value);
        _recent.TryRemove(row, out _);
        await _table.DeleteAsync(Partition, row, ETag.Any, cancellationToken);
    }

    private static ConversationReference? Deserialize(string json) =>
        JsonSerializer.Deserialize(json, ProtocolJsonContext.Default.ConversationReference);

    private (string Json, DateTimeOffset Until) Entry(string json) => (json, _time.GetUtcNow() + CacheDuration);

    private void Bound()
    {
        if (_recent.Count <= CacheCapacity)
        {
            return;
        }

        // Rare (more people active within the cache duration than the cap): drop the expired, else start over.
        var now = _time.GetUtcNow();
        foreach (var (key, value) in _recent)
        {
            if (value.Until <= now)
            {
                _recent.TryRemove(key, out _);
            }
        }

        if (_recent.Count > CacheCapacity)
        {
            _recent.Clear();
        }
    }
}
