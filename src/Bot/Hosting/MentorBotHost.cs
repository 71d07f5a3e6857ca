using MentorBot.Bot.Calendar;
using MentorBot.Bot.Organisation;
using MentorBot.Bot.Hosting.Testing;
using MentorBot.Bot.Operations;
using MentorBot.Bot.Proactive;
using MentorBot.Bot.Programs;
using MentorBot.Bot.Protocol.Connector;
using MentorBot.Bot.Storage;
using MentorBot.Core;
using MentorBot.Core.CheckIns;
using MentorBot.Core.Matching;
using MentorBot.Core.Requests;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MentorBot.Bot.Workers;
using MentorBot.Core.Composition;
using MentorBot.Core.Programs;

namespace MentorBot.Bot.Hosting;

/// <summary>
/// The one composition of the product (decision 0300). <c>Program.cs</c>, the load-test host and the test hosts all
/// call <see cref="AddMentorBotProduct(IHostApplicationBuilder, MentorBotOverrides?)"/>; what a test or benchmark changes
/// is named in <see cref="MentorBotOverrides"/>, everything else is the product's. The container checks every
/// registration when it is built (<c>ValidateOnBuild</c>, <c>ValidateScopes</c>) in every environment, so a missing
/// service fails the start, not the first turn.
/// </summary>
public static class MentorBotHost
{
    public static ServiceProviderOptions ProviderOptions => new() { ValidateOnBuild = true, ValidateScopes = true };

    /// <summary>The product on a host builder (web or generic), with container validation on.</summary>
    public static IHostApplicationBuilder AddMentorBotProduct(this IHostApplicationBuilder builder, MentorBotOverrides? overrides = null)
    {
        builder.ConfigureContainer(new DefaultServiceProviderFactory(ProviderOptions));
        builder.Services.AddMentorBotProduct(builder.Configuration, builder.Environment, overrides);
        return builder;
    }

    /// <summary>
    /// The product's services: Core, the bot (protocol, authentication, middleware, flows, dialogs), storage (every store
    /// port, on the one table engine), nudges and the calendar, programs, operations. Build the provider with <see cref="ProviderOptions"/>.
    /// </summary>
    public static IServiceCollection AddMentorBotProduct(
        this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment, MentorBotOverrides? overrides = null)
    {
        overrides ??= MentorBotOverrides.None;

        // The one clock. The Testing environment's movable clock replaces it below unless a test brings its own.
        services.AddSingleton(overrides.Clock ?? TimeProvider.System);

        services.AddMentorBotCore();
        services.AddOptions<RequestOptions>().BindConfiguration(RequestOptions.SectionName);
        services.AddOptions<CheckInOptions>().BindConfiguration(CheckInOptions.SectionName);
        services.AddOptions<MatchingOptions>().BindConfiguration(MatchingOptions.SectionName);
        services.AddOptions<ConcernOptions>().BindConfiguration(ConcernOptions.SectionName);
        services.AddOptions<Core.Sessions.GroupSessionOptions>().BindConfiguration(Core.Sessions.GroupSessionOptions.SectionName);
        services.AddOptions<Core.Skills.SkillCatalogOptions>().BindConfiguration(Core.Skills.SkillCatalogOptions.SectionName);

        // Before storage, so storage's own engine (TryAdd) is never registered beside it; operations instruments it
        // like the product's.
        if (overrides.StorageEngine is { } engine)
        {
            services.AddSingleton(engine);
        }

        services.AddMentorBot(configuration);
        services.AddMentorBotStorage(configuration);
        services.AddMentorBotNudges(configuration);
        services.AddNudgeWorkers();
        services.AddMentorBotOrganisation(configuration);
        services.AddDirectoryWorker();
        services.AddMentorBotPrograms();
        if (overrides.Clock is null)
        {
            services.AddTestingClock(environment);
        }

        services.AddMentorBotOperations(configuration);

        if (overrides.Connector is { } connector)
        {
            services.Replace(ServiceDescriptor.Singleton(connector));
        }

        if (overrides.ConnectorTokens is { } tokens)
        {
            services.Replace(ServiceDescriptor.Singleton(tokens));
        }

        return services;
    }

    /// <summary>Every endpoint of the product: messages, health, the check-in invite, the program dashboard, and the Testing clock (Testing only).</summary>
    public static WebApplication MapMentorBot(this WebApplication app)
    {
        app.MapBotEndpoint();
        app.MapHealthChecks("/healthz");
        app.MapMentorBotHealth();
        app.MapCheckInInvite();
        app.MapProgramDashboard().MapSkillCatalog();
        app.MapTestingClock(app.Environment);
        return app;
    }
}

/// <summary>
/// What tests and benchmarks may change in the product, each by name; <see langword="null"/> keeps the product's.
/// A harness that needs more than this is testing a different bot.
/// </summary>
public sealed record MentorBotOverrides
{
    public static MentorBotOverrides None { get; } = new();

    /// <summary>The table engine under every store, instead of SQLite or Azure Table from <c>Storage</c>. Still measured and initialised as the product's.</summary>
    internal ITableEngine? StorageEngine { get; init; }

    /// <summary>The Connector (a recording or failing stub) instead of HTTP to the activity's <c>serviceUrl</c>.</summary>
    public IConnectorClient? Connector { get; init; }

    /// <summary>Where outgoing Connector tokens come from, instead of MSAL or a managed identity.</summary>
    public IConnectorTokenProvider? ConnectorTokens { get; init; }

    /// <summary>The clock of the whole bot; wins over the Testing environment's movable clock.</summary>
    public TimeProvider? Clock { get; init; }
}
