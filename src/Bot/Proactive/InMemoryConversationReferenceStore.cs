using System.Collections.Concurrent;
using System.Text.Json;
using MentorBot.Bot.Protocol.Schema;

namespace MentorBot.Bot.Proactive;

/// <summary>
/// A process-local store until the table-backed adapter lands. References are kept as JSON, as a real store
/// would, so callers never share (and mutate) one instance.
/// </summary>
public sealed class InMemoryConversationReferenceStore : IConversationReferenceStore
{
    private readonly ConcurrentDictionary<PersonKey, byte[]> _references = new();

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
