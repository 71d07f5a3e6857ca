using MentorBot.Core.Privacy;

namespace MentorBot.Bot.Storage.CheckIns;

internal sealed partial class TableCheckInStore
{
    public string Holds => "Check-ins of a pairing: meeting times and links, agenda topics, notes, attendance, private feedback and end-of-period answers.";

    /// <summary>Every check-in, feedback and review of their pairings, and anything else that names them.</summary>
    public async Task<int> EraseAsync(ErasureSubject subject, CancellationToken cancellationToken)
    {
        var pairings = subject.Pairings.Select(p => p.Value).ToHashSet(StringComparer.Ordinal);
        var rows = await _table.QueryAllAsync(Partition, null, cancellationToken);
        return await ErasureRows.DeleteAsync(
            _table,
            rows.Where(r => (r.GetString("Mentorship") is { } m && pairings.Contains(m)) || ErasureRows.Mentions(r, subject.Ids)),
            cancellationToken);
    }
}
