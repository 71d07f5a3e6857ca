using System.Net;
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
    public void Start_ProductionWithoutAppIdOrSwitch_IsRefusedNamingTheSetting()
    {
        var host = Host("Production", allowInProduction: false);

        var refused = Assert.ThrowsAny<Exception>(() => host.CreateClient());

        var message = refused is AggregateException aggregate ? aggregate.Flatten().InnerException!.Message : refused.Message;
        Assert.Contains("MicrosoftAppId", message, StringComparison.Ordinal);
        Assert.Contains("Bot:AllowAnonymousInProduction", message, StringComparison.Ordinal);
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
