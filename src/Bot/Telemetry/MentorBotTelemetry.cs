using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace MentorBot.Bot.Telemetry;

/// <summary>
/// The bot's one <see cref="ActivitySource"/> and <see cref="Meter"/> (both <c>MentorBot.Bot</c>) and its instruments.
/// Attributes carry only closed vocabularies (activity type, card verb, command, outcome, reason, operation): never a
/// name, an email, an id that leads to a person, message text or a free-text answer.
/// </summary>
public static class MentorBotTelemetry
{
    public const string Name = "MentorBot.Bot";

    public static readonly ActivitySource Source = new(Name);

    public static readonly Meter Meter = new(Name);

    public static readonly Histogram<double> TurnDuration = Meter.CreateHistogram<double>(
        "mentorbot.turn.duration", "s", "Time to handle one inbound activity, by activity type and outcome.");

    public static readonly Counter<long> Sends = Meter.CreateCounter<long>(
        "mentorbot.connector.sends", "{message}", "Calls to the Bot Connector, by outcome (sent, throttled, recipient_gone, failed).");

    public static readonly Counter<long> Throttles = Meter.CreateCounter<long>(
        "mentorbot.connector.throttled_responses", "{response}", "429 and other 'busy' answers from the Connector, before retries.");

    public static readonly Histogram<double> RetryAfterWaits = Meter.CreateHistogram<double>(
        "mentorbot.connector.retry_after", "s", "Retry-After the Connector asked for.");

    public static readonly Counter<long> NudgeDispatches = Meter.CreateCounter<long>(
        "mentorbot.outbox.dispatched", "{item}", "Outbox items settled by the dispatcher, by outcome (sent, dropped, retrying, dead_lettered, abandoned).");

    public static readonly Counter<long> LeaseTakeovers = Meter.CreateCounter<long>(
        "mentorbot.outbox.lease_takeovers", "{lease}", "Outbox items leased again after another worker's lease lapsed (it crashed or stalled).");

    public static readonly Counter<long> TokenRejections = Meter.CreateCounter<long>(
        "mentorbot.auth.rejections", "{request}", "Inbound requests refused by token validation, by reason.");

    public static readonly Histogram<double> StorageDuration = Meter.CreateHistogram<double>(
        "mentorbot.storage.duration", "s", "Storage operations, by operation and outcome.");

    /// <summary>
    /// A span under the current one, or none when the current span records nothing (a turn sampled out): every
    /// standard sampler (parent-based, trace-id ratio, always on/off) would drop such a child anyway, so creating it
    /// only cost an Activity, a sampler call and two changes of <see cref="Activity.Current"/> per storage call or send
    /// in nine turns out of ten (decision 0420). Without a current span it starts one as <see cref="ActivitySource"/>
    /// would, unless <paramref name="onlyInsideATrace"/>.
    /// </summary>
    public static Activity? StartChild(string name, ActivityKind kind, bool onlyInsideATrace = false) => Activity.Current switch
    {
        null => onlyInsideATrace ? null : Source.StartActivity(name, kind),
        { IsAllDataRequested: false } => null,
        _ => Source.StartActivity(name, kind),
    };

    /// <summary>One settled outbox item: the dispatch span's outcome and the counter (dead letters are <c>DeadLettered</c>).</summary>
    public static void RecordDispatch(Activity? span, string kind, string outcome)
    {
        NudgeDispatches.Add(1, new KeyValuePair<string, object?>(KindTag, kind), new KeyValuePair<string, object?>(OutcomeTag, outcome));
        span?.SetTag(OutcomeTag, outcome);
    }

    internal const string ActivityTypeTag = "mentorbot.activity.type";
    internal const string VerbTag = "mentorbot.verb";
    internal const string OutcomeTag = "mentorbot.outcome";
    internal const string ReasonTag = "mentorbot.reason";
    internal const string OperationTag = "mentorbot.storage.operation";
    internal const string KindTag = "mentorbot.nudge.kind";
}
