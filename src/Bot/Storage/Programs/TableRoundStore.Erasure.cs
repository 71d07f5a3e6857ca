using MentorBot.Core.Privacy;
using MentorBot.Core.Programs.Rounds;

namespace MentorBot.Bot.Storage.Programs;

internal sealed partial class TableRoundStore
{
    public string Holds => "Program rounds as previewed and published: who was paired with whom, with the reasons shown to the owner.";

    /// <summary>
    /// A preview that includes them is deleted (the owner previews again). A published round keeps its shape for the
    /// program's history, without them: their pairs and lines are removed and, as preparer or publisher, they become
    /// "forgotten".
    /// </summary>
    public async Task<int> EraseAsync(ErasureSubject subject, CancellationToken cancellationToken)
    {
        var person = subject.Person;
        var rows = (await _table.ScanAllAsync(cancellationToken))
            .Where(r => r.PartitionKey.StartsWith("round|", StringComparison.Ordinal) && ErasureRows.Mentions(r, subject.Ids))
            .ToList();
        var changed = await ErasureRows.DeleteAsync(_table, rows.Where(r => ToRound(r).Value.State == RoundState.Previewed), cancellationToken);
        foreach (var row in rows.Where(r => ToRound(r).Value.State != RoundState.Previewed))
        {
            changed += await ErasureRows.RewriteAsync(_table, row, current =>
            {
                var round = ToRound(current).Value;
                var forgotten = ForgetMeService.Forgotten;
                return ParentTenant.Stamp(ToEntity(round with
                {
                    PreparedBy = round.PreparedBy == person ? forgotten : round.PreparedBy,
                    PublishedBy = round.PublishedBy == person ? forgotten : round.PublishedBy,
                    Pairs = [.. round.Pairs.Where(p => p.Learner != person && p.Mentor != person)],
                    Unmatched = [.. round.Unmatched.Where(u => u.Learner != person)],
                    UnusedMentors = [.. round.UnusedMentors.Where(u => u.Mentor != person)],
                }), current.GetString(ParentTenant.Property));
            }, cancellationToken) ? 1 : 0;
        }

        return changed;
    }
}
