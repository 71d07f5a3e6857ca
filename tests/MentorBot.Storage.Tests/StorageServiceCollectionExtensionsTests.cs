using Azure.Core;
using MentorBot.Bot.Proactive;
using MentorBot.Bot.Storage;
using MentorBot.Bot.Storage.AzureTable;
using MentorBot.Bot.Storage.Conversations;
using MentorBot.Bot.Storage.Sqlite;
using MentorBot.Core.Profiles;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace MentorBot.Storage.Tests;

public sealed class StorageServiceCollectionExtensionsTests : IDisposable
{
    private readonly string _contentRoot = Path.Combine(Path.GetTempPath(), "mentorbot-host-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task AddMentorBotStorage_NothingConfigured_StartsOnSqliteUnderContentRootDataFolder()
    {
        using var host = BuildHost([]);

        await host.StartAsync();
        var engine = host.Services.GetRequiredService<ITableEngine>();
        var store = host.Services.GetRequiredService<IProfileStore>();
        await store.InsertAsync(TableEngineContractTests.SampleProfile("aad-host"), CancellationToken.None);

        var sqlite = Assert.IsType<SqliteTableEngine>(engine);
        Assert.Equal(Path.Combine(_contentRoot, "data", "mentorbot.db"), sqlite.DatabasePath);
        Assert.NotNull(await store.GetAsync(new UserId("aad-host"), CancellationToken.None));
        await host.StopAsync();
    }

    [Fact]
    public async Task AddMentorBotStorage_PostedCards_AreKeptInStorageNotInMemory()
    {
        using var host = BuildHost([]);
        await host.StartAsync();
        var junior = new UserId("00000000-0000-4000-8000-0000000000f1");

        var store = host.Services.GetRequiredService<IPostedCardStore>();
        await store.AddAsync("r-1", junior, new PostedCard("https://x/", "c", "1"), CancellationToken.None);

        Assert.IsType<TablePostedCardStore>(store);
        Assert.Single(await new TablePostedCardStore(host.Services.GetRequiredService<ITableEngine>()).ListAsync("r-1", junior, CancellationToken.None));
        await host.StopAsync();
    }

    [Fact]
    public void AddMentorBotStorage_ConnectionStringsStorage_UsesAzureTableWithSharedKey()
    {
        using var host = BuildHost(new() { ["ConnectionStrings:Storage"] = "UseDevelopmentStorage=true" });

        var engine = Assert.IsType<AzureTableEngine>(host.Services.GetRequiredService<ITableEngine>());

        Assert.Equal(TableCredentialKind.SharedKey, engine.Connection.Kind);
        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), engine.Connection.Endpoint);
    }

    [Fact]
    public void AddMentorBotStorage_OnlyTableEndpoint_UsesEntraWithRegisteredCredential()
    {
        using var host = BuildHost(
            new() { ["Storage:TableEndpoint"] = "https://contoso.table.core.windows.net" },
            services => services.AddSingleton<TokenCredential>(new NeverCalledCredential()));

        var engine = Assert.IsType<AzureTableEngine>(host.Services.GetRequiredService<ITableEngine>());

        Assert.Equal(TableCredentialKind.Entra, engine.Connection.Kind);
    }

    [Theory]
    [InlineData("Storage:TablePrefix", "bad-prefix")]
    [InlineData("Storage:ConnectionString", "AccountName=x")]
    [InlineData("Storage:TableEndpoint", "http://contoso.table.core.windows.net")]
    [InlineData("Storage:MaxRetries", "50")]
    public void AddMentorBotStorage_InvalidSetting_FailsValidation(string key, string value)
    {
        using var host = BuildHost(new() { [key] = value });

        Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<StorageOptions>>().Value);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_contentRoot))
        {
            Directory.Delete(_contentRoot, recursive: true);
        }
    }

    private IHost BuildHost(Dictionary<string, string?> settings, Action<IServiceCollection>? configure = null)
    {
        Directory.CreateDirectory(_contentRoot);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = _contentRoot, DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddLogging();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddMentorBotStorage(builder.Configuration);
        configure?.Invoke(builder.Services);
        return builder.Build();
    }

    private sealed class NeverCalledCredential : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("No token expected in this test.");

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("No token expected in this test.");
    }
}
