using System.Net;
using System.Text;
using System.Text.Json;
using MentorBot.Bot.Hosting;
using MentorBot.Bot.Protocol.Schema;
using MentorBot.Bot.Storage.DataProtection;
using MentorBot.Bot.Tests.Protocol.Fakes;
using MentorBot.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;

namespace MentorBot.Bot.Tests.Hosting;

/// <summary>
/// A sideloaded copy of the app in a tenant this host does not serve (decision 0232): the real host on a real SQLite
/// file, so "writes nothing" is checked by counting every row of every table.
/// </summary>
public sealed class ForeignTenantTests(WebApplicationFactory<Program> factory) : IClassFixture<WebApplicationFactory<Program>>, IAsyncLifetime, IDisposable
{
    private const string Foreign = "f0f0f0f0-0000-4000-8000-00000000f0f0";

    private readonly string _dataFolder = Directory.CreateTempSubdirectory("mentorbot-tenants-").FullName;
    private LoopbackConnector _connector = null!;

    public async Task InitializeAsync() => _connector = await LoopbackConnector.StartAsync();

    public async Task DisposeAsync() => await _connector.DisposeAsync();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dataFolder, recursive: true);
    }

    [Fact]
    public async Task ForeignTenant_MessageAndCardSubmit_AreRefusedPolitelyAndWriteNothing()
    {
        using var host = Host();
        using var client = host.CreateClient();
        var message = Activity(Foreign, "hello");
        var invoke = Activity(Foreign, null);
        invoke.Type = ActivityTypes.Invoke;
        invoke.Name = AdaptiveCardInvokeValue.InvokeName;
        invoke.Value = JsonSerializer.SerializeToElement(new
        {
            action = new { type = "Action.Execute", verb = "saveProfile", data = new { verb = "saveProfile", tenant = TestActivities.TenantId } },
        });

        using var said = await client.PostAsync("/api/messages", Json(message));
        var reply = await _connector.WaitForRequestAsync(r => r.Method == "POST");
        using var pressed = await client.PostAsync("/api/messages", Json(invoke));
        using var body = JsonDocument.Parse(await pressed.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, said.StatusCode);
        Assert.Contains("available for your organisation", reply.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, pressed.StatusCode);
        Assert.Equal(403, body.RootElement.GetProperty("statusCode").GetInt32());
        Assert.Equal(0, await CountRowsAsync());
    }

    [Fact]
    public async Task AllowedTenant_SameMessage_IsServedAndRemembered()
    {
        using var host = Host();
        using var client = host.CreateClient();

        using var said = await client.PostAsync("/api/messages", Json(Activity(TestActivities.TenantId, "hello")));
        var reply = await _connector.WaitForRequestAsync(r => r.Method == "POST");

        Assert.Equal(HttpStatusCode.OK, said.StatusCode);
        Assert.Contains("welcome to MentorBot", reply.Body, StringComparison.Ordinal);
        Assert.True(await CountRowsAsync() > 0);
    }

    private WebApplicationFactory<Program> Host() =>
        factory.WithWebHostBuilder(builder => builder.ConfigureAppConfiguration((_, configuration) =>
            configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["MicrosoftAppId"] = string.Empty,
                ["Bot:AllowedTenants:0"] = TestActivities.TenantId,
                ["Storage:DataFolder"] = _dataFolder,
            })));

    private Activity Activity(string tenant, string? text)
    {
        var activity = TestActivities.Message(text ?? string.Empty, _connector.ServiceUrl);
        activity.Text = text;
        activity.Conversation!.TenantId = tenant;
        activity.ChannelData = JsonSerializer.SerializeToElement(new { tenant = new { id = tenant } });
        return activity;
    }

    private async Task<long> CountRowsAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_dataFolder, "mentorbot.db")};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                // The host's own Data Protection key ring (decision 0255) is written at start, whoever calls.
                if (!reader.GetString(0).EndsWith(TableXmlRepository.TableName, StringComparison.OrdinalIgnoreCase))
                {
                    tables.Add(reader.GetString(0));
                }
            }
        }

        Assert.NotEmpty(tables);
        long rows = 0;
        foreach (var table in tables)
        {
            await using var count = connection.CreateCommand();
            count.CommandText = $"SELECT COUNT(*) FROM \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
            rows += (long)(await count.ExecuteScalarAsync())!;
        }

        return rows;
    }

    private static StringContent Json(Activity activity) =>
        new(JsonSerializer.Serialize(activity, ProtocolJsonContext.Default.Activity), Encoding.UTF8, "application/json");
}
