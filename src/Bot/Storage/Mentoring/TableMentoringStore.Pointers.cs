using MentorBot.Core.Mentorships;
using MentorBot.Core.Persistence;
using MentorBot.Core.Profiles;
using MentorBot.Core.Requests;
using MentorBot.Core.Outbox;

namespace MentorBot.Bot.Storage.Mentoring;

/// <summary>
/// Pointer rows (decision 0186): "requests of this senior", "requests offered to this person" and "pairs of this
/// person" are row-key prefixes in the mentoring partition, written in the same atomic batch as the row they point to.
/// A person's lookups are then one range read plus point reads, not a read of the whole partition, which grew with
/// every request and pair in the organisation. Pointers name one person each (<c>Person</c>), so erasure finds them.
/// </summary>
internal sealed partial class TableMentoringStore
{
    private const string PointerKind = "pointer";
    private const string MetaKind = "meta";
    private const string PointersReadyRow = "x|pointers-v1";
    private const string TargetProperty = "Target";
    private const string PersonProperty = "Person";

    private volatile bool _pointersReady;

    private static string SeniorPrefix(UserId senior) => "s|" + TableKeys.Escape(senior.AadObjectId) + "|";

    // "c|", not "o|": the request messages' rows are "o|{key}" (decision 0306), and each kind keeps its own range.
    private static string OfferedPrefix(UserId candidate) => "c|" + TableKeys.Escape(candidate.AadObjectId) + "|";

    private static string PairPrefix(UserId person) => "p|" + TableKeys.Escape(person.AadObjectId) + "|";

    private static TableEntity Pointer(string prefix, UserId person, string target) =>
        new(Partition, prefix + target) { ["Kind"] = PointerKind, [PersonProperty] = person.AadObjectId, [TargetProperty] = target };

    private static IEnumerable<TableEntity> PointersOf(MentoringRequest request)
    {
        var target = RequestRow(request.Id);
        yield return Pointer(SeniorPrefix(request.Senior), request.Senior, target);
        foreach (var candidate in request.Offers.Select(o => o.Candidate).Distinct())
        {
            yield return Pointer(OfferedPrefix(candidate), candidate, target);
        }
    }

    private static IEnumerable<TableEntity> PointersOf(Mentorship mentorship)
    {
        var target = MentorshipRow(mentorship.Id);
        yield return Pointer(PairPrefix(mentorship.Senior), mentorship.Senior, target);
        yield return Pointer(PairPrefix(mentorship.Junior), mentorship.Junior, target);
    }

    /// <summary>
    /// One write of a request as one entity-group batch in the mentoring partition (decisions 0034, 0186, 0306):
    /// <paramref name="rows"/> (the request's insert or conditional replace, and a new pair's insert), the messages the
    /// step recorded and the pointer rows, together or not at all. Every row is in <see cref="Partition"/>, so it is a
    /// single transaction on Azure Tables and on SQLite. A batch holds at most <see cref="EntityRules.MaxBatchOperations"/>
    /// operations: the pointers this write can add come first (the senior's, the pending offer's, the pair's; on an
    /// insert, all of them); the request's other pointers were written with the steps that made their offers, so they
    /// are upserted again only as far as the batch has room.
    /// </summary>
    private async Task<ETag> WriteStepAsync(
        IReadOnlyList<BatchOperation> rows, MentoringRequest request, Mentorship? mentorship, IReadOnlyList<RequestMessage> messages, CancellationToken cancellationToken)
    {
        var inserted = rows[0].Kind == BatchOperationKind.Insert;
        var target = RequestRow(request.Id);
        var needed = new List<TableEntity> { Pointer(SeniorPrefix(request.Senior), request.Senior, target) };
        var again = new List<TableEntity>();
        foreach (var offers in request.Offers.GroupBy(o => o.Candidate))
        {
            (inserted || offers.Any(o => o.Status == OfferStatus.Pending) ? needed : again).Add(Pointer(OfferedPrefix(offers.Key), offers.Key, target));
        }

        needed.AddRange(mentorship is null ? [] : PointersOf(mentorship));
        List<BatchOperation> operations = [.. rows, .. messages.Select(m => BatchOperation.Insert(ToEntity(m, request))), .. needed.Select(BatchOperation.Upsert)];
        operations.AddRange(again.Take(Math.Max(EntityRules.MaxBatchOperations - operations.Count, 0)).Select(BatchOperation.Upsert));
        var etags = await _table.ExecuteBatchAsync(operations, cancellationToken);
        foreach (var row in rows)
        {
            // The request's and a new pair's tenant, for the rows that inherit it (posted cards, check-ins).
            ParentTenant.Written(engine, TableName, Partition, row.Entity);
        }

        return etags[0] ?? throw new InvalidOperationException("The storage engine returned no ETag for the request's write.");
    }

    /// <summary>The rows the pointers under <paramref name="prefix"/> name; a pointer whose row is gone is skipped.</summary>
    private async Task<List<TableEntity>> FollowAsync(string prefix, CancellationToken cancellationToken)
    {
        await EnsurePointersAsync(cancellationToken);
        var pointers = await _table.QueryAllAsync(Partition, EntityFilter.RowKeyStartsWith(prefix), cancellationToken);
        var rows = await Task.WhenAll(pointers.Select(p => _table.GetAsync(Partition, p[TargetProperty].AsString(), cancellationToken)));
        return [.. rows.OfType<TableEntity>()];
    }

    /// <summary>Deletes a row and the pointers to it (pointers one by one: a batch would fail on one already gone).</summary>
    private async Task DeleteWithPointersAsync(string row, Func<TableEntity, IEnumerable<TableEntity>> pointers, CancellationToken cancellationToken)
    {
        var current = await _table.GetAsync(Partition, row, cancellationToken);
        await _table.DeleteAsync(Partition, row, Core.Persistence.ETag.Any, cancellationToken);
        foreach (var pointer in current is null ? [] : pointers(current))
        {
            await _table.DeleteAsync(Partition, pointer.RowKey, Core.Persistence.ETag.Any, cancellationToken);
        }
    }

    /// <summary>
    /// Rows written before pointers existed get theirs once: the first lookup of a process checks one marker row and,
    /// when it is missing, writes the pointers of every request and pair (idempotent upserts; two instances doing it
    /// at once write the same rows).
    /// </summary>
    private async Task EnsurePointersAsync(CancellationToken cancellationToken)
    {
        if (_pointersReady)
        {
            return;
        }

        if (await _table.GetAsync(Partition, PointersReadyRow, cancellationToken) is null)
        {
            var rows = await _table.QueryAllAsync(Partition, KindIs(RequestKind) | KindIs(MentorshipKind), cancellationToken);
            var pointers = rows
                .SelectMany(r => r.GetString("Kind") == RequestKind ? PointersOf(ToRequest(r).Value) : PointersOf(ToMentorship(r).Value))
                .DistinctBy(p => p.RowKey, StringComparer.Ordinal);
            foreach (var batch in pointers.Chunk(EntityRules.MaxBatchOperations))
            {
                await _table.ExecuteBatchAsync([.. batch.Select(BatchOperation.Upsert)], cancellationToken);
            }

            await _table.UpsertAsync(new TableEntity(Partition, PointersReadyRow) { ["Kind"] = MetaKind }, cancellationToken);
        }

        _pointersReady = true;
    }
}
