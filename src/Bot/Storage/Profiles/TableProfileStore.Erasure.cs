using MentorBot.Core.Privacy;

namespace MentorBot.Bot.Storage.Profiles;

internal sealed partial class TableProfileStore
{
    public string Holds => "Profiles: name, e-mail, sign-in name (UPN), department, manager link, career level, time zone, working hours, languages, skills, Teams id.";

    /// <summary>The person's profile goes; colleagues whose manager they were keep their profile without the link.</summary>
    public async Task<int> EraseAsync(ErasureSubject subject, CancellationToken cancellationToken)
    {
        var id = subject.Person.AadObjectId;
        var changed = 0;
        foreach (var row in await _table.QueryAllAsync(Partition, EntityFilter.Equal("ManagerId", EntityProperty.String(id)), cancellationToken))
        {
            changed += await ErasureRows.RewriteAsync(_table, row, current =>
            {
                if (current.GetString("ManagerId") != id)
                {
                    return null;
                }

                current.Properties.Remove("ManagerId");
                return current;
            }, cancellationToken) ? 1 : 0;
        }

        return changed + (await _table.DeleteAsync(Partition, id, Core.Persistence.ETag.Any, cancellationToken) ? 1 : 0);
    }
}
