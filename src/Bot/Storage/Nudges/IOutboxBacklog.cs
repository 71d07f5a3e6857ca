namespace MentorBot.Bot.Storage.Nudges;

/// <param name="Pending">Items not yet settled (due now, waiting for a retry, or leased).</param>
/// <param name="OldestDueAt">When the longest-waiting due item became ready; null when nothing is due.</param>
public sealed record OutboxBacklog(int Pending, DateTimeOffset? OldestDueAt);

/// <summary>How much the outbox holds, for the operator's gauges; the table outbox answers it.</summary>
public interface IOutboxBacklog
{
    Task<OutboxBacklog> MeasureBacklogAsync(DateTimeOffset now, CancellationToken cancellationToken);
}
