using MentorBot.Bot.Proactive;
using MentorBot.Core.Nudges;
using MentorBot.Core.Requests;
using MentorBot.Core.Outbox;
using MentorBot.Core.Mentorships;

namespace MentorBot.Bot.Storage.Mentoring;

/// <summary>
/// The request and pairing messages (decisions 0306, 0307): rows <c>o|{key}</c> in the mentoring partition
/// (<see cref="MessageRows"/>), so a step's request or pairing replace and its messages' inserts are one entity-group
/// transaction on Azure Tables and one SQLite transaction.
/// </summary>
internal sealed partial class TableMentoringStore : IRequestMessageOutbox
{
    private MessageRows? _messageRows;

    /// <summary>This partition's message rows, leased and settled by <see cref="TableMessageOutbox"/>.</summary>
    internal MessageRows Messages => _messageRows ??= new MessageRows(_table, Partition);

    public Task<EnqueueOutcome> EnqueueIfAbsentAsync(NudgeOutboxItem item, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Messages are written with their state change (decision 0306), never enqueued on their own.");

    public Task<IReadOnlyList<NudgeLease>> LeaseDueAsync(DateTimeOffset now, string owner, TimeSpan leaseFor, int maxItems, CancellationToken cancellationToken) =>
        Messages.LeaseDueAsync(now, owner, leaseFor, maxItems, cancellationToken);

    public Task<IReadOnlyList<NudgeLease>> LeaseAsync(IReadOnlyList<NudgeKey> keys, DateTimeOffset now, string owner, TimeSpan leaseFor, CancellationToken cancellationToken) =>
        Messages.LeaseAsync(keys, now, owner, leaseFor, cancellationToken);

    public Task<LeaseOutcome> MarkSentAsync(NudgeLease lease, DateTimeOffset sentAt, CancellationToken cancellationToken) =>
        Messages.MarkSentAsync(lease, sentAt, cancellationToken);

    public Task<LeaseOutcome> MarkFailedAsync(NudgeLease lease, DateTimeOffset nextAttemptAt, string reason, CancellationToken cancellationToken) =>
        Messages.MarkFailedAsync(lease, nextAttemptAt, reason, cancellationToken);

    public Task<LeaseOutcome> DeadLetterAsync(NudgeLease lease, string reason, CancellationToken cancellationToken) =>
        Messages.DeadLetterAsync(lease, reason, cancellationToken);

    public Task<LeaseOutcome> MarkDroppedAsync(NudgeLease lease, NudgeRelevance reason, CancellationToken cancellationToken) =>
        Messages.MarkDroppedAsync(lease, reason, cancellationToken);

    public Task<int> DeleteSettledAsync(DateTimeOffset dueBefore, CancellationToken cancellationToken) =>
        Messages.DeleteSettledAsync(dueBefore, cancellationToken);

    /// <summary>Reads one message back (operators, tests); null when no step recorded that key.</summary>
    public Task<NudgeOutboxItem?> GetMessageAsync(NudgeKey key, CancellationToken cancellationToken) => Messages.GetAsync(key, cancellationToken);

    private TableEntity ToEntity(RequestMessage message, MentoringRequest request)
    {
        var row = Messages.NewRow(message);
        row["Request"] = request.Id.Value;
        row["Senior"] = request.Senior.AadObjectId;
        if (message.Candidate is { } candidate)
        {
            row["Candidate"] = candidate.AadObjectId;
        }

        return WithTenant(row, _legacy.Stored(request.Tenant));
    }

    private TableEntity ToEntity(RequestMessage message, Core.Mentorships.Mentorship mentorship)
    {
        var row = Messages.NewRow(message);
        if (message.Kind != RequestMessageKind.PartnerLeft)
        {
            // Both people of the pair and whoever made the change (Candidate) are named, so forgetting any of them
            // erases it. A PartnerLeft message names only its recipient: it must outlive the leaver (decision 0320).
            row["Senior"] = mentorship.Senior.AadObjectId;
            row["Junior"] = mentorship.Junior.AadObjectId;
            if (message.Candidate is { } by)
            {
                row["Candidate"] = by.AadObjectId;
            }
        }

        return WithTenant(row, _legacy.Stored(mentorship.Tenant));
    }
}
