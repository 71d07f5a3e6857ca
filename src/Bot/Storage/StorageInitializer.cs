using MentorBot.Bot.Storage.AzureTable;
using MentorBot.Bot.Storage.Sqlite;

namespace MentorBot.Bot.Storage;

/// <summary>
/// Creates every registered table before the bot takes traffic and says where data goes. Failing here stops the
/// host: a bot that cannot store a pairing should not accept one.
/// </summary>
internal sealed partial class StorageInitializer(
    ITableEngine engine, IEnumerable<StorageTableRegistration> tables, ILogger<StorageInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var inner = engine is InstrumentedTableEngine instrumented ? instrumented.Inner : engine;
        var target = inner switch
        {
            SqliteTableEngine sqlite => sqlite.DatabasePath,
            AzureTableEngine azure => $"{azure.Connection.DisplayEndpoint} ({azure.Connection.Kind})",
            _ => engine.GetType().Name,
        };
        LogBackend(engine.Backend, target);
        var names = tables.Select(t => t.Name).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (inner is AzureTableEngine)
        {
            // One HTTP request per table, independent of each other: sent together, start-up waits one round trip
            // instead of one per table (decision 0410).
            await Task.WhenAll(names.Select(name => engine.GetTable(name).CreateIfNotExistsAsync(cancellationToken)));
            return;
        }

        // One local file: DDL statements one after another (each takes the write lock anyway).
        foreach (var name in names)
        {
            await engine.GetTable(name).CreateIfNotExistsAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Storage backend {Backend} at {Target}")]
    private partial void LogBackend(string backend, string target);
}
