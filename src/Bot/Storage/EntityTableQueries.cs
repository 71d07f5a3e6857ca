namespace MentorBot.Bot.Storage;

internal static class EntityTableQueries
{
    /// <summary>Every row of a partition matching <paramref name="filter"/>, following continuation tokens to the end.</summary>
    public static async Task<List<TableEntity>> QueryAllAsync(
        this IEntityTable table, string partitionKey, EntityFilter? filter, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        string? token = null;
        do
        {
            var page = await table.QueryAsync(partitionKey, filter, null, token, cancellationToken);
            rows.AddRange(page.Items);
            token = page.ContinuationToken;
        }
        while (token is not null);

        return rows;
    }

    /// <summary>Every row of every partition, following continuation tokens to the end.</summary>
    public static async Task<List<TableEntity>> ScanAllAsync(this IEntityTable table, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        string? token = null;
        do
        {
            var page = await table.ScanAsync(token, cancellationToken);
            rows.AddRange(page.Items);
            token = page.ContinuationToken;
        }
        while (token is not null);

        return rows;
    }
}
