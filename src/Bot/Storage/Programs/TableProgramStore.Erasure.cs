using System.Text.Json;
using MentorBot.Core.Privacy;
using MentorBot.Core.Programs;

namespace MentorBot.Bot.Storage.Programs;

internal sealed partial class TableProgramStore
{
    public string Holds => "Programs: name, purpose, dates, the owners' and safeguarding contacts' ids, and who changed which setting (decision 0440).";

    /// <summary>The person leaves the owners and safeguarding lists; their audit entries stay, anonymised, with their id
    /// taken out of any owners/contacts values they appear in.</summary>
    internal static MentoringProgram Forget(MentoringProgram program, Core.Profiles.UserId person)
    {
        var safeguarding = program.Safeguarding.Where(c => c != person).ToList();
        return program with
        {
            Owners = [.. program.Owners.Where(o => o != person)],
            SafeguardContacts = program.SafeguardContacts is null ? null : safeguarding,
            History = [.. program.History.Select(h => h with
            {
                By = h.By == person ? ForgottenActor : h.By,
                From = Without(h.From, person),
                To = Without(h.To, person),
            })],
        };
    }

    /// <summary>Who an audit entry says made a change once that person asked to be forgotten.</summary>
    internal static Core.Profiles.UserId ForgottenActor { get; } = new("(forgotten)");

    private static bool Names(ProgramChange change, Core.Profiles.UserId person) =>
        (change.From?.Contains(person.AadObjectId, StringComparison.OrdinalIgnoreCase) ?? false)
        || (change.To?.Contains(person.AadObjectId, StringComparison.OrdinalIgnoreCase) ?? false);

    private static string? Without(string? value, Core.Profiles.UserId person) =>
        value?.Replace(person.AadObjectId, ForgottenActor.AadObjectId, StringComparison.OrdinalIgnoreCase);

    /// <summary>A forgotten owner leaves the owners' list; the program stays for everyone else in it.</summary>
    public async Task<int> EraseAsync(ErasureSubject subject, CancellationToken cancellationToken)
    {
        var changed = 0;
        foreach (var row in (await _table.QueryAllAsync(Partition, null, cancellationToken)).Where(r => ErasureRows.Mentions(r, subject.Ids)))
        {
            changed += await ErasureRows.RewriteAsync(_table, row, current =>
            {
                var program = ToProgram(current).Value;
                var mentioned = program.IsOwnedBy(subject.Person)
                    || program.Safeguarding.Contains(subject.Person)
                    || program.History.Any(h => h.By == subject.Person || Names(h, subject.Person));
                return mentioned ? ToEntity(Forget(program, subject.Person)) : null;
            }, cancellationToken) ? 1 : 0;
        }

        return changed;
    }
}
