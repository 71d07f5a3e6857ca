using System.Text.Json;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Persistence;
using MentorBot.Core.Profiles;
using MentorBot.Core.Requests;
using MentorBot.Core.Tenants;
using MentorBot.Core.Privacy;
using MentorBot.Core;
using MentorBot.Core.Outbox;

namespace MentorBot.Bot.Storage.Mentoring;

/// <summary>
/// Requests and the mentorships they become, in one table and one partition (decision 0034), so that accepting a
/// request and starting the pair is a single entity-group transaction on Azure Tables and a single SQLite
/// transaction: the request's conditional replace and the mentorship's insert happen together or not at all; so do the
/// messages a step records (<c>o|{key}</c> rows, decision 0306).
/// Rows: <c>r|{request id}</c> and <c>m|{mentorship id}</c>, each the record as JSON plus the fields queries filter on
/// (<c>TenantId</c> among them; a row from before tenants is the default tenant's, decision 0231).
/// </summary>
internal sealed partial class TableMentoringStore(ITableEngine engine, DefaultTenant? legacy = null) : IRequestStore, IMentorshipStore, IPersonalDataStore
{
    public const string TableName = "mentoring";
    public const string Partition = "mentoring";

    private const string RequestKind = "request";
    private const string MentorshipKind = "mentorship";
    private const int PageSize = 200;

    private readonly IEntityTable _table = engine.GetTable(TableName);
    private readonly DefaultTenant _legacy = legacy ?? new DefaultTenant(null);

    public async Task<Versioned<MentoringRequest>?> GetAsync(RequestId id, CancellationToken cancellationToken) =>
        await _table.GetAsync(Partition, RequestRow(id), cancellationToken) is { } entity ? ToRequest(entity) : null;

    public Task<ETag> InsertAsync(MentoringRequest request, CancellationToken cancellationToken) =>
        WriteStepAsync([BatchOperation.Insert(ToEntity(request))], request, null, [], cancellationToken);

    public Task<ETag> ReplaceAsync(MentoringRequest request, ETag ifMatch, CancellationToken cancellationToken) =>
        ReplaceAsync(request, ifMatch, [], cancellationToken);

    public Task<ETag> ReplaceAndStartMentorshipAsync(MentoringRequest request, ETag ifMatch, Mentorship mentorship, CancellationToken cancellationToken) =>
        ReplaceAndStartMentorshipAsync(request, ifMatch, mentorship, [], cancellationToken);

    public Task<ETag> ReplaceAsync(MentoringRequest request, ETag ifMatch, IReadOnlyList<RequestMessage> messages, CancellationToken cancellationToken) =>
        WriteStepAsync([BatchOperation.Replace(ToEntity(request), ifMatch)], request, null, messages, cancellationToken);

    public Task<ETag> ReplaceAndStartMentorshipAsync(
        MentoringRequest request, ETag ifMatch, Mentorship mentorship, IReadOnlyList<RequestMessage> messages, CancellationToken cancellationToken) =>
        WriteStepAsync([BatchOperation.Replace(ToEntity(request), ifMatch), BatchOperation.Insert(ToEntity(mentorship))], request, mentorship, messages, cancellationToken);

    public async Task<Page<Versioned<MentoringRequest>>> ListOpenAsync(string? continuationToken, CancellationToken cancellationToken)
    {
        // The row-key range keeps the sweep to request rows (pointer rows, 0186, live beside them in the partition).
        var open = EntityFilter.RowKeyStartsWith(RequestRowPrefix) & KindIs(RequestKind)
            & (StatusIs(nameof(RequestStatus.Searching)) | StatusIs(nameof(RequestStatus.Offered)));
        var page = await _table.QueryAsync(Partition, open, PageSize, continuationToken, cancellationToken);
        return new Page<Versioned<MentoringRequest>>(page.Items.Select(ToRequest).ToList(), page.ContinuationToken);
    }

    public async Task<Page<Versioned<MentoringRequest>>> ListUnmatchedAsync(string? continuationToken, CancellationToken cancellationToken)
    {
        var unmatched = EntityFilter.RowKeyStartsWith(RequestRowPrefix) & KindIs(RequestKind) & StatusIs(nameof(RequestStatus.NoCandidates));
        var page = await _table.QueryAsync(Partition, unmatched, PageSize, continuationToken, cancellationToken);
        return new Page<Versioned<MentoringRequest>>(page.Items.Select(ToRequest).ToList(), page.ContinuationToken);
    }

    public async Task<IReadOnlyList<MentoringRequest>> ListBySeniorAsync(UserId senior, CancellationToken cancellationToken) =>
        (await FollowAsync(SeniorPrefix(senior), cancellationToken))
            .Select(e => ToRequest(e).Value)
            .Where(r => r.Senior == senior)
            .OrderBy(r => r.Id.Value, StringComparer.Ordinal)
            .ToList();

    // Offers live inside the request's JSON, which Table storage cannot filter: a pointer row per offered person
    // (decision 0186) finds them; the request itself decides whether it still names them.
    public async Task<IReadOnlyList<MentoringRequest>> ListOfferedToAsync(UserId candidate, CancellationToken cancellationToken) =>
        (await FollowAsync(OfferedPrefix(candidate), cancellationToken))
            .Select(e => ToRequest(e).Value)
            .Where(r => r.Offers.Any(o => o.Candidate == candidate))
            .OrderBy(r => r.Id.Value, StringComparer.Ordinal)
            .ToList();

    public Task DeleteAsync(RequestId id, CancellationToken cancellationToken) =>
        DeleteWithPointersAsync(RequestRow(id), row => PointersOf(ToRequest(row).Value), cancellationToken);

