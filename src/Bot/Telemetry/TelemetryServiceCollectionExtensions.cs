using Azure.Monitor.OpenTelemetry.AspNetCore;
using MentorBot.Core.Matching;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace MentorBot.Bot.Telemetry;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>
    /// Traces and metrics through OpenTelemetry. The providers always run (so tests can add an in-memory exporter),
    /// but nothing leaves the process unless <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> or
    /// <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set. Sampling follows <c>OTEL_TRACES_SAMPLER</c>
    /// (default: parent-based, always on).
    /// </summary>
    public static IServiceCollection AddMentorBotTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("mentorbot"))
            .WithTracing(tracing => tracing
                .AddSource(MentorBotTelemetry.Name)
                .AddAspNetCoreInstrumentation(options =>
                {
                    // Health probes every few seconds would drown the turns.
                    options.Filter = context => !context.Request.Path.StartsWithSegments("/healthz");
                })
                .AddHttpClientInstrumentation(options =>
                {
                    options.EnrichWithHttpRequestMessage = (span, request) =>
                    {
                        if (request.RequestUri is { IsAbsoluteUri: true } uri)
                        {
                            span.SetTag("url.full", UrlRedaction.Redact(uri));
                        }
                    };
                }))
            .WithMetrics(metrics => metrics
                .AddMeter(MentorBotTelemetry.Name, MatchingMetrics.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation());

        if (TelemetryExporters.OtlpConfigured(configuration))
        {
            // Reads OTEL_EXPORTER_OTLP_* (endpoint, protocol, headers) itself.
            telemetry.UseOtlpExporter();
        }

        if (TelemetryExporters.AzureMonitorConfigured(configuration))
        {
            // Without a connection string the distro refuses to start, hence only when it is set.
            telemetry.UseAzureMonitor(options => options.EnableLiveMetrics = false);
        }

        return services;
    }
}
