using System.Collections.Concurrent;
using MentorBot.Bot.Protocol.Dialogs.Persistence;
using MentorBot.Bot.Proactive;
using MentorBot.Bot.Protocol.Connector;
using MentorBot.Bot.Protocol.Schema;
using MentorBot.Bot.Tests.Protocol.Authentication;
using MentorBot.Core.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace MentorBot.Bot.Tests.Fuzz;

/// <summary>
/// The real bot host for fuzzing: SQLite in a temp folder, every outgoing HTTP request that is not loopback refused
/// and recorded, logs captured, and the conversation-reference and dialog-state stores wrapped to record writes.
/// </summary>
internal sealed class FuzzHost : IAsyncDisposable
{
    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "mentorbot-fuzz-" + Guid.NewGuid().ToString("N"));

    private FuzzHost(WebApplicationFactory<Program> factory, IReadOnlyDictionary<string, string?> settings, IConnectorTokenProvider? tokens)
    {
        Factory = factory.WithWebHostBuilder(builder =>
        {
            builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(
                new Dictionary<string, string?>(settings) { ["Storage:DataFolder"] = _dataFolder }));
            // Console logging of thousands of rejections would dominate the run; only warnings and errors matter here.
            builder.ConfigureLogging(logging => logging.ClearProviders().AddProvider(Logs).SetMinimumLevel(LogLevel.Warning));
            builder.ConfigureTestServices(services =>
            {
                services.ConfigureHttpClientDefaults(client => client.AddHttpMessageHandler(() => new LoopbackOnlyHandler(ForeignRequests)));
                Decorate<IConversationReferenceStore>(services, inner => new RecordingReferenceStore(inner, SavedReferences));
                Decorate<IDialogStateStore>(services, inner => new RecordingDialogStateStore(inner, DialogKeys));
                if (tokens is not null)
                {
                    services.RemoveAll<IConnectorTokenProvider>();
                    services.AddSingleton(tokens);
                }
            });
        });
    }

    public WebApplicationFactory<Program> Factory { get; }

    public CapturingLoggerProvider Logs { get; } = new();

    public ConcurrentQueue<Uri> ForeignRequests { get; } = new();

    public ConcurrentQueue<ConversationReference> SavedReferences { get; } = new();

    public ConcurrentDictionary<DialogStateKey, byte> DialogKeys { get; } = new();

    public static FuzzHost Create(WebApplicationFactory<Program> factory, IReadOnlyDictionary<string, string?> settings, IConnectorTokenProvider? tokens = null) =>
        new(factory, settings, tokens);

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    private static void Decorate<TService>(IServiceCollection services, Func<TService, TService> decorate)
        where TService : class
    {
        var descriptor = services.Last(d => d.ServiceType == typeof(TService));
        services.RemoveAll<TService>();
        services.AddSingleton(sp => decorate((TService)(descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(sp)
            ?? ActivatorUtilities.CreateInstance(sp, descriptor.ImplementationType!))));
    }

    /// <summary>Refuses (and records) every request to a host that is not loopback: the bot must never make one here.</summary>
    private sealed class LoopbackOnlyHandler(ConcurrentQueue<Uri> foreign) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri is { IsLoopback: true })
            {
                return base.SendAsync(request, cancellationToken);
            }

            foreign.Enqueue(request.RequestUri!);
            throw new HttpRequestException($"The fuzz harness refuses non-loopback requests ({request.RequestUri?.Host}).");
        }
    }

    private sealed class RecordingReferenceStore(IConversationReferenceStore inner, ConcurrentQueue<ConversationReference> saved) : IConversationReferenceStore
    {
        public Task<ConversationReference?> GetAsync(PersonKey person, CancellationToken cancellationToken) => inner.GetAsync(person, cancellationToken);

        public Task SaveAsync(PersonKey person, ConversationReference reference, CancellationToken cancellationToken)
        {
            saved.Enqueue(reference);
            return inner.SaveAsync(person, reference, cancellationToken);
        }

        public Task DeleteAsync(PersonKey person, CancellationToken cancellationToken) => inner.DeleteAsync(person, cancellationToken);
    }

    private sealed class RecordingDialogStateStore(IDialogStateStore inner, ConcurrentDictionary<DialogStateKey, byte> keys) : IDialogStateStore
    {
        public IDialogStateStore Inner => inner;

        public Task<Versioned<string>?> LoadAsync(DialogStateKey key, CancellationToken cancellationToken) => inner.LoadAsync(key, cancellationToken);

        public Task<ETag> SaveAsync(DialogStateKey key, string stateJson, ETag? ifMatch, CancellationToken cancellationToken)
        {
            keys.TryAdd(key, 0);
            return inner.SaveAsync(key, stateJson, ifMatch, cancellationToken);
        }

        public Task DeleteAsync(DialogStateKey key, ETag ifMatch, CancellationToken cancellationToken) => inner.DeleteAsync(key, ifMatch, cancellationToken);
    }
}

/// <summary>A connector token for the authenticated runs, so no call to the Entra token endpoint is attempted.</summary>
internal sealed class FixedConnectorToken : IConnectorTokenProvider
{
    public ValueTask<string?> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken) => ValueTask.FromResult<string?>("fuzz-connector-token");
}
