extern alias loadhost;

using System.Net;
using System.Text;
using MentorBot.Bot.Hosting;
using MentorBot.Bot.Proactive;
using MentorBot.Bot.Programs;
using MentorBot.Bot.Protocol.Builder;
using MentorBot.Bot.Protocol.Connector;
using MentorBot.Bot.Storage;
using MentorBot.Bot.Tests.Flows;
using MentorBot.Bot.Tests.Protocol.Fakes;
using MentorBot.Core.Profiles;
using loadhost::MentorBot.LoadHost;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using MentorBot.Bot.Workers;

namespace MentorBot.Bot.Tests.Hosting;

/// <summary>
/// Every host of the bot is the product's composition (decision 0300): each one builds, resolves the bot and every
/// hosted service, and answers a turn; a registration the product lacks fails the build, in every environment.
/// </summary>
public sealed class MentorBotHostTests(WebApplicationFactory<Program> factory) : IClassFixture<WebApplicationFactory<Program>>, IDisposable
{
    private const string LoadTenant = "72f988bf-0000-4000-8000-000000000001";

    private readonly string _dataFolder = Directory.CreateTempSubdirectory("mentorbot-host-").FullName;

    // The workers the product runs; a host without one of them is not the product.
    private static readonly Type[] ProductWorkers =
        [typeof(StorageInitializer), typeof(AnonymousModeGuard), typeof(OfferExpiryService), typeof(NudgeDispatcher), typeof(NudgePlanningService), typeof(DefaultProgramSeeder)];

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataFolder, recursive: true);
    }

    [Fact]
    public async Task ProductProgram_Starts_ResolvesTheBotAndEveryWorkerAndAnswersATurn()
    {
        var connector = new RecordingConnectorClient();
        using var product = factory.WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment(Environments.Development);
            builder.UseSetting("Storage:DataFolder", _dataFolder);
            builder.UseSetting("MicrosoftAppId", string.Empty);
            builder.ConfigureTestServices(services => services.Replace(ServiceDescriptor.Singleton<IConnectorClient>(connector)));
        });
        using var client = product.CreateClient();

        using var response = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), Message("tenant-1", "http://localhost:3979/"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertIsTheProduct(product.Services);
        Assert.Contains(connector.Sent, a => a.Type == "message");
    }

    [Fact]
    public void ProductProgram_ProductionWithAServiceItCannotBuild_NeverStarts()
    {
        using var product = factory.WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment(Environments.Production);
            builder.UseSetting("Storage:DataFolder", _dataFolder);
            builder.UseSetting("Bot:AllowAnonymousInProduction", "true");
            builder.ConfigureTestServices(services => services.AddSingleton<NeedsAnUnregisteredService>());
        });

        var failure = Assert.ThrowsAny<Exception>(() => product.CreateClient());

        Assert.Contains(nameof(NeedsAnUnregisteredService), failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadHost_Starts_ResolvesTheBotAndEveryWorkerAndRepliesThroughTheConnector()
    {
        var stub = ConnectorStub.Build("http://127.0.0.1:0");
        await stub.StartAsync();
        var serviceUrl = stub.Urls.Single() + "/";
        var tokenFile = Path.Combine(_dataFolder, "token");
        var (app, issuer) = await BotUnderLoad.BuildAsync("http://127.0.0.1:0", serviceUrl, tokenFile, null, Path.Combine(_dataFolder, "load"));
        await using (issuer)
        await using (app)
        await using (stub)
        {
            await app.StartAsync();
            using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = Message(LoadTenant, serviceUrl) };
            request.Headers.Authorization = new("Bearer", await File.ReadAllTextAsync(tokenFile));

            using var response = await client.SendAsync(request);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            AssertIsTheProduct(app.Services);
            using var stats = new HttpClient();
            Assert.Contains("\"replies\":1", await stats.GetStringAsync(new Uri(serviceUrl + "_stats")), StringComparison.Ordinal);
            await app.StopAsync();
        }
    }

    [Fact]
    public async Task FlowHost_Builds_ResolvesTheBotAndEveryWorkerAndAnswersATurn()
    {
        using var host = new FlowHost();

        var turn = await host.ChatOf(Cast.Sam).SendAsync("hi");

        AssertIsTheProduct(host.Services);
        Assert.NotEmpty(turn.Replies);
    }

    [Fact]
    public void Product_WithoutAStoreItNeeds_FailsToBuild()
    {
        var services = ProductServices();
        services.RemoveAll<IProfileStore>();

        var failure = Assert.Throws<AggregateException>(() => services.BuildServiceProvider(MentorBotHost.ProviderOptions));

        Assert.Contains(nameof(IProfileStore), failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Product_Composition_RegistersOneClockOneEngineAndOneKeyRing()
    {
        var services = ProductServices();

        Assert.Single(services, d => d.ServiceType == typeof(TimeProvider));
        Assert.Single(services, d => d.ServiceType == typeof(ITableEngine));
        Assert.Single(services, d => d.ServiceType == typeof(Microsoft.Extensions.Options.IConfigureOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>)
            && d.ImplementationFactory is not null);
    }

    private static void AssertIsTheProduct(IServiceProvider services)
    {
        Assert.IsType<MentorBotActivityHandler>(services.GetRequiredService<IBot>());
        var workers = services.GetServices<IHostedService>().Select(s => s.GetType()).ToList();
        Assert.All(ProductWorkers, expected => Assert.Contains(expected, workers));
    }

    private ServiceCollection ProductServices() => global::MentorBot.Storage.Tests.Infrastructure.ProductServices.Compose(MentorBotOverrides.None, contentRoot: _dataFolder);

    private static StringContent Message(string tenant, string serviceUrl) => new(
        $$"""
        {"type":"message","id":"m1","timestamp":"2026-12-07T10:00:00Z","serviceUrl":"{{serviceUrl}}","channelId":"msteams",
         "from":{"id":"29:sam","name":"Sam","aadObjectId":"0b7e5f4a-0000-4000-8000-000000000001"},
         "conversation":{"id":"a:sam-personal","conversationType":"personal","tenantId":"{{tenant}}"},
         "recipient":{"id":"28:00000000-0000-4000-8000-0000000000b0","name":"MentorBot"},
         "text":"hi","channelData":{"tenant":{"id":"{{tenant}}"} } }
        """,
        Encoding.UTF8,
        "application/json");

    private sealed class NeedsAnUnregisteredService(NeedsAnUnregisteredService.Missing missing)
    {
        public Missing Dependency => missing;

        internal sealed class Missing;
    }
}
