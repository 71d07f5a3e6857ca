using MentorBot.Core.Privacy;

namespace MentorBot.Bot.Storage.Nudges;

internal sealed partial class TableNudgeOutbox
{
    public string Holds => "Nudges waiting, sent, dropped or dead-lettered: recipient, kind, pairing, meeting time and join link.";

    /// <summary>Every nudge to them, and every nudge about one of their pairings (sent or not: the row is the record).</summary>
    public async Task<int> EraseAsync(ErasureSubject subject, CancellationToken cancellationToken)
    {
        var rows = await _table.QueryAllAsync(Partition, null, cancellationToken);
        var pairings = subject.Pairings.Select(p => p.Value).ToList();
        return await ErasureRows.DeleteAsync(
            _table,
            rows.Where(r => r.GetString("Recipient") == subject.Person.AadObjectId || ErasureRows.Mentions(r, [.. subject.Ids, .. pairings])),
            cancellationToken);
    }
}
