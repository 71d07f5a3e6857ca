namespace MentorBot.Bot.Telemetry;

/// <summary>
/// Which exporters the configuration asks for. None by default: zero set-up stays zero (no exporter, no connection
/// attempt). The standard variables decide: <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (or a per-signal
/// <c>OTEL_EXPORTER_OTLP_TRACES_ENDPOINT</c> / <c>…_METRICS_ENDPOINT</c>) and <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c>.
/// </summary>
public static class TelemetryExporters
{
    public const string Otlp = "OTLP";

    public const string AzureMonitor = "Azure Monitor";

    public static IReadOnlyList<string> From(IConfiguration configuration)
    {
        var exporters = new List<string>();
        if (OtlpConfigured(configuration))
        {
            exporters.Add(Otlp);
        }

        if (AzureMonitorConfigured(configuration))
        {
            exporters.Add(AzureMonitor);
        }

        return exporters;
    }

    internal static bool OtlpConfigured(IConfiguration configuration) =>
        Set(configuration, "OTEL_EXPORTER_OTLP_ENDPOINT")
        || Set(configuration, "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")
        || Set(configuration, "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT");

    internal static bool AzureMonitorConfigured(IConfiguration configuration) =>
        Set(configuration, "APPLICATIONINSIGHTS_CONNECTION_STRING");

    private static bool Set(IConfiguration configuration, string key) => !string.IsNullOrWhiteSpace(configuration[key]);
}
