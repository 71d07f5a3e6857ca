using MentorBot.Bot.Protocol.Authentication;
using MentorBot.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MentorBot.Bot.Tests.Protocol.Authentication;

/// <summary>
/// The real registration (<c>AddBotAuthentication</c>) pointed at two loopback OpenID servers: one playing
/// login.botframework.com (endorsed channel keys), one playing Entra.
/// </summary>
internal sealed class AuthenticationHarness : IAsyncDisposable
{
    public const string AppId = "6e1f4a58-7c0b-4d8e-9b8a-3f2d1c0b9a87";
    public const string TenantId = "3c5f0a12-8b7e-4d6c-a1f9-0e2d4b6a8c13";
    public const string ServiceUrl = "https://smba.trafficmanager.net/emea/";
    public const string ChannelId = "msteams";

    private readonly ServiceProvider _services;

    private AuthenticationHarness(
        ServiceProvider services, LoopbackOpenIdServer channel, LoopbackOpenIdServer entra, ManualTimeProvider time, CapturingLoggerProvider logs)
    {
        _services = services;
        Channel = channel;
        Entra = entra;
        Time = time;
        Logs = logs;
        Tokens = new TestTokenIssuer(time);
    }

    public static TestSigningKey ChannelKey { get; } = TestSigningKey.Create("channel-key-1", "msteams", "skype");

    public static TestSigningKey EntraKey { get; } = TestSigningKey.CreateWithoutEndorsements("entra-key-1");

    public LoopbackOpenIdServer Channel { get; }

    public LoopbackOpenIdServer Entra { get; }

    public ManualTimeProvider Time { get; }

    public TestTokenIssuer Tokens { get; }

    public CapturingLoggerProvider Logs { get; }

    public IBotAuthenticator Authenticator => _services.GetRequiredService<IBotAuthenticator>();

    public IServiceProvider Services => _services;

    public static async Task<AuthenticationHarness> StartAsync(
        string? appId = AppId, string? tenantId = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var channel = await LoopbackOpenIdServer.StartAsync(TestToken.ChannelIssuer, ChannelKey);
        var entra = await LoopbackOpenIdServer.StartAsync("https://login.microsoftonline.com/{tenantid}/v2.0", EntraKey);
        var configuration = new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = appId,
            ["MicrosoftAppTenantId"] = tenantId,
            ["BotAuthentication:ChannelOpenIdMetadataUrl"] = channel.MetadataUrl.AbsoluteUri,
            ["BotAuthentication:EntraOpenIdMetadataUrl"] = entra.MetadataUrl.AbsoluteUri,
            ["BotAuthentication:RequireHttpsMetadata"] = "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        var time = new ManualTimeProvider();
        var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(configuration).Build())
            .AddSingleton<TimeProvider>(time)
            .AddLogging(logging => logging.AddProvider(logs))
            .AddBotAuthentication()
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        return new AuthenticationHarness(services, channel, entra, time, logs);
    }

    public Task<AuthenticationOutcome> AuthenticateAsync(
        string? authorizationHeader, string? channelId = ChannelId, string? serviceUrl = ServiceUrl) =>
        Authenticator.AuthenticateAsync(authorizationHeader, channelId, serviceUrl, CancellationToken.None);

    public Task<AuthenticationOutcome> AuthenticateTokenAsync(
        string token, string? channelId = ChannelId, string? serviceUrl = ServiceUrl) =>
        AuthenticateAsync("Bearer " + token, channelId, serviceUrl);

    public string ChannelToken(Func<TestToken, TestToken>? change = null, TestSigningKey? key = null) =>
        Tokens.Issue((change ?? (t => t))(TestToken.Channel(AppId, ServiceUrl)), key ?? ChannelKey);

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Channel.DisposeAsync();
        await Entra.DisposeAsync();
    }
}
