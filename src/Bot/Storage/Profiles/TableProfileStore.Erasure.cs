using System.Text.Json;
using MentorBot.Core.Privacy;

namespace MentorBot.Bot.Storage.Profiles;

internal sealed partial class TableProfileStore
{
    public string Holds => "Profiles: name, e-mail, sign-in name (UPN), department, manager link and the directory's line of managers above it, career level, time zone, working hours, languages, skills, Teams id.";

    /// <summary>
    /// The person's profile goes; colleagues whose manager they were keep their profile without the link, and
    /// colleagues whose directory line of managers (<c>LineAbove</c>, decision 0400) named them keep the line without
    /// them. <c>LineAbove</c> is a JSON column no table filter can search, so this reads the tenant's profiles once:
    /// forget-me is rare, and leaving the person's id behind in other rows is not an option.
    /// </summary>
    public async Task<int> EraseAsync(ErasureSubject subject, CancellationToken cancellationToken)
    {
        var id = subject.Person.AadObjectId;
        var changed = 0;
        foreach (var row in await _table.QueryAllAsync(Partition, null, cancellationToken))
        {
            if (row.RowKey == id || !NamesAsManager(row, id))
            {
                continue;
            }

            changed += await ErasureRows.RewriteAsync(_table, row, current => NamesAsManager(current, id) ? WithoutManager(current, id) : null, cancellationToken) ? 1 : 0;
        }

        return changed + (await _table.DeleteAsync(Partition, id, Core.Persistence.ETag.Any, cancellationToken) ? 1 : 0);
    }

    private static bool NamesAsManager(TableEntity row, string id) =>
        row.GetString("ManagerId") == id || LineAboveOf(row).Contains(id, StringComparer.Ordinal);

    private static TableEntity WithoutManager(TableEntity row, string id)
    {
        if (row.GetString("ManagerId") == id)
        {
            row.Properties.Remove("ManagerId");
        }

        var line = LineAboveOf(row);
        if (line.Contains(id, StringComparer.Ordinal))
        {
            var kept = line.Where(m => m != id).ToList();
            if (kept.Count == 0)
            {
                row.Properties.Remove("LineAbove");
            }
            else
            {
                row["LineAbove"] = JsonSerializer.Serialize<IReadOnlyList<string>>(kept, ProfileJsonContext.Default.IReadOnlyListString);
            }
        }

        return row;
    }

    private static IReadOnlyList<string> LineAboveOf(TableEntity row) =>
        row.GetString("LineAbove") is { Length: > 0 } json
            ? JsonSerializer.Deserialize(json, ProfileJsonContext.Default.IReadOnlyListString) ?? []
            : [];
}
