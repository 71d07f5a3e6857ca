using System.Text.Json;
using System.Text.Json.Serialization;
using MentorBot.Core;
using MentorBot.Core.Outbox;
using MentorBot.Core.Persistence;
using MentorBot.Core.Privacy;
using MentorBot.Core.Sessions;
using MentorBot.Core.Tenants;

namespace MentorBot.Bot.Storage.Sessions;

/// <summary>
/// Group sessions in one partition of their own table (decision 0470): the session row <c>s|{id}</c> carries the seat
/// and ticket counters, each attendee has a row <c>a|{id}|{person}</c>, and what a change must tell people is written
/// as message rows <c>o|{key}</c> (<see cref="MessageRows"/>) — all in one entity-group transaction on Azure Tables and
/// one SQLite transaction, conditional on the session row's ETag. One partition keeps the outbox one query and every
/// session change one batch; a tenant has hundreds of sessions, not millions. Every row carries the session's tenant.
/// </summary>
internal sealed class TableGroupSessionStore(ITableEngine engine) : IGroupSessionStore, IPersonalDataStore
{
    public const string TableName = "sessions";
    private const string Partition = "session";
    private const string SessionKind = "session";
    private const string AttendeeKind = "attendee";
    private static readonly DateTimeOffset TableMinimum = new(1601, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly IEntityTable _table = engine.GetTable(TableName);
    private MessageRows? _messageRows;

    /// <summary>This partition's message rows, leased and settled by <see cref="TableMessageOutbox"/>.</summary>
    internal MessageRows Messages => _messageRows ??= new MessageRows(_table, Partition);

    public string Holds => "Group sessions people host, who signed up or waits for a seat, thank-you notes to hosts and the messages about them.";

    public async Task<ETag> InsertAsync(GroupSession session, IReadOnlyList<RequestMessage> messages, CancellationToken cancellationToken)
    {
        var etags = await _table.ExecuteBatchAsync([BatchOperation.Insert(ToEntity(session)), .. MessageOps(session, messages)], cancellationToken);
        return etags[0] ?? throw new InvalidDataException("The batch returned no ETag for the session.");
    }

    public async Task<SessionSnapshot?> GetAsync(GroupSessionId id, CancellationToken cancellationToken)
    {
        // The session row first: attendee rows read after it are at least as new, so a write conditional on this
        // session ETag can only succeed if nothing (attendees included) changed since.
        if (await _table.GetAsync(Partition, SessionRow(id), cancellationToken) is not { } row)
        {
            return null;
        }

        var attendees = await _table.QueryAllAsync(
            Partition, EntityFilter.Equal("Kind", EntityProperty.String(AttendeeKind)) & EntityFilter.Equal("Session", EntityProperty.String(id.Value)), cancellationToken);
        return new SessionSnapshot(ToSession(row), [.. attendees.Select(ToAttendee)]);
    }

    public async Task<ETag> WriteAsync(
        GroupSession session, ETag ifMatch, IReadOnlyList<AttendeeWrite> attendees, IReadOnlyList<RequestMessage> messages, CancellationToken cancellationToken)
    {
        var ops = new List<BatchOperation> { BatchOperation.Replace(ToEntity(session), ifMatch) };
        ops.AddRange(attendees.Select(a => a.IfMatch is { } etag ? BatchOperation.Replace(ToEntity(a.Attendee), etag) : BatchOperation.Insert(ToEntity(a.Attendee))));
        ops.AddRange(MessageOps(session, messages));
        var etags = await _table.ExecuteBatchAsync(ops, cancellationToken);
        return etags[0] ?? throw new InvalidDataException("The batch returned no ETag for the session.");
    }

    public async Task<IReadOnlyList<GroupSession>> ListAsync(TenantId? tenant, bool allTenants, DateTimeOffset endsAfter, CancellationToken cancellationToken)
    {
        // "Every session" (DateTimeOffset.MinValue, the owners' sessions page) is below the table service's earliest date.
        var after = endsAfter < TableMinimum ? TableMinimum : endsAfter;
        var filter = EntityFilter.Equal("Kind", EntityProperty.String(SessionKind)) & EntityFilter.GreaterThan("LastEnd", EntityProperty.DateTime(after));
        var rows = await _table.QueryAllAsync(Partition, filter, cancellationToken);
        return [.. rows.Select(r => ToSession(r).Value).Where(s => allTenants || s.Tenant == tenant)];
    }

    public async Task<IReadOnlyList<RequestMessage>> AddMessagesIfAbsentAsync(IReadOnlyList<RequestMessage> messages, CancellationToken cancellationToken)
    {
        var written = new List<RequestMessage>();
        var sessions = new Dictionary<GroupSessionId, GroupSession?>();
        foreach (var message in messages)
        {
            if (message.Session is not { } id)
            {
                throw new ArgumentException("A session message names its session.", nameof(messages));
            }

            if (!sessions.TryGetValue(id, out var session))
            {
                session = sessions[id] = (await _table.GetAsync(Partition, SessionRow(id), cancellationToken)) is { } row ? ToSession(row).Value : null;
            }

            if (session is null)
            {
                continue;
            }

            try
            {
                await _table.InsertAsync(MessageRow(session, message), cancellationToken);
                written.Add(message);
            }
            catch (ConcurrencyConflictException)
            {
                // Planned before, by this instance or another: the key keeps it once.
            }
        }

        return written;
    }

    /// <summary>
    /// Forget me: the person's attendee rows go (their seat is given back to the counter), sessions they host are
    /// deleted with their attendee rows, and message rows to or about them go.
    /// </summary>
    public async Task<int> EraseAsync(ErasureSubject subject, CancellationToken cancellationToken)
    {
        var ids = subject.Ids.ToHashSet(StringComparer.Ordinal);
        var removed = 0;
        var rows = await _table.QueryAllAsync(Partition, null, cancellationToken);
        var hosted = rows.Where(r => r.GetString("Kind") == SessionKind && ToSession(r).Value.Hosts.Any(h => ids.Contains(h.AadObjectId)))
            .Select(r => r.GetString("Session")).ToHashSet(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var kind = row.GetString("Kind");
            var mine = kind == MessageRows.Kind
                ? ids.Contains(row.GetString("Recipient") ?? string.Empty) || ids.Contains(row.GetString("Candidate") ?? string.Empty)
                : kind == AttendeeKind && ids.Contains(row.GetString("Person") ?? string.Empty);
            if (mine || hosted.Contains(row.GetString("Session") ?? string.Empty) && kind is SessionKind or AttendeeKind)
            {
                removed += await _table.DeleteAsync(Partition, row.RowKey, ETag.Any, cancellationToken) ? 1 : 0;
                if (kind == AttendeeKind && !hosted.Contains(row.GetString("Session") ?? string.Empty) && ToAttendee(row).Value.Status == AttendeeStatus.Seated)
                {
                    await GiveSeatBackAsync(ToAttendee(row).Value.Session, cancellationToken);
                }
            }
        }

        return removed;
    }

    private async Task GiveSeatBackAsync(GroupSessionId id, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            if (await _table.GetAsync(Partition, SessionRow(id), cancellationToken) is not { } row)
            {
                return;
            }

            var session = ToSession(row);
            try
            {
                await _table.ReplaceAsync(ToEntity(session.Value with { SeatsTaken = Math.Max(0, session.Value.SeatsTaken - 1) }), session.ETag, cancellationToken);
                return;
            }
            catch (ConcurrencyConflictException)
            {
            }
        }
    }

