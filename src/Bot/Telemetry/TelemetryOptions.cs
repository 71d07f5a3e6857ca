using Microsoft.Extensions.Options;

namespace MentorBot.Bot.Telemetry;

/// <summary>
/// Section <c>Telemetry</c>: what MentorBot itself decides about its telemetry. Exporters, sampling and batching are
/// the standard <c>OTEL_*</c> variables, not here.
/// </summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Telemetry";

    public static readonly TimeSpan MinimumGaugeRefreshInterval = TimeSpan.FromSeconds(5);

    public static readonly TimeSpan MaximumGaugeRefreshInterval = TimeSpan.FromHours(1);

    /// <summary>
    /// How old the operational gauges' counts (outbox depth, active pairings, open requests) may get before a scrape
    /// starts a recount from storage (decision 0274). Each recount reads the pending outbox and pages through active
    /// pairings and open requests, so an organisation with many thousands of pairings raises it. Default 30 s.
    /// </summary>
    public TimeSpan GaugeRefreshInterval { get; set; } = TimeSpan.FromSeconds(30);
}

internal sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options) =>
        options.GaugeRefreshInterval < TelemetryOptions.MinimumGaugeRefreshInterval || options.GaugeRefreshInterval > TelemetryOptions.MaximumGaugeRefreshInterval
            ? ValidateOptionsResult.Fail(
                $"Telemetry:GaugeRefreshInterval must be between {TelemetryOptions.MinimumGaugeRefreshInterval:c} and {TelemetryOptions.MaximumGaugeRefreshInterval:c} (it was {options.GaugeRefreshInterval:c}).")
            : ValidateOptionsResult.Success;
}
