using MentorBot.Core.Outbox;
using MentorBot.Core.Persistence;
using MentorBot.Core.Tenants;

namespace MentorBot.Core.Sessions;

/// <summary>
/// Group sessions, their attendees and their messages (decision 0470). Every change is one atomic write of the session
/// row (conditional on its ETag), the attendee rows it touches and the messages it records: on Azure Tables one
/// entity-group transaction, on SQLite one transaction. A stale ETag writes nothing (<see cref="ConcurrencyConflictException"/>).
/// </summary>
public interface IGroupSessionStore
{
    Task<ETag> InsertAsync(GroupSession session, IReadOnlyList<RequestMessage> messages, CancellationToken cancellationToken);

    Task<SessionSnapshot?> GetAsync(GroupSessionId id, CancellationToken cancellationToken);

    /// <summary>Replaces the session at <paramref name="ifMatch"/> and writes the attendee rows and the messages with it, all or nothing.</summary>
    Task<ETag> WriteAsync(
        GroupSession session, ETag ifMatch, IReadOnlyList<AttendeeWrite> attendees, IReadOnlyList<RequestMessage> messages, CancellationToken cancellationToken);

    /// <summary>Sessions (open or cancelled) whose last date ends after <paramref name="endsAfter"/>; every tenant when <paramref name="allTenants"/>.</summary>
    Task<IReadOnlyList<GroupSession>> ListAsync(TenantId? tenant, bool allTenants, DateTimeOffset endsAfter, CancellationToken cancellationToken);

    /// <summary>
    /// Writes messages that belong to no state change (nudges, notices) unless their key is already written: the
    /// planner runs on every instance, the key keeps each one once. Returns the messages newly written.
    /// </summary>
    Task<IReadOnlyList<RequestMessage>> AddMessagesIfAbsentAsync(IReadOnlyList<RequestMessage> messages, CancellationToken cancellationToken);
}
