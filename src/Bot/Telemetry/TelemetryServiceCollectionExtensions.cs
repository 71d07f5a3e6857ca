using Azure.Monitor.OpenTelemetry.AspNetCore;
using MentorBot.Core.Matching;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace MentorBot.Bot.Telemetry;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>The ASP.NET Core and System.Net meters MentorBot exports.</summary>
    public static readonly string[] BuiltInMeters = ["Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Net.Http"];

    /// <summary>
    /// Traces and metrics through OpenTelemetry. What to collect (our source and meters, ASP.NET Core and HttpClient
    /// instrumentation, the resource) is always registered, but a provider exists only when an exporter is configured:
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (or a per-signal endpoint) or <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c>.
    /// Without one nothing listens, so zero set-up costs nothing per turn (decision 0276); a test adds a provider with
    /// <c>AddOpenTelemetry().WithTracing(t => t.AddInMemoryExporter(…))</c> and gets the same configuration. Sampling
    /// follows <c>OTEL_TRACES_SAMPLER</c> (default: parent-based, always on).
    /// </summary>
    public static IServiceCollection AddMentorBotTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing
            .ConfigureResource(resource => resource.AddService("mentorbot"))
            .AddSource(MentorBotTelemetry.Name)
            .AddAspNetCoreInstrumentation(options =>
            {
                // Health probes every few seconds would drown the turns.
                options.Filter = context => !context.Request.Path.StartsWithSegments("/healthz");
            })
            // .NET 9+ HttpClient makes its own client spans with the semantic-convention tags and propagates the trace;
            // listening to its source directly, rather than through the instrumentation package's diagnostic listener,
            // means a call in an unsampled turn makes no span and raises no events at all. Ids in the URL are
            // redacted as each recorded span ends (decision 0340).
            .AddSource(HttpClientSpans.SourceName)
            .AddProcessor(new HttpClientSpans.Redaction()));
        services.ConfigureOpenTelemetryMeterProvider(metrics => metrics
            .ConfigureResource(resource => resource.AddService("mentorbot"))
            .AddMeter(MentorBotTelemetry.Name, MatchingMetrics.MeterName)
            // The built-in meters an operator reads: request duration and active requests, Kestrel's connections, the
            // HttpClient's request duration and connections. Not routing, memory-pool or DNS meters, which record
            // on every request or buffer and answer no question in the runbook (decision 0340).
            .AddMeter(BuiltInMeters));

        var otlp = TelemetryExporters.OtlpConfigured(configuration);
        var azureMonitor = TelemetryExporters.AzureMonitorConfigured(configuration);
        if (!otlp && !azureMonitor)
        {
            return services;
        }

        var telemetry = services.AddOpenTelemetry().WithTracing().WithMetrics();
        if (otlp)
        {
            // Reads OTEL_EXPORTER_OTLP_* (endpoint, protocol, headers) itself.
            telemetry.UseOtlpExporter();
        }

        if (azureMonitor)
        {
            // Without a connection string the distro refuses to start, hence only when it is set.
            telemetry.UseAzureMonitor(options => options.EnableLiveMetrics = false);
        }

        return services;
    }
}
