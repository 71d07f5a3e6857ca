using MentorBot.Bot.Hosting;
using MentorBot.Bot.Protocol.Connector;
using MentorBot.Testing;

namespace MentorBot.LoadHost;

/// <summary>
/// MentorBot as the product composes it — token validation, turn pipeline, storage, nudges, operations, one reply over
/// the Connector — with the Bot Framework's OpenID metadata and signing keys served on loopback by a local test issuer,
/// so every request carries a token that is validated exactly as in production. Outgoing Connector tokens are a fixed string (acquiring one from
/// Entra is cached by MSAL and not part of a turn's cost).
/// </summary>
public static class BotUnderLoad
{
    public const string AppId = "00000000-0000-4000-8000-0000000000b0";

    public static async Task<(WebApplication App, LoopbackOpenIdServer Issuer)> BuildAsync(
        string url, string serviceUrl, string tokenFile, string? storageConnectionString, string dataFolder)
    {
        var key = TestSigningKey.Create("load-key", "msteams");
        var issuer = await LoopbackOpenIdServer.StartAsync(TestToken.ChannelIssuer, key);
        var token = new TestTokenIssuer().Issue(
            TestToken.Channel(AppId, serviceUrl) with { Expires = DateTimeOffset.UtcNow.AddHours(2) }, key);
        await File.WriteAllTextAsync(tokenFile, token);

        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        if (Environment.GetEnvironmentVariable("MENTORBOT_LOAD_LOG") is { Length: > 0 })
        {
            // For diagnosing a run that answers errors; never on while measuring.
            builder.Logging.AddConsole();
        }

        builder.WebHost.UseUrls(url);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MicrosoftAppType"] = "MultiTenant",
            ["MicrosoftAppId"] = AppId,
            ["MicrosoftAppPassword"] = "load-test-secret-never-used",
            // The tenant of bench/load/message-turn.lua: a MultiTenant app must name what it serves (decision 0232).
            ["Bot:AllowedTenants:0"] = "72f988bf-0000-4000-8000-000000000001",
            ["BotAuthentication:ChannelOpenIdMetadataUrl"] = issuer.MetadataUrl.ToString(),
            ["BotAuthentication:EntraOpenIdMetadataUrl"] = issuer.MetadataUrl.ToString(),
            ["BotAuthentication:RequireHttpsMetadata"] = "false",
            ["Storage:ConnectionString"] = storageConnectionString,
            ["Storage:DataFolder"] = dataFolder,
            // As the root appsettings.json: per-request framework logs only from Warning up. It matters once an OTLP
            // exporter is on, because UseOtlpExporter exports logs too and would otherwise ship eight lines a turn.
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
            ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Warning",
        });

        // The product's own composition (decision 0300); only the Connector's token source is the benchmark's.
        builder.AddMentorBotProduct(new MentorBotOverrides { ConnectorTokens = new FixedConnectorToken() });

        var app = builder.Build();
        app.MapMentorBot();
        return (app, issuer);
    }

    private sealed class FixedConnectorToken : IConnectorTokenProvider
    {
        public ValueTask<string?> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken) =>
            ValueTask.FromResult<string?>("load-test-connector-token");
    }
}
