using MentorBot.Core.Privacy;

namespace MentorBot.Bot.Storage.Programs;

internal sealed partial class TableEnrolmentStore
{
    public string Holds => "Who is in which program, invited or consented, and the consent given (when and how).";

    /// <summary>Every enrolment and its consent go: someone who comes back consents again.</summary>
    public async Task<int> EraseAsync(ErasureSubject subject, CancellationToken cancellationToken)
    {
        var row = TableKeys.Escape(subject.Person.AadObjectId);
        var rows = await _table.ScanAllAsync(cancellationToken);
        return await ErasureRows.DeleteAsync(_table, rows.Where(r => r.RowKey == row || ErasureRows.Mentions(r, subject.Ids)), cancellationToken);
    }
}
