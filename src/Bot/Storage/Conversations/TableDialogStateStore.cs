using MentorBot.Bot.Dialogs.Persistence;
using MentorBot.Core.Persistence;
using MentorBot.Core.Privacy;

namespace MentorBot.Bot.Storage.Conversations;

/// <summary>
/// Dialog stacks: partition = escaped "channel|conversation", row = the member in group chats (each member has their
/// own stack) or <c>-</c> in 1:1 chats. Writes are conditional, so two racing turns of one conversation surface as a
/// <see cref="ConcurrencyConflictException"/> instead of one silently overwriting the other.
/// </summary>
internal sealed partial class TableDialogStateStore(ITableEngine engine) : IDialogStateStore, IPersonalDataStore
{
    public const string TableName = "dialogstate";
    private const string WholeConversation = "-";

    private readonly IEntityTable _table = engine.GetTable(TableName);

    public async Task<Versioned<string>?> LoadAsync(DialogStateKey key, CancellationToken cancellationToken)
    {
        var (partition, row) = Keys(key);
        return await _table.GetAsync(partition, row, cancellationToken) is { ETag: { } etag } entity
            ? new Versioned<string>(entity["State"].AsString(), etag)
            : null;
    }

    public Task<ETag> SaveAsync(DialogStateKey key, string stateJson, ETag? ifMatch, CancellationToken cancellationToken)
    {
        var (partition, row) = Keys(key);
        var entity = new TableEntity(partition, row) { ["State"] = stateJson };
        return ifMatch is { } etag
            ? _table.ReplaceAsync(entity, etag, cancellationToken)
            : _table.InsertAsync(entity, cancellationToken);
    }

    public Task DeleteAsync(DialogStateKey key, ETag ifMatch, CancellationToken cancellationToken)
    {
        var (partition, row) = Keys(key);
        return _table.DeleteAsync(partition, row, ifMatch, cancellationToken);
    }

    private static (string Partition, string Row) Keys(DialogStateKey key) =>
        (TableKeys.Escape($"{key.ChannelId}|{key.ConversationId}"), key.UserId is { Length: > 0 } user ? TableKeys.Escape(user) : WholeConversation);
}
