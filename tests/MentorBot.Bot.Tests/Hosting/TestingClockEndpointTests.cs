using System.Net;
using System.Net.Http.Json;
using MentorBot.Bot.Hosting.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MentorBot.Bot.Workers;

namespace MentorBot.Bot.Tests.Hosting;

public sealed class TestingClockEndpointTests(WebApplicationFactory<Program> factory) : IClassFixture<WebApplicationFactory<Program>>, IDisposable
{
    private readonly string _dataFolder = Directory.CreateTempSubdirectory("mentorbot-clock-").FullName;

    public void Dispose() => Directory.Delete(_dataFolder, recursive: true);

    [Theory]
    [InlineData("Production")]
    [InlineData("Development")]
    public async Task Advance_OutsideTestingEnvironment_RouteDoesNotExist(string environment)
    {
        using var client = Host(environment).CreateClient();

        using var response = await client.PostAsJsonAsync("/_testing/clock/advance", new { by = "01:00:00" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Advance_InTesting_MovesTheBotsTimeProviderAndRunsDueWork()
    {
        var dueWork = new CountingDueWork();
        var host = Host("Testing", services => services.AddSingleton<IDueWork>(dueWork));
        using var client = host.CreateClient();
        var before = host.Services.GetRequiredService<TimeProvider>().GetUtcNow();

        using var response = await client.PostAsJsonAsync("/_testing/clock/advance", new { by = "1.02:00:00" });

        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<ClockNow>();
        var after = host.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        Assert.InRange(body!.Now - before, TimeSpan.FromHours(26), TimeSpan.FromHours(26.1));
        Assert.InRange(after - before, TimeSpan.FromHours(26), TimeSpan.FromHours(26.1));
        Assert.Equal(1, dueWork.Runs);
    }

    [Theory]
    [InlineData("{\"by\":\"-01:00:00\"}")]
    [InlineData("{}")]
    [InlineData("{\"by\":\"soon\"}")]
    public async Task Advance_BackwardsOrMalformed_IsABadRequest(string json)
    {
        using var client = Host("Testing").CreateClient();

        using var response = await client.PostAsync(
            "/_testing/clock/advance", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private WebApplicationFactory<Program> Host(string environment, Action<IServiceCollection>? services = null) =>
        factory.WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment(environment);
            builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(
                new Dictionary<string, string?>
                {
                    ["MicrosoftAppId"] = string.Empty,
                    ["Storage:DataFolder"] = _dataFolder,
                    // Anonymous Production only starts behind the switch (decision 0250).
                    ["Bot:AllowAnonymousInProduction"] = "true",
                }));
            if (services is not null)
            {
                builder.ConfigureServices(services);
            }
        });

    private sealed record ClockNow(DateTimeOffset Now);

    private sealed class CountingDueWork : IDueWork
    {
        public int Runs { get; private set; }

        public Task RunDueWorkAsync(CancellationToken cancellationToken)
        {
            Runs++;
            return Task.CompletedTask;
        }
    }
}
