using System.Security.Cryptography;
using System.Text;
using MentorBot.Bot.Proactive;
using MentorBot.Core.Persistence;
using MentorBot.Core.Profiles;
using MentorBot.Core.Privacy;
using MentorBot.Core.Requests;
using MentorBot.Core;

namespace MentorBot.Bot.Storage.Conversations;

/// <summary>
/// Which messages carry a card about a subject, per recipient: partition = the recipient's Entra object id, so a
/// person's cards are listed and forgotten in one partition; row = subject + a hash of the message's address, so
/// remembering the same message twice is one row. Every bot instance sees the cards every other instance posted, and
/// a restart forgets none, so "update every copy in place" holds across instances. Each row names the tenant of the
/// request the card is about (<c>TenantId</c>, read from the request's row, decision 0234); rows are only ever read
/// for their own recipient, so no read can return another person's, let alone another tenant's.
/// </summary>
internal sealed partial class TablePostedCardStore(ITableEngine engine) : IPostedCardStore, IPersonalDataStore
{
    public const string TableName = "postedcards";

    private readonly IEntityTable _table = engine.GetTable(TableName);
    private readonly ParentTenant _tenant = ParentTenant.OfRequests(engine);

    public async Task AddAsync(string subject, UserId recipient, PostedCard card, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(Partition(recipient), Row(subject, card))
        {
            ["Subject"] = subject,
            ["ServiceUrl"] = card.ServiceUrl,
            ["ConversationId"] = card.ConversationId,
            ["ActivityId"] = card.ActivityId,
        };
        await _table.UpsertAsync(await _tenant.StampAsync(entity, new RequestId(subject), cancellationToken), cancellationToken);
    }

    public async Task<IReadOnlyList<PostedCard>> ListAsync(string subject, UserId recipient, CancellationToken cancellationToken) =>
        (await ListPartitionAsync(Partition(recipient), EntityFilter.Equal("Subject", EntityProperty.String(subject)), cancellationToken))
            .Select(e => new PostedCard(e["ServiceUrl"].AsString(), e["ConversationId"].AsString(), e["ActivityId"].AsString()))
            .ToList();

    public async Task<int> DeleteForPersonAsync(UserId recipient, CancellationToken cancellationToken)
    {
        // One by one: a row another instance removed meanwhile is simply gone, where a batch would fail as a whole.
        var removed = 0;
        foreach (var row in await ListPartitionAsync(Partition(recipient), null, cancellationToken))
        {
            removed += await _table.DeleteAsync(row.PartitionKey, row.RowKey, ETag.Any, cancellationToken) ? 1 : 0;
        }

        return removed;
    }

    private Task<List<TableEntity>> ListPartitionAsync(string partition, EntityFilter? filter, CancellationToken cancellationToken) =>
        _table.QueryAllAsync(partition, filter, cancellationToken);

    private static string Partition(UserId recipient) => TableKeys.Escape(recipient.AadObjectId);

    private static string Row(string subject, PostedCard card)
    {
        var address = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{card.ServiceUrl}\n{card.ConversationId}\n{card.ActivityId}")))[..32];
        return TableKeys.Escape($"{subject}|{address}");
    }
}
