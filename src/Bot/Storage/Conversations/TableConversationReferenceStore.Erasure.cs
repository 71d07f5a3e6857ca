using MentorBot.Core.Privacy;

namespace MentorBot.Bot.Storage.Conversations;

internal sealed partial class TableConversationReferenceStore
{
    public string Holds => "How to reach each person in their 1:1 chat: conversation id, service URL, their Teams name and ids.";

    /// <summary>Both keys a person's reference may be under (0130), and any other reference that names them.</summary>
    public async Task<int> EraseAsync(ErasureSubject subject, CancellationToken cancellationToken)
    {
        var keys = subject.Ids.Select(TableKeys.Escape).ToHashSet(StringComparer.Ordinal);
        var rows = (await _table.QueryAllAsync(Partition, null, cancellationToken))
            .Where(r => keys.Contains(r.RowKey) || ErasureRows.Mentions(r, subject.Ids))
            .ToList();
        foreach (var row in rows)
        {
            _recent.TryRemove(row.RowKey, out _);
        }

        foreach (var key in keys)
        {
            _recent.TryRemove(key, out _);
        }

        return await ErasureRows.DeleteAsync(_table, rows, cancellationToken);
    }
}
