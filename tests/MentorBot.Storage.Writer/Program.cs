using System.Globalization;
using MentorBot.Bot.Storage;
using MentorBot.Bot.Storage.AzureTable;
using MentorBot.Bot.Storage.Sqlite;
using MentorBot.Storage.Writer;

if (args.Length > 0 && args[0] == "invite")
{
    return await InviteRun.RunAsync(args);
}

// Usage: writer (sqlite <db-file> | azure <connection-string>) <table-prefix> <table> <partition> <row> <increments>
if (args.Length != 7)
{
    await Console.Error.WriteLineAsync("usage: writer (sqlite <db-file> | azure <connection-string>) <prefix> <table> <partition> <row> <increments>");
    return 2;
}

var options = new StorageOptions { MaxRetries = 5, RetryDelay = TimeSpan.FromMilliseconds(100), MaxRetryDelay = TimeSpan.FromSeconds(2) };
ITableEngine engine = args[0] switch
{
    "sqlite" => new SqliteTableEngine(args[1], args[2], options.SqliteBusyTimeout, TimeProvider.System),
    "azure" => new AzureTableEngine(TableConnection.Parse(args[1]), args[2], StorageServiceCollectionExtensions.CreateClientOptions(options), TimeProvider.System),
    _ => throw new ArgumentException($"Unknown backend {args[0]}."),
};

var result = await CounterLoop.RunAsync(
    engine.GetTable(args[3]), args[4], args[5], int.Parse(args[6], CultureInfo.InvariantCulture), CancellationToken.None);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT {result.Successes} {result.Conflicts}"));
return 0;
