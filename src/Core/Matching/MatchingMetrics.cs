using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace MentorBot.Core.Matching;

/// <summary>
/// How long matching takes, measured where Core decides (decision 0274). The meter is the BCL's, not OpenTelemetry's:
/// Core stays free of any telemetry package, and the Bot exports <see cref="MeterName"/> with its own meter.
/// </summary>
public static class MatchingMetrics
{
    public const string MeterName = "MentorBot.Core";

    /// <summary>Ranking colleagues for one request.</summary>
    public const string Request = "request";

    /// <summary>Pairing a whole program round.</summary>
    public const string Cohort = "cohort";

    public const string KindTag = "mentorbot.matching.kind";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        "mentorbot.matching.duration", "s", "Time to rank candidates for a request or to pair a program round, by kind.");

    public static T Measure<T>(string kind, Func<T> match)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return match();
        }
        finally
        {
            Duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>(KindTag, kind));
        }
    }
}
