using System.Net;
using System.Text;
using System.Text.Json;
using MentorBot.Bot.Storage;
using MentorBot.Bot.Storage.Conversations;
using MentorBot.Storage.Tests.Infrastructure;
using MentorBot.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace MentorBot.Storage.Tests;

/// <summary>
/// The real host configured for Azure Table Storage (a real Azurite): installing the app stores the person's
/// conversation reference, and reading the table back shows it — what proactive messages and nudges rely on.
/// </summary>
public sealed class ConversationReferenceOnInstallTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string AadObjectId = "6f3bd2a0-6c51-4c49-9d3f-0c1f0a8c1e11";

    [Fact]
    public async Task InstallationUpdate_OnAzureTables_StoresTheReferenceRow()
    {
        var prefix = "i" + Guid.NewGuid().ToString("N")[..8];
        using var connector = ConnectorStub.Start();
        // Any public type of the bot assembly names its entry point; Program is ambiguous here (the Writer has one too).
        await using var factory = new WebApplicationFactory<StorageOptions>().WithWebHostBuilder(builder =>
            builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["MicrosoftAppId"] = string.Empty,
                ["Storage:ConnectionString"] = azurite.Server.ConnectionString,
                ["Storage:TablePrefix"] = prefix,
            })));
        using var client = factory.CreateClient();

        using var response = await client.PostAsync(
            "/api/messages", new StringContent(InstallActivity(connector.ServiceUrl), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var engine = AzuriteContractTests.CreateEngine(azurite.Server.ConnectionString, prefix);
        var row = await engine.GetTable(TableConversationReferenceStore.TableName)
            .GetAsync(TableConversationReferenceStore.Partition, AadObjectId, CancellationToken.None);
        Assert.NotNull(row);
        Assert.Equal("a:1install-test", row.GetString("ConversationId"));
        Assert.Equal(connector.ServiceUrl, row.GetString("ServiceUrl"));
        using var reference = JsonDocument.Parse(row.GetString("Reference")!);
        Assert.Equal("29:1install-user", reference.RootElement.GetProperty("user").GetProperty("id").GetString());
    }

    private static string InstallActivity(string serviceUrl) => $$"""
        {
          "type": "installationUpdate", "action": "add", "id": "f:install-1",
          "timestamp": "2026-11-22T09:00:00.000Z", "serviceUrl": "{{serviceUrl}}", "channelId": "msteams",
          "from": { "id": "29:1install-user", "aadObjectId": "{{AadObjectId}}" },
          "conversation": { "id": "a:1install-test", "conversationType": "personal", "tenantId": "72f988bf-86f1-41af-91ab-2d7cd011db47" },
          "recipient": { "id": "28:00000000-0000-4000-8000-0000000000b0", "name": "MentorBot" },
          "channelData": { "tenant": { "id": "72f988bf-86f1-41af-91ab-2d7cd011db47" }, "source": { "name": "message" } }
        }
        """;

    /// <summary>Accepts whatever the bot sends (the welcome) on loopback, as the Connector would.</summary>
    private sealed class ConnectorStub : IDisposable
    {
        private readonly LoopbackHttpListener _listener = LoopbackHttpListener.Start(AnswerAsync);

        public string ServiceUrl => _listener.Address;

        public static ConnectorStub Start() => new();

        public void Dispose() => _listener.Dispose();

        private static async Task AnswerAsync(HttpListenerContext context)
        {
            var body = Encoding.UTF8.GetBytes("""{"id":"1"}""");
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
    }
}
