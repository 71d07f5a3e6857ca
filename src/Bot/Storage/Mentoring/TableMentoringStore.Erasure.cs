using MentorBot.Core.Privacy;
using MentorBot.Core.Requests;

namespace MentorBot.Bot.Storage.Mentoring;

internal sealed partial class TableMentoringStore
{
    public string Holds => "Mentoring requests (the senior, the goal in their words, who was asked and any decline note), pairings, and the messages their steps recorded (who to tell, about whom).";

    /// <summary>
    /// Their requests and pairings go; colleagues' requests that were offered to them keep the offer with the id
    /// replaced by <see cref="ForgetMeService.Forgotten"/> and the note dropped, so the colleague's history adds up (0132).
    /// </summary>
    public async Task<int> EraseAsync(ErasureSubject subject, CancellationToken cancellationToken)
    {
        var id = subject.Person.AadObjectId;
        var pairings = subject.Pairings.Select(p => MentorshipRow(p)).ToHashSet(StringComparer.Ordinal);
        var rows = await _table.QueryAllAsync(Partition, null, cancellationToken);
        // Messages go with the request (same Senior) or when they are to or about the person; pointer rows when they
        // name the person (Person) or point to a row that goes.
        var gone = rows.Where(r => r.GetString("Senior") == id || r.GetString("Junior") == id || pairings.Contains(r.RowKey)
            || r.GetString("Recipient") == id || r.GetString("Candidate") == id || r.GetString(PersonProperty) == id).ToList();
        var targets = gone.Select(r => r.RowKey).ToHashSet(StringComparer.Ordinal);
        gone.AddRange(rows.Except(gone).Where(r => r.GetString("Kind") == PointerKind && targets.Contains(r.GetString(TargetProperty) ?? string.Empty)));
        var changed = await ErasureRows.DeleteAsync(_table, gone, cancellationToken);

        foreach (var row in rows.Except(gone).Where(r => r.GetString("Kind") == RequestKind && ErasureRows.Mentions(r, subject.Ids)))
        {
            changed += await ErasureRows.RewriteAsync(_table, row, current =>
                ToRequest(current).Value.ForgetCandidate(subject.Person, ForgetMeService.Forgotten) is RequestTransition.Changed scrubbed
                    ? ToEntity(scrubbed.Request)
                    : null,
                cancellationToken) ? 1 : 0;
        }

        return changed;
    }
}
