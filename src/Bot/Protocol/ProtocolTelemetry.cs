using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using MentorBot.Bot.Protocol.Authentication;
using MentorBot.Bot.Protocol.Connector;
using MentorBot.Bot.Telemetry;
using ProtocolActivity = MentorBot.Bot.Protocol.Schema.Activity;

namespace MentorBot.Bot.Protocol;

/// <summary>
/// One span and one duration measurement per turn. Tags: the activity type, the card verb when a card was used
/// (our own closed vocabulary, checked by shape so a forged value cannot smuggle text in) and the outcome. Never the
/// text, the card's other fields, names or ids.
/// </summary>
public sealed partial class TurnScope : IDisposable
{
    private readonly Activity? _span;
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly string _type;

    private TurnScope(ProtocolActivity activity)
    {
        _type = Closed(activity.Type, "other");
        // No turn span under a server span that records nothing (sampled out), and named and tagged only when recorded.
        _span = MentorBotTelemetry.StartChild("turn", ActivityKind.Internal);
        if (_span is { IsAllDataRequested: true })
        {
            _span.DisplayName = $"turn {_type}";
            _span.SetTag(MentorBotTelemetry.ActivityTypeTag, _type);
            if (VerbOf(activity) is { } verb)
            {
                _span.SetTag(MentorBotTelemetry.VerbTag, verb);
            }
        }
    }

    /// <summary><c>ok</c> unless the turn failed: <c>error</c>, <c>storage_unavailable</c>.</summary>
    public string Outcome { get; set; } = "ok";

    public static TurnScope Begin(ProtocolActivity activity) => new(activity);

    public void Dispose()
    {
        var elapsed = Stopwatch.GetElapsedTime(_started).TotalSeconds;
        MentorBotTelemetry.TurnDuration.Record(
            elapsed,
            new KeyValuePair<string, object?>(MentorBotTelemetry.ActivityTypeTag, _type),
            new KeyValuePair<string, object?>(MentorBotTelemetry.OutcomeTag, Outcome));
        if (_span is not null)
        {
            if (_span.IsAllDataRequested)
            {
                _span.SetTag(MentorBotTelemetry.OutcomeTag, Outcome);
            }

            if (Outcome != "ok")
            {
                _span.SetStatus(ActivityStatusCode.Error);
            }

            _span.Dispose();
        }
    }

    internal static string? VerbOf(ProtocolActivity activity)
    {
        if (activity.Value is not { ValueKind: JsonValueKind.Object } value)
        {
            return null;
        }

        // Adaptive card invoke: value.action.data.verb (or value.action.verb); message submit: value.verb.
        var verb = value.TryGetProperty("verb", out var direct) ? direct
            : value.TryGetProperty("action", out var action) && action.ValueKind == JsonValueKind.Object
                ? action.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object && data.TryGetProperty("verb", out var inData) ? inData
                : action.TryGetProperty("verb", out var onAction) ? onAction : default
            : default;
        return verb.ValueKind == JsonValueKind.String ? Closed(verb.GetString(), "other") : null;
    }

    private static string Closed(string? value, string fallback) =>
        value is not null && VocabularyShape().IsMatch(value) ? value : fallback;

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9._-]{0,39}$", RegexOptions.CultureInvariant)]
    private static partial Regex VocabularyShape();
}

/// <summary>Connector and authentication measurements, by closed outcome names.</summary>
public static class ProtocolTelemetry
{
    public static Activity? StartSend(HttpMethod method)
    {
        var span = MentorBotTelemetry.StartChild("connector", ActivityKind.Internal);
        if (span is { IsAllDataRequested: true })
        {
            span.DisplayName = $"connector {method.Method}";
        }

        return span;
    }

    public static void RecordSend(Activity? span, SendOutcome? outcome)
    {
        var name = outcome switch
        {
            null or SendOutcome.Sent => "sent",
            SendOutcome.Throttled => "throttled",
            SendOutcome.RecipientGone => "recipient_gone",
            _ => "failed",
        };
        MentorBotTelemetry.Sends.Add(1, new KeyValuePair<string, object?>(MentorBotTelemetry.OutcomeTag, name));
        if (span is { IsAllDataRequested: true })
        {
            span.SetTag(MentorBotTelemetry.OutcomeTag, name);
            if (name is "failed")
            {
                span.SetStatus(ActivityStatusCode.Error);
            }
        }
    }

    public static void RecordBusyAnswer(HttpResponseMessage? response, TimeSpan? retryAfter)
    {
        if (response is null)
        {
            return;
        }

        MentorBotTelemetry.Throttles.Add(1, new KeyValuePair<string, object?>("http.response.status_code", (int)response.StatusCode));
        if (retryAfter is { } wait)
        {
            MentorBotTelemetry.RetryAfterWaits.Record(wait.TotalSeconds);
        }
    }

    public static void RecordRejection(string? reason) =>
        MentorBotTelemetry.TokenRejections.Add(1, new KeyValuePair<string, object?>(
            MentorBotTelemetry.ReasonTag,
            Enum.TryParse<AuthenticationRefusal>(reason, out var refusal) && Enum.IsDefined(refusal) ? refusal.ToString() : "other"));
}
