using System.Collections.Concurrent;
using System.Text.Json;
using MentorBot.Bot.Protocol.Schema;
using MentorBot.Core.Privacy;

namespace MentorBot.Bot.Proactive;

/// <summary>
/// A process-local store until the table-backed adapter lands. References are kept as JSON, as a real store
/// would, so callers never share (and mutate) one instance.
/// </summary>
public sealed class InMemoryConversationReferenceStore : IConversationReferenceStore, IPersonalDataStore
{
    private readonly ConcurrentDictionary<PersonKey, byte[]> _references = new();

    public string Holds => "How to reach each person in their 1:1 chat: conversation id, service URL, their Teams name and ids.";

    public Task<int> EraseAsync(ErasureSubject subject, CancellationToken cancellationToken)
    {
        var removed = 0;
        foreach (var (key, json) in _references)
        {
            var text = System.Text.Encoding.UTF8.GetString(json);
            if (subject.Ids.Any(id => key.Value == id || text.Contains(id, StringComparison.Ordinal)))
            {
                removed += _references.TryRemove(key, out _) ? 1 : 0;
            }
        }

        return Task.FromResult(removed);
    }

    public Task<ConversationReference?> GetAsync(PersonKey person, CancellationToken cancellationToken) =>
        Task.FromResult(_references.TryGetValue(person, out var json)
            ? JsonSerializer.Deserialize(json, ProtocolJsonContext.Default.ConversationReference)
            : null);

    public Task SaveAsync(PersonKey person, ConversationReference reference, CancellationToken cancellationToken)
    {
        _references[person] = JsonSerializer.SerializeToUtf8Bytes(reference, ProtocolJsonContext.Default.ConversationReference);
        return Task.CompletedTask;
    }

    public Task DeleteAsync(PersonKey person, CancellationToken cancellationToken)
    {
        _references.TryRemove(person, out _);
        return Task.CompletedTask;
    }
}
