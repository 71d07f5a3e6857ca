using MentorBot.Bot.Storage;
using MentorBot.Bot.Storage.AzureTable;
using MentorBot.Bot.Storage.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MentorBot.Storage.Tests;

public sealed class StorageHealthCheckTests
{
    [Fact]
    public async Task Check_SqliteReachable_IsHealthy()
    {
        var folder = Directory.CreateTempSubdirectory("mentorbot-health-").FullName;
        try
        {
            var engine = new SqliteTableEngine(Path.Combine(folder, "h.db"), "h", TimeSpan.FromSeconds(1), TimeProvider.System);
            await engine.GetTable("profiles").CreateIfNotExistsAsync(CancellationToken.None);

            var result = await new StorageHealthCheck(engine).CheckHealthAsync(new HealthCheckContext());

            Assert.Equal(HealthStatus.Healthy, result.Status);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Check_AzureTablesUnreachable_IsUnhealthy()
    {
        var closedPort = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Convert.ToBase64String(new byte[64])};TableEndpoint=http://127.0.0.1:9/devstoreaccount1;";
        var engine = AzuriteContractTests.CreateEngine(closedPort, "h", maxRetries: 0);

        var result = await new StorageHealthCheck(engine).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
    }
}
