using System.Diagnostics;
using MentorBot.Core.Nudges;

namespace MentorBot.Bot.Telemetry;

/// <summary>
/// Carries a trace across the outbox (decision 0273): the enqueue path stores the current span's W3C id on the item,
/// and the dispatch span starts as its child (and links to it), so one trace runs from the click that queued a
/// message to the card that delivered it, however long the item waited and however often it was retried.
/// </summary>
public static class OutboxTrace
{
    /// <summary>The item with the current span's <c>traceparent</c>, unless it already carries one or no span is current.</summary>
    public static NudgeOutboxItem Stamp(NudgeOutboxItem item) =>
        item.TraceParent is null && Activity.Current is { IdFormat: ActivityIdFormat.W3C, Id: { } id }
            ? item with { TraceParent = id }
            : item;

    /// <summary>The dispatch span: a child of the queuing turn when the item names one (else of whatever is current: nothing, on the dispatcher's loop).</summary>
    public static Activity? StartDispatch(NudgeOutboxItem item)
    {
        if (item.TraceParent is { } traceParent && ActivityContext.TryParse(traceParent, null, out var origin))
        {
            return MentorBotTelemetry.Source.StartActivity("outbox dispatch", ActivityKind.Consumer, origin, links: [new ActivityLink(origin)]);
        }

        return MentorBotTelemetry.Source.StartActivity("outbox dispatch", ActivityKind.Consumer);
    }
}
