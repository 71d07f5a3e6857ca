using MentorBot.Core.Mentorships;
using MentorBot.Core.Profiles;
using MentorBot.Core.Requests;

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

    private static string OfferedPrefix(UserId candidate) => "o|" + TableKeys.Escape(candidate.AadObjectId) + "|";

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
