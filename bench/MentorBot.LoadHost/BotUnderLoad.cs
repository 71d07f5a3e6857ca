using MentorBot.Bot.Flows;
using MentorBot.Bot.Hosting;
using MentorBot.Bot.Operations;
using MentorBot.Bot.Programs;
using MentorBot.Bot.Protocol.Connector;
using MentorBot.Bot.Storage;
using MentorBot.Testing;

namespace MentorBot.LoadHost;

/// <summary>
/// MentorBot's real host — token validation, turn pipeline, storage, one reply over the Connector — with the Bot
/// Framework's OpenID metadata and signing keys served on loopback by a local test issuer, so every request carries a
/// token that is validated exactly as in production. Outgoing Connector tokens are a fixed string (acquiring one from
/// Entra is cached by MSAL and not part of a turn's cost).
/// </summary>
internal static class BotUnderLoad
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

        builder.Services.AddMentorBot(builder.Configuration);
        builder.Services.AddMentorBotStorage(builder.Configuration);
        // As Program.cs: the in-memory fallbacks cover the ports a message turn needs that storage does not provide
        // (the .ics-only calendar the check-in flow asks for).
        builder.Services.AddInMemoryStoreFallbacks();
        builder.Services.AddMentorBotPrograms();
        // As Program.cs: traces and metrics on, exported only when OTEL_EXPORTER_OTLP_ENDPOINT is set, and nothing at
        // all with OTEL_SDK_DISABLED=true (bench/load/tracing.sh compares the three).
        builder.Services.AddMentorBotOperations(builder.Configuration);
        builder.Services.AddSingleton<IConnectorTokenProvider>(new FixedConnectorToken());

        var app = builder.Build();
        app.MapBotEndpoint();
        app.MapHealthChecks("/healthz");
        return (app, issuer);
    }

    private sealed class FixedConnectorToken : IConnectorTokenProvider
    {
        public ValueTask<string?> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken) =>
            ValueTask.FromResult<string?>("load-test-connector-token");
    }
}
