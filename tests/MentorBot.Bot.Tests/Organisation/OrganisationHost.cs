using System.Collections.Concurrent;
using Azure.Core;
using Azure.Identity;
using MentorBot.Bot.Calendar;
using MentorBot.Bot.Hosting;
using MentorBot.Bot.Storage;
using MentorBot.Bot.Storage.InMemory;
using MentorBot.Core.Profiles;
using MentorBot.Core.Skills;
using MentorBot.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Kiota.Abstractions.Authentication;

namespace MentorBot.Bot.Tests.Organisation;

/// <summary>
/// The product's composition (built, not started) with Graph pointed at a <see cref="LoopbackGraphDirectory"/>, the real
/// token provider on a credential that never calls Entra (or one that fails), an in-memory table engine, the real clock
/// (Retry-After waits are real) and a log that keeps every formatted line.
/// </summary>
internal sealed class OrganisationHost : IDisposable
{
    public const string CatalogAppId = "0f2b7c3e-catalog-app";

    private readonly IHost _host;

    /// <param name="dataFolder">A SQLite folder (shared with another process) instead of the in-memory engine.</param>
    public OrganisationHost(LoopbackGraphDirectory graph, bool graphOn = true, bool tokenFails = false, Dictionary<string, string?>? settings = null, string? dataFolder = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Development });
        var configuration = new Dictionary<string, string?> { ["MicrosoftAppId"] = string.Empty, ["Invitations:InstallsPerSecond"] = "1000", ["Invitations:TeamsAppId"] = "mentorbot-manifest-id" };
        if (graphOn)
        {
            configuration["Graph:TenantId"] = "00000000-0000-0000-0000-000000000001";
            configuration["Graph:ClientId"] = "00000000-0000-0000-0000-000000000002";
            configuration["Graph:ClientSecret"] = "not-a-real-secret";
            configuration["Graph:BaseUrl"] = graph.BaseUrl.ToString();
            configuration["Graph:SyncDirectory"] = "true";
            configuration["Graph:ReadFreeBusy"] = "true";
            configuration["Graph:InstallForUsers"] = "true";
            configuration["Graph:TeamsAppCatalogId"] = CatalogAppId;
        }

        foreach (var (key, value) in settings ?? [])
        {
            configuration[key] = value;
        }

        if (dataFolder is not null)
        {
            configuration["Storage:DataFolder"] = dataFolder;
        }

        builder.Configuration.AddInMemoryCollection(configuration);
        builder.AddMentorBotProduct(new MentorBotOverrides
        {
            StorageEngine = dataFolder is null ? new InMemoryTableEngine("org", TimeProvider.System) : null,
            Clock = TimeProvider.System,
        });
        builder.Services.Replace(ServiceDescriptor.Singleton<IAccessTokenProvider>(
            new GraphAccessTokenProvider(tokenFails ? new FailingCredential() : new StaticCredential(), graph.BaseUrl)));
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        builder.Logging.AddProvider(new LineRecorder(Lines));
        _host = builder.Build();
        _host.Services.GetServices<IHostedService>().OfType<StorageInitializer>().Single().StartAsync(CancellationToken.None).GetAwaiter().GetResult();
    }

    public ConcurrentQueue<string> Lines { get; } = new();

    public IServiceProvider Services => _host.Services;

    public T Get<T>()
        where T : notnull => _host.Services.GetRequiredService<T>();

    public void Dispose() => _host.Dispose();

    public static Profile Person(string id, string? email = null, UserId? manager = null, IReadOnlyList<OfferedSkill>? offers = null, IReadOnlyList<WantedSkill>? wants = null, int level = 3) => new(
        new UserId(id),
        "Person " + id,
        email,
        null,
        manager,
        new CareerLevel(level),
        "Europe/Berlin",
        WorkingHours.Default,
        ["en"],
        3,
        Participation.Active,
        ProgramRole.Both,
        offers ?? [],
        wants ?? []);

    private sealed class StaticCredential : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new("graph-test-token", DateTimeOffset.UtcNow.AddHours(1));

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }

    /// <summary>What ClientSecretCredential throws for a wrong secret (AADSTS7000215).</summary>
    private sealed class FailingCredential : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            throw new AuthenticationFailedException("ClientSecretCredential authentication failed: AADSTS7000215: Invalid client secret provided.");

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            throw new AuthenticationFailedException("ClientSecretCredential authentication failed: AADSTS7000215: Invalid client secret provided.");
    }

    private sealed class LineRecorder(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Recorder(lines);

        public void Dispose()
        {
        }

        private sealed class Recorder(ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{logLevel}: {formatter(state, exception)}");
        }
    }
}
