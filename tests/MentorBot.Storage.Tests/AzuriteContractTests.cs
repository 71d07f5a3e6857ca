using MentorBot.Bot.Storage;
using MentorBot.Bot.Storage.AzureTable;
using MentorBot.Storage.Tests.Infrastructure;

namespace MentorBot.Storage.Tests;

/// <summary>The contract against a real Azurite Table service (started per class, in memory, loopback only).</summary>
public sealed class AzuriteContractTests : SharedStorageContractTests, IClassFixture<AzuriteFixture>
{
    private readonly AzuriteFixture _azurite;
    private readonly AzureTableEngine _engine;

    public AzuriteContractTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
        _engine = CreateEngine(azurite.Server.ConnectionString, TablePrefix);
    }

    internal override ITableEngine Engine => _engine;

    internal override ITableEngine CreateSecondEngine() => CreateEngine(_azurite.Server.ConnectionString, TablePrefix);

    internal override string TablePrefix { get; } = "a" + Guid.NewGuid().ToString("N")[..8];

    internal override string[] WriterBackendArguments => ["azure", _azurite.Server.ConnectionString, TablePrefix];

    internal static AzureTableEngine CreateEngine(string connectionString, string prefix, int maxRetries = 3) =>
        new(
            TableConnection.Parse(connectionString),
            prefix,
            StorageServiceCollectionExtensions.CreateClientOptions(new StorageOptions
            {
                MaxRetries = maxRetries,
                RetryDelay = TimeSpan.FromMilliseconds(100),
                MaxRetryDelay = TimeSpan.FromSeconds(1),
                NetworkTimeout = TimeSpan.FromSeconds(10),
            }),
            TimeProvider.System);
}
