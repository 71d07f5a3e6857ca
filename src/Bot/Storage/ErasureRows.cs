using MentorBot.Core.Persistence;

namespace MentorBot.Bot.Storage;

/// <summary>The row-level steps every store's erasure shares: delete what is gone for good, rewrite what others need.</summary>
internal static class ErasureRows
{
    private const int MaxWriteAttempts = 5;

    /// <summary>Deletes each row unconditionally; a row another instance removed meanwhile is simply gone.</summary>
    public static async Task<int> DeleteAsync(IEntityTable table, IEnumerable<TableEntity> rows, CancellationToken cancellationToken)
    {
        var removed = 0;
        foreach (var row in rows)
        {
            removed += await table.DeleteAsync(row.PartitionKey, row.RowKey, ETag.Any, cancellationToken) ? 1 : 0;
        }

        return removed;
    }

    /// <summary>
    /// Replaces a row with <paramref name="change"/>'s result at the version read, re-reading after a lost race; a null
    /// result means there is nothing (left) to change. Returns whether the row was rewritten.
    /// </summary>
    public static async Task<bool> RewriteAsync(
        IEntityTable table, TableEntity row, Func<TableEntity, TableEntity?> change, CancellationToken cancellationToken)
    {
        var current = row;
        for (var attempt = 1; ; attempt++)
        {
            if (change(current) is not { } changed)
            {
                return false;
            }

            try
            {
                await table.ReplaceAsync(changed, current.ETag ?? ETag.Any, cancellationToken);
                return true;
            }
            catch (ConcurrencyConflictException) when (attempt < MaxWriteAttempts)
            {
                if (await table.GetAsync(row.PartitionKey, row.RowKey, cancellationToken) is not { } reread)
                {
                    return false;
                }

                current = reread;
            }
        }
    }

    /// <summary>Whether any text property of the row contains any of <paramref name="needles"/> (ids inside stored JSON).</summary>
    public static bool Mentions(TableEntity row, IEnumerable<string> needles) =>
        needles.Any(needle => needle.Length > 0
            && (row.PartitionKey.Contains(needle, StringComparison.Ordinal)
                || row.RowKey.Contains(needle, StringComparison.Ordinal)
                || row.Properties.Values.Any(p => p.Type == EdmType.String && p.AsString().Contains(needle, StringComparison.Ordinal))));
}
