using System.Diagnostics;
using System.Net;
using System.Text.Json;
using MentorBot.Bot.Storage;
using MentorBot.Bot.Storage.Profiles;
using MentorBot.Storage.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MentorBot.Storage.Tests;

/// <summary>
/// The real host on a real Azurite: <c>/healthz/ready</c> turns red soon after storage stops (a load balancer then
/// stops sending turns) and green again when it returns, while <c>/healthz/live</c> stays up throughout.
/// </summary>
public sealed class ReadinessTests
{
    // The promise: red within 10 s. Polled, so a quick machine passes as soon as it can.
    private static readonly TimeSpan RedWithin = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Ready_AzuriteStoppedThenRestarted_GoesRedThenGreen()
    {
        var port = AzuriteServer.FreePort();
        var azurite = await AzuriteServer.StartAsync(port);
        try
        {
            await using var factory = new WebApplicationFactory<StorageOptions>().WithWebHostBuilder(builder =>
                builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["MicrosoftAppId"] = string.Empty,
                    ["Storage:ConnectionString"] = azurite.ConnectionString,
                    ["Storage:TablePrefix"] = "r" + Guid.NewGuid().ToString("N")[..8],
                })));
            using var client = factory.CreateClient();

            var (greenStatus, greenBody) = await GetAsync(client, "/healthz/ready");
            Assert.Equal(HttpStatusCode.OK, greenStatus);
            Assert.Equal("Healthy", greenBody.GetProperty("checks").GetProperty("storage").GetProperty("status").GetString());
            Assert.Equal("Healthy", greenBody.GetProperty("checks").GetProperty("nudge-dispatcher").GetProperty("status").GetString());
            Assert.Equal("Healthy", greenBody.GetProperty("checks").GetProperty("signing-keys").GetProperty("status").GetString());

            await azurite.DisposeAsync();
            var stopwatch = Stopwatch.StartNew();
            var (redStatus, redBody) = await PollAsync(client, HttpStatusCode.ServiceUnavailable, RedWithin);
            Assert.True(redStatus == HttpStatusCode.ServiceUnavailable, $"still {redStatus} after {stopwatch.Elapsed}");
            var storage = redBody.GetProperty("checks").GetProperty("storage");
            Assert.Equal("Unhealthy", storage.GetProperty("status").GetString());
            Assert.Contains("unreachable", storage.GetProperty("reason").GetString(), StringComparison.Ordinal);
            Assert.DoesNotContain("AccountKey", redBody.GetRawText(), StringComparison.Ordinal);
            Assert.DoesNotContain("devstoreaccount1", redBody.GetRawText(), StringComparison.Ordinal);
            var (liveStatus, _) = await GetAsync(client, "/healthz/live");
            Assert.Equal(HttpStatusCode.OK, liveStatus);

            // Azurite keeps tables in memory: the restarted one is empty, as a restored account would not be.
            azurite = await AzuriteServer.StartAsync(port);
            var engine = factory.Services.GetRequiredService<ITableEngine>();
            await engine.GetTable(TableProfileStore.TableName).CreateIfNotExistsAsync(CancellationToken.None);
            var (backStatus, _) = await PollAsync(client, HttpStatusCode.OK, TimeSpan.FromSeconds(30));
            Assert.Equal(HttpStatusCode.OK, backStatus);
        }
        finally
        {
            await azurite.DisposeAsync();
        }
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PollAsync(HttpClient client, HttpStatusCode wanted, TimeSpan within)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var (status, body) = await GetAsync(client, "/healthz/ready");
            if (status == wanted || deadline.Elapsed > within)
            {
                return (status, body);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var json = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(json).RootElement.Clone());
    }
}
