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
        var target = (engine is InstrumentedTableEngine instrumented ? instrumented.Inner : engine) switch
        {
            SqliteTableEngine sqlite => sqlite.DatabasePath,
            AzureTableEngine azure => $"{azure.Connection.DisplayEndpoint} ({azure.Connection.Kind})",
            _ => engine.GetType().Name,
        };
        LogBackend(engine.Backend, target);
        foreach (var name in tables.Select(t => t.Name).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            await engine.GetTable(name).CreateIfNotExistsAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Storage backend {Backend} at {Target}")]
    private partial void LogBackend(string backend, string target);
}
