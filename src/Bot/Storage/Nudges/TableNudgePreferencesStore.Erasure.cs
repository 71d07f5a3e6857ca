using MentorBot.Core.Privacy;

namespace MentorBot.Bot.Storage.Nudges;

internal sealed partial class TableNudgePreferencesStore
{
    public string Holds => "Each person's nudge settings: muted kinds, snooze and quiet hours.";

    public async Task<int> EraseAsync(ErasureSubject subject, CancellationToken cancellationToken) =>
        await _table.DeleteAsync(Partition, subject.Person.AadObjectId, Core.Persistence.ETag.Any, cancellationToken) ? 1 : 0;
}
