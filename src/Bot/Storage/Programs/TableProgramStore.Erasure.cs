using System.Text.Json;
using MentorBot.Core.Privacy;

namespace MentorBot.Bot.Storage.Programs;

internal sealed partial class TableProgramStore
{
    public string Holds => "Programs: name, purpose, dates and the owners' ids.";

    /// <summary>A forgotten owner leaves the owners' list; the program stays for everyone else in it.</summary>
    public async Task<int> EraseAsync(ErasureSubject subject, CancellationToken cancellationToken)
    {
        var changed = 0;
        foreach (var row in (await _table.QueryAllAsync(Partition, null, cancellationToken)).Where(r => ErasureRows.Mentions(r, subject.Ids)))
        {
            changed += await ErasureRows.RewriteAsync(_table, row, current =>
            {
                var program = ToProgram(current).Value;
                return program.IsOwnedBy(subject.Person)
                    ? ToEntity(program with { Owners = [.. program.Owners.Where(o => o != subject.Person)] })
                    : null;
            }, cancellationToken) ? 1 : 0;
        }

        return changed;
    }
}
