using System.Text.Json;
using MentorBot.Core.Privacy;
using MentorBot.Core.Programs;

namespace MentorBot.Bot.Storage.Programs;

internal sealed partial class TableConcernStore
{
    public string Holds => "Concerns: who raised it, about which pairing, the text, and the owners' audit trail with their notes.";

    /// <summary>
    /// Concerns raised by them or about one of their pairings go whole, audit trail included (text, raiser and notes
    /// all describe them). On other concerns, an owner being forgotten stays in the trail as "forgotten": the trail
    /// must still show that someone acted, and when.
    /// </summary>
    public async Task<int> EraseAsync(ErasureSubject subject, CancellationToken cancellationToken)
    {
        var person = subject.Person;
        var pairings = subject.Pairings.ToHashSet();
        var rows = await _table.ScanAllAsync(cancellationToken);
        var theirs = rows
            .Where(r => r.GetString("Kind") == ConcernKind)
            .Select(r => (Row: r, Concern: JsonSerializer.Deserialize(r["Json"].AsString(), ProgramsJsonContext.Default.Concern)!))
            .Where(c => c.Concern.RaisedBy == person || pairings.Contains(c.Concern.Mentorship))
            .Select(c => (c.Row.PartitionKey, c.Concern.Id.Value))
            .ToHashSet();
        var gone = rows.Where(r => theirs.Contains((r.PartitionKey, r.GetString("Concern") ?? string.Empty))).ToList();
        var changed = await ErasureRows.DeleteAsync(_table, gone, cancellationToken);

        foreach (var row in rows.Except(gone).Where(r => r.GetString("Kind") == AuditKind && ErasureRows.Mentions(r, subject.Ids)))
        {
            changed += await ErasureRows.RewriteAsync(_table, row, current =>
            {
                var audit = JsonSerializer.Deserialize(current["Json"].AsString(), ProgramsJsonContext.Default.ConcernAuditEntry)!;
                if (audit.Actor != person)
                {
                    return null;
                }

                current["Json"] = JsonSerializer.Serialize(audit with { Actor = ForgetMeService.Forgotten }, ProgramsJsonContext.Default.ConcernAuditEntry);
                return current;
            }, cancellationToken) ? 1 : 0;
        }

        return changed;
    }
}