    private IEnumerable<BatchOperation> MessageOps(GroupSession session, IReadOnlyList<RequestMessage> messages) =>
        messages.Select(m => BatchOperation.Insert(MessageRow(session, m)));

    private TableEntity MessageRow(GroupSession session, RequestMessage message)
    {
        var row = Messages.NewRow(message);
        row["Session"] = session.Id.Value;
        if (message.Candidate is { } about)
        {
            row["Candidate"] = about.AadObjectId;
        }

        return ParentTenant.Stamp(row, session.Tenant?.Value);
    }

    private static string SessionRow(GroupSessionId id) => TableKeys.Escape($"s|{id.Value}");

    private static TableEntity ToEntity(GroupSession session) => ParentTenant.Stamp(
        new TableEntity(Partition, SessionRow(session.Id))
        {
            ["Kind"] = SessionKind,
            ["Session"] = session.Id.Value,
            ["Status"] = session.Status.ToString(),
            ["LastEnd"] = EntityProperty.DateTime(session.LastEnd),
            ["Json"] = JsonSerializer.Serialize(session, SessionsJsonContext.Default.GroupSession),
        },
        session.Tenant?.Value);

    private static TableEntity ToEntity(SessionAttendee attendee) => ParentTenant.Stamp(
        new TableEntity(Partition, TableKeys.Escape($"a|{attendee.Session.Value}|{attendee.Person.AadObjectId}"))
        {
            ["Kind"] = AttendeeKind,
            ["Session"] = attendee.Session.Value,
            ["Person"] = attendee.Person.AadObjectId,
            ["Status"] = attendee.Status.ToString(),
            ["Json"] = JsonSerializer.Serialize(attendee, SessionsJsonContext.Default.SessionAttendee),
        },
        attendee.Tenant?.Value);

    private static Versioned<GroupSession> ToSession(TableEntity row) => new(
        (JsonSerializer.Deserialize(row["Json"].AsString(), SessionsJsonContext.Default.GroupSession)
            ?? throw new InvalidDataException($"Session row {row.RowKey} holds no session.")) with { Tenant = TenantId.From(row.GetString(ParentTenant.Property)) },
        row.ETag ?? throw new InvalidDataException($"Session row {row.RowKey} came back without an ETag."));

    private static Versioned<SessionAttendee> ToAttendee(TableEntity row) => new(
        (JsonSerializer.Deserialize(row["Json"].AsString(), SessionsJsonContext.Default.SessionAttendee)
            ?? throw new InvalidDataException($"Attendee row {row.RowKey} holds nothing.")) with { Tenant = TenantId.From(row.GetString(ParentTenant.Property)) },
        row.ETag ?? throw new InvalidDataException($"Attendee row {row.RowKey} came back without an ETag."));
}

/// <summary>Sessions and attendees stored whole as JSON (enums by name); the tenant is the row's own column.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true, IgnoreReadOnlyProperties = true)]
[JsonSerializable(typeof(GroupSession))]
[JsonSerializable(typeof(SessionAttendee))]
internal sealed partial class SessionsJsonContext : JsonSerializerContext;
