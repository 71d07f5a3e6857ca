using MentorBot.Bot.Protocol.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MentorBot.Bot.Tests.Protocol.Authentication;

public sealed class BotAuthenticationRegistrationTests
{
    [Fact]
    public async Task Authenticate_NoAppIdAndNoHeader_IsAnonymous()
    {
        await using var harness = await AuthenticationHarness.StartAsync(appId: "");

        var outcome = await harness.AuthenticateAsync(authorizationHeader: null);

        Assert.True(outcome.Succeeded);
        Assert.True(outcome.IsAnonymous);
        Assert.Null(outcome.Profile);
        Assert.Equal(0, harness.Channel.MetadataRequestCount);
    }

    [Fact]
    public async Task Authenticate_NoAppIdButATokenArrives_IsRefused()
    {
        await using var harness = await AuthenticationHarness.StartAsync(appId: null);

        var outcome = await harness.AuthenticateTokenAsync(harness.ChannelToken());

        Assert.Equal(AuthenticationRefusal.AppIdNotConfigured, outcome.Refusal);
    }

    [Fact]
    public async Task Start_NoAppId_LeavesTheOneWarningToTheHost()
    {
        // The host's AnonymousModeGuard decides whether anonymous mode may run and warns once (decision 0250); the
        // protocol layer warning as well was the second, duplicate line.
        await using var harness = await AuthenticationHarness.StartAsync(appId: "");

        await StartHostedServicesAsync(harness.Services);

        Assert.DoesNotContain(harness.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("anonymous", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_WithAppId_DoesNotWarn()
    {
        await using var harness = await AuthenticationHarness.StartAsync();

        await StartHostedServicesAsync(harness.Services);

        Assert.DoesNotContain(harness.Logs.Entries, e => e.Level >= LogLevel.Warning);
    }

    [Theory]
    [InlineData("http://login.example.com/.well-known/openid-configuration", "false")]
    [InlineData("http://127.0.0.1:5000/v1/.well-known/openidconfiguration", "true")]
    [InlineData("ftp://127.0.0.1/metadata", "false")]
    [InlineData("/relative/metadata", "false")]
    public async Task Options_DisallowedMetadataUrl_FailValidation(string url, string requireHttps)
    {
        await using var harness = await AuthenticationHarness.StartAsync(settings: new Dictionary<string, string?>
        {
            ["BotAuthentication:ChannelOpenIdMetadataUrl"] = url,
            ["BotAuthentication:RequireHttpsMetadata"] = requireHttps,
        });

        var exception = Record.Exception(() => harness.Services.GetRequiredService<IOptions<BotAuthenticationOptions>>().Value);

        Assert.IsType<OptionsValidationException>(exception);
    }

    [Theory]
    [InlineData("BotAuthentication:MetadataRefreshInterval", "2.00:00:00")]
    [InlineData("BotAuthentication:MetadataRefreshInterval", "00:01:00")]
    [InlineData("BotAuthentication:ClockSkew", "01:00:00")]
    [InlineData("BotAuthentication:UnknownKeyRefreshInterval", "00:00:00")]
    public async Task Options_OutOfRangeDurations_FailValidation(string key, string value)
    {
        await using var harness = await AuthenticationHarness.StartAsync(settings: new Dictionary<string, string?> { [key] = value });

        var exception = Record.Exception(() => harness.Services.GetRequiredService<IOptions<BotAuthenticationOptions>>().Value);

        Assert.IsType<OptionsValidationException>(exception);
    }

    [Fact]
    public void Options_Defaults_PointAtTheBotFrameworkOverHttps()
    {
        var options = new BotAuthenticationOptions();

        var result = new BotAuthenticationOptionsValidator().Validate(null, options);

        Assert.True(result.Succeeded, result.FailureMessage);
        Assert.Equal("https://login.botframework.com/v1/.well-known/openidconfiguration", options.ResolvedChannelMetadataUrl.AbsoluteUri);
        Assert.Equal(TimeSpan.FromMinutes(5), options.ClockSkew);
        Assert.Equal(TimeSpan.FromHours(12), options.MetadataRefreshInterval);
    }

    [Fact]
    public void Options_UsGovernment_UsesGovernmentMetadata()
    {
        var options = new BotAuthenticationOptions { Cloud = BotCloud.UsGovernment };

        Assert.Equal("https://login.botframework.azure.us/v1/.well-known/openidconfiguration", options.ResolvedChannelMetadataUrl.AbsoluteUri);
    }

    private static async Task StartHostedServicesAsync(IServiceProvider services)
    {
        foreach (var hostedService in services.GetServices<IHostedService>())
        {
            await hostedService.StartAsync(CancellationToken.None);
        }
    }
}