    public async Task<Versioned<Mentorship>?> GetAsync(MentorshipId id, CancellationToken cancellationToken) =>
        await _table.GetAsync(Partition, MentorshipRow(id), cancellationToken) is { } entity ? ToMentorship(entity) : null;

    public Task<ETag> ReplaceAsync(Mentorship mentorship, ETag ifMatch, CancellationToken cancellationToken) =>
        _table.ReplaceAsync(ToEntity(mentorship), ifMatch, cancellationToken);

    public async Task<ETag> ReplaceAsync(Mentorship mentorship, ETag ifMatch, IReadOnlyList<RequestMessage> messages, CancellationToken cancellationToken)
    {
        // The pairing's row and its messages share the partition (decision 0034), so this is one transaction (0307).
        var etags = await _table.ExecuteBatchAsync(
            [BatchOperation.Replace(ToEntity(mentorship), ifMatch), .. messages.Select(m => BatchOperation.Insert(ToEntity(m, mentorship)))], cancellationToken);
        return etags[0] ?? throw new InvalidOperationException("The storage engine returned no ETag for the pairing's write.");
    }

    public async Task<IReadOnlyList<Mentorship>> ListForPersonAsync(UserId person, CancellationToken cancellationToken) =>
        (await FollowAsync(PairPrefix(person), cancellationToken))
            .Select(e => ToMentorship(e).Value)
            .Where(m => m.Involves(person))
            .OrderBy(m => m.Id.Value, StringComparer.Ordinal)
            .ToList();

    public async Task<Page<Versioned<Mentorship>>> ListActiveAsync(string? continuationToken, CancellationToken cancellationToken)
    {
        var active = EntityFilter.RowKeyStartsWith(MentorshipRowPrefix) & KindIs(MentorshipKind) & StatusIs(nameof(MentorshipStatus.Active));
        var page = await _table.QueryAsync(Partition, active, PageSize, continuationToken, cancellationToken);
        return new Page<Versioned<Mentorship>>(page.Items.Select(ToMentorship).ToList(), page.ContinuationToken);
    }

    public Task DeleteAsync(MentorshipId id, CancellationToken cancellationToken) =>
        DeleteWithPointersAsync(MentorshipRow(id), row => PointersOf(ToMentorship(row).Value), cancellationToken);

    private static EntityFilter KindIs(string kind) => EntityFilter.Equal("Kind", EntityProperty.String(kind));

    private static EntityFilter StatusIs(string status) => EntityFilter.Equal("Status", EntityProperty.String(status));

    private const string RequestRowPrefix = "r|";
    private const string MentorshipRowPrefix = "m|";

    private static string RequestRow(RequestId id) => RequestRowKey(id);

    /// <summary>The row of a request, where the cards posted about it read the tenant they inherit (<see cref="ParentTenant"/>).</summary>
    internal static string RequestRowKey(RequestId id) => RequestRowPrefix + TableKeys.Escape(id.Value);

    private static string MentorshipRow(MentorshipId id) => MentorshipRowKey(id);

    /// <summary>The row of a pairing, where its check-ins and nudges read the tenant they inherit (<see cref="ParentTenant"/>).</summary>
    internal static string MentorshipRowKey(MentorshipId id) => MentorshipRowPrefix + TableKeys.Escape(id.Value);

    internal TableEntity ToEntity(MentoringRequest request)
    {
        return WithTenant(
            new TableEntity(Partition, RequestRow(request.Id))
            {
                ["Kind"] = RequestKind,
                ["Status"] = request.Status.ToString(),
                ["Senior"] = request.Senior.AadObjectId,
                ["Skill"] = request.Skill.Value,
                ["Json"] = JsonSerializer.Serialize(request with { Tenant = null }, MentoringJsonContext.Default.MentoringRequest),
            },
            _legacy.Stored(request.Tenant));
    }

    internal TableEntity ToEntity(Mentorship mentorship)
    {
        return WithTenant(
            new TableEntity(Partition, MentorshipRow(mentorship.Id))
            {
                ["Kind"] = MentorshipKind,
                ["Status"] = mentorship.State.Status.ToString(),
                ["Senior"] = mentorship.Senior.AadObjectId,
                ["Junior"] = mentorship.Junior.AadObjectId,
                ["Skill"] = mentorship.Skill.Value,
                ["Json"] = JsonSerializer.Serialize(mentorship with { Tenant = null }, MentoringJsonContext.Default.Mentorship),
            },
            _legacy.Stored(mentorship.Tenant));
    }

    private static TableEntity WithTenant(TableEntity entity, TenantId? tenant)
    {
        if (tenant is { } id)
        {
            entity["TenantId"] = id.Value;
        }

        return entity;
    }

    private Versioned<MentoringRequest> ToRequest(TableEntity entity)
    {
        var request = JsonSerializer.Deserialize(entity["Json"].AsString(), MentoringJsonContext.Default.MentoringRequest)
            ?? throw new InvalidDataException($"Request row {entity.RowKey} holds no request.");
        return new(
            request with { Tenant = _legacy.InCore(entity.GetString("TenantId")) },
            entity.ETag ?? throw new InvalidDataException($"Request row {entity.RowKey} came back without an ETag."));
    }

    private Versioned<Mentorship> ToMentorship(TableEntity entity)
    {
        var mentorship = JsonSerializer.Deserialize(entity["Json"].AsString(), MentoringJsonContext.Default.Mentorship)
            ?? throw new InvalidDataException($"Mentorship row {entity.RowKey} holds no mentorship.");
        return new(
            mentorship with { Tenant = _legacy.InCore(entity.GetString("TenantId")) },
            entity.ETag ?? throw new InvalidDataException($"Mentorship row {entity.RowKey} came back without an ETag."));
    }
}
