using MentorBot.Bot.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace MentorBot.Bot.Tests.Operations;

/// <summary>Zero set-up builds no provider at all (nothing listens, nothing costs per turn); an exporter builds both (0276).</summary>
public sealed class TelemetryRegistrationTests
{
    [Fact]
    public async Task AddMentorBotTelemetry_NoExporterConfigured_BuildsNoProvider()
    {
        await using var services = Build(new Dictionary<string, string?>());

        Assert.Null(services.GetService<TracerProvider>());
        Assert.Null(services.GetService<MeterProvider>());
    }

    [Fact]
    public async Task AddMentorBotTelemetry_OtlpEndpointSet_BuildsBothProviders()
    {
        // The discard port on loopback: nothing is sent in this test, and a flush at disposal fails at once.
        await using var services = Build(new Dictionary<string, string?> { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:9" });

        Assert.NotNull(services.GetService<TracerProvider>());
        Assert.NotNull(services.GetService<MeterProvider>());
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddMentorBotTelemetry(configuration);
        return services.BuildServiceProvider();
    }
}
