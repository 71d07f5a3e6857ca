using MentorBot.Core.Privacy;

namespace MentorBot.Bot.Storage.Conversations;

internal sealed partial class TableDialogStateStore
{
    public string Holds => "Unfinished multi-step questions per chat (and per member in group chats), with what was typed so far.";

    /// <summary>
    /// Every chat, not only this one: their stack in each group chat (row = their channel-account id), the whole stack
    /// of each chat they used (1:1 stacks are keyed by the chat alone) and any stack that names them.
    /// </summary>
    public async Task<int> EraseAsync(ErasureSubject subject, CancellationToken cancellationToken)
    {
        var members = subject.Ids.Select(TableKeys.Escape).ToHashSet(StringComparer.Ordinal);
        var chats = subject.Conversations.Select(c => TableKeys.Escape($"{c.ChannelId}|{c.ConversationId}")).ToHashSet(StringComparer.Ordinal);
        var rows = await _table.ScanAllAsync(cancellationToken);
        return await ErasureRows.DeleteAsync(
            _table,
            rows.Where(r => members.Contains(r.RowKey) || chats.Contains(r.PartitionKey) || ErasureRows.Mentions(r, subject.Ids)),
            cancellationToken);
    }
}
