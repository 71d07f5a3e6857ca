using System.Text.Json;
using MentorBot.Bot.Proactive;
using MentorBot.Bot.Protocol.Schema;
using MentorBot.Core.Persistence;

namespace MentorBot.Bot.Storage.Conversations;

/// <summary>
/// One row per person (partition <c>reference</c>, row = escaped person key): the latest 1:1 conversation reference,
/// stored whole as JSON so unknown fields Teams adds survive, with the fields an operator looks for as properties.
/// </summary>
internal sealed class TableConversationReferenceStore(ITableEngine engine) : IConversationReferenceStore
{
    public const string TableName = "conversationrefs";
    public const string Partition = "reference";

    private readonly IEntityTable _table = engine.GetTable(TableName);

    public async Task<ConversationReference?> GetAsync(PersonKey person, CancellationToken cancellationToken) =>
        await _table.GetAsync(Partition, TableKeys.Escape(person.Value), cancellationToken) is { } entity
            ? JsonSerializer.Deserialize(entity["Reference"].AsString(), ProtocolJsonContext.Default.ConversationReference)
            : null;

    public Task SaveAsync(PersonKey person, ConversationReference reference, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(Partition, TableKeys.Escape(person.Value))
        {
            ["Reference"] = JsonSerializer.Serialize(reference, ProtocolJsonContext.Default.ConversationReference),
            ["ConversationId"] = reference.Conversation?.Id ?? string.Empty,
            ["ServiceUrl"] = reference.ServiceUrl ?? string.Empty,
            ["ChannelId"] = reference.ChannelId ?? string.Empty,
        };

        // Last writer wins on purpose: the newest serviceUrl is the one that works (see the interface).
        return _table.UpsertAsync(entity, cancellationToken);
    }

    public Task DeleteAsync(PersonKey person, CancellationToken cancellationToken) =>
        _table.DeleteAsync(Partition, TableKeys.Escape(person.Value), ETag.Any, cancellationToken);
}
