using MentorBot.Bot.Dialogs.Persistence;
using MentorBot.Core.Persistence;
using MentorBot.Core.Privacy;
using MentorBot.Core.Tenants;

namespace MentorBot.Bot.Storage.Conversations;

/// <summary>
/// Dialog stacks: partition = escaped "channel|conversation", row = the member in group chats (each member has their
/// own stack) or <c>-</c> in 1:1 chats. Writes are conditional, so two racing turns of one conversation surface as a
/// <see cref="ConcurrencyConflictException"/> instead of one silently overwriting the other.
/// <para>
/// Each stack names the tenant its turn was served as (<c>TenantId</c>, from <see cref="DialogStateKey.Tenant"/>,
/// decision 0235) and is read, replaced and deleted only for that tenant: a stack of another tenant under the same
/// keys is "nothing stored" to a load, a conflict to an insert, and untouched by an unconditional delete. Keys are
/// unchanged, so stacks from before tenants (no property) are found and belong to the default tenant (0231).
/// </para>
/// </summary>
internal sealed partial class TableDialogStateStore(ITableEngine engine, DefaultTenant? legacy = null) : IDialogStateStore, IPersonalDataStore
{
    public const string TableName = "dialogstate";
    private const string WholeConversation = "-";

    private readonly IEntityTable _table = engine.GetTable(TableName);
    private readonly DefaultTenant _legacy = legacy ?? new DefaultTenant(null);

    public async Task<Versioned<string>?> LoadAsync(DialogStateKey key, CancellationToken cancellationToken)
    {
        var (partition, row) = Keys(key);
        return await _table.GetAsync(partition, row, cancellationToken) is { ETag: { } etag } entity && IsOf(key, entity)
            ? new Versioned<string>(entity["State"].AsString(), etag)
            : null;
    }

    public Task<ETag> SaveAsync(DialogStateKey key, string stateJson, ETag? ifMatch, CancellationToken cancellationToken)
    {
        var (partition, row) = Keys(key);
        // An ETag only comes from a load of the same tenant's stack, and an insert over another tenant's is a conflict.
        var entity = ParentTenant.Stamp(new TableEntity(partition, row) { ["State"] = stateJson }, _legacy.Stored(key.Tenant)?.Value);
        return ifMatch is { } etag
            ? _table.ReplaceAsync(entity, etag, cancellationToken)
            : _table.InsertAsync(entity, cancellationToken);
    }

    public async Task DeleteAsync(DialogStateKey key, ETag ifMatch, CancellationToken cancellationToken)
    {
        var (partition, row) = Keys(key);
        if (!ifMatch.IsAny)
        {
            await _table.DeleteAsync(partition, row, ifMatch, cancellationToken);
            return;
        }

        // Unconditional (a failed turn's clean-up): only this tenant's stack, as it is now. One that changed since this
        // read belongs to a newer turn of the same conversation, which keeps it.
        if (await _table.GetAsync(partition, row, cancellationToken) is { ETag: { } current } entity && IsOf(key, entity))
        {
            try
            {
                await _table.DeleteAsync(partition, row, current, cancellationToken);
            }
            catch (ConcurrencyConflictException)
            {
                // Replaced or deleted by a turn that finished meanwhile: that turn's outcome stands.
            }
        }
    }

    private bool IsOf(DialogStateKey key, TableEntity entity) =>
        _legacy.InCore(entity.GetString(ParentTenant.Property)) == key.Tenant;

    private static (string Partition, string Row) Keys(DialogStateKey key) =>
        (TableKeys.Escape($"{key.ChannelId}|{key.ConversationId}"), key.UserId is { Length: > 0 } user ? TableKeys.Escape(user) : WholeConversation);
}
