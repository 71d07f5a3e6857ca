using System.Net;
using MentorBot.Bot.Hosting;
using MentorBot.Bot.Protocol;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace MentorBot.Bot.Tests.Hosting;

/// <summary>Anonymous mode through the real host: refused in Production unless switched on, and then reported (decision 0250).</summary>
public sealed class AnonymousModeHostTests(WebApplicationFactory<Program> factory) : IClassFixture<WebApplicationFactory<Program>>, IDisposable
{
    private readonly string _dataFolder = Directory.CreateTempSubdirectory("mentorbot-anonymous-").FullName;

    public void Dispose() => Directory.Delete(_dataFolder, recursive: true);

    [Fact]
    public void Start_ProductionWithoutAppIdOrSwitch_HostNeverServes()
    {
        var host = Host("Production", allowInProduction: false);

        Assert.ThrowsAny<InvalidOperationException>(() => host.CreateClient());
    }

    [Theory]
    [InlineData("Production", false, AnonymousModeStatus.Refused)]
    [InlineData("Staging", false, AnonymousModeStatus.Refused)]
    [InlineData("Production", true, AnonymousModeStatus.AllowedInProduction)]
    [InlineData("Development", false, AnonymousModeStatus.LocalDevelopment)]
    [InlineData("Testing", false, AnonymousModeStatus.LocalDevelopment)]
    public void Status_WithoutAppId_FollowsEnvironmentAndSwitch(string environment, bool allow, AnonymousModeStatus expected)
    {
        var mode = Mode(environment, allow, appId: null);

        Assert.Equal(expected, mode.Status);
    }

    [Fact]
    public void Status_WithAppId_IsOffEverywhere()
    {
        Assert.Equal(AnonymousModeStatus.Off, Mode("Production", false, appId: "00000000-0000-0000-0000-000000000001").Status);
    }

    [Fact]
    public async Task Guard_Refused_StopsAnyHostWithTheSentence()
    {
        var guard = new AnonymousModeGuard(Mode("Production", false, appId: null), NullLogger<AnonymousModeGuard>.Instance);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => guard.StartAsync(CancellationToken.None));

        Assert.Contains("MicrosoftAppId", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Bot:AllowAnonymousInProduction", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Healthz_ProductionWithSwitch_BodyReportsTheSwitch()
    {
        using var client = Host("Production", allowInProduction: true).CreateClient();

        using var response = await client.GetAsync("/healthz");

        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("Degraded", body, StringComparison.Ordinal);
        Assert.Contains("Bot:AllowAnonymousInProduction=true", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Healthz_DevelopmentWithoutAppId_IsHealthyWithoutNotice()
    {
        using var client = Host("Development", allowInProduction: false).CreateClient();

        var body = await client.GetStringAsync("/healthz");

        Assert.Equal("Healthy", body);
    }

    [Fact]
    public async Task DashboardTab_ProductionWithSwitch_ShowsTheBanner()
    {
        using var client = Host("Production", allowInProduction: true).CreateClient();

        var html = await client.GetStringAsync("/dashboard");

        Assert.Contains("id=\"anonymous-production-banner\"", html, StringComparison.Ordinal);
        Assert.Contains("Bot:AllowAnonymousInProduction=true", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DashboardTab_Development_HasNoProductionBanner()
    {
        using var client = Host("Development", allowInProduction: false).CreateClient();

        var html = await client.GetStringAsync("/dashboard");

        Assert.DoesNotContain("anonymous-production-banner", html, StringComparison.Ordinal);
    }

    private static AnonymousMode Mode(string environment, bool allow, string? appId)
    {
        var bot = new BotOptions { AllowAnonymousInProduction = allow };
        return new AnonymousMode(Options.Create(new BotFrameworkOptions { MicrosoftAppId = appId }), Options.Create(bot), new Environment(environment));
    }

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "MentorBot.Bot";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }

    private WebApplicationFactory<Program> Host(string environment, bool allowInProduction) =>
        factory.WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment(environment);
            builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(
                new Dictionary<string, string?>
                {
                    ["MicrosoftAppId"] = string.Empty,
                    ["Storage:DataFolder"] = _dataFolder,
                    ["Nudges:Enabled"] = "false",
                    ["Bot:AllowAnonymousInProduction"] = allowInProduction ? "true" : "false",
                }));
        });
}
