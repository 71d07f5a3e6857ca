using MentorBot.Core.Profiles;

namespace MentorBot.Core.Programs;

/// <summary>Who reads a concern, by role: what the person raising it is told, never a name.</summary>
public enum ConcernReaderRole
{
    /// <summary>The program's owners who are not one of the two people in the pairing.</summary>
    ProgramOwners,

    /// <summary>The program's safeguarding contacts: every owner is part of the pairing.</summary>
    SafeguardContacts,

    /// <summary>The tenant's <c>Concerns:DefaultOwners</c>: no program, or nobody in it can read it.</summary>
    DefaultContacts,

    /// <summary>Nobody is set up who is not part of the pairing.</summary>
    Nobody,
}

/// <summary>The people who may read and act on one concern, and the role they hold.</summary>
public sealed record ConcernReaders(ConcernReaderRole Role, IReadOnlyList<UserId> People)
{
    public bool Includes(UserId person) => People.Contains(person);
}

/// <summary>
/// The one rule for who may see a concern (decision 0240): never either of the two people in the pairing, whatever
/// else they are. The program's owners read it; when every owner is in the pairing, its safeguarding contacts; when
/// it names none (or the pair is in no program), the tenant's default contacts. Chat alerts, the dashboard, its JSON,
/// counts and owner actions all ask this; nothing else decides.
/// </summary>
public static class ConcernAudience
{
    public static ConcernReaders For(MentoringProgram? program, UserId oneOfThePair, UserId otherOfThePair, IEnumerable<UserId> defaultContacts)
    {
        bool NotInPair(UserId person) => person != oneOfThePair && person != otherOfThePair && !string.IsNullOrWhiteSpace(person.AadObjectId);

        if (program is not null)
        {
            var owners = program.Owners.Where(NotInPair).Distinct().ToList();
            if (owners.Count > 0)
            {
                return new ConcernReaders(ConcernReaderRole.ProgramOwners, owners);
            }

            var safeguarding = program.Safeguarding.Where(NotInPair).Distinct().ToList();
            if (safeguarding.Count > 0)
            {
                return new ConcernReaders(ConcernReaderRole.SafeguardContacts, safeguarding);
            }
        }

        var defaults = defaultContacts.Where(NotInPair).Distinct().ToList();
        return defaults.Count > 0
            ? new ConcernReaders(ConcernReaderRole.DefaultContacts, defaults)
            : new ConcernReaders(ConcernReaderRole.Nobody, []);
    }

    /// <summary>
    /// The readers of a stored concern. A concern whose other person is unknown (an old row whose pairing can no longer
    /// be read) has no readers: better unread by the program than read by the person it is about.
    /// </summary>
    public static ConcernReaders For(Concern concern, MentoringProgram program, IEnumerable<UserId> defaultContacts) =>
        concern.About is { } about && concern.Program == program.Id
            ? For(program, concern.RaisedBy, about, defaultContacts)
            : new ConcernReaders(ConcernReaderRole.Nobody, []);

    /// <summary>Whether <paramref name="viewer"/> may read (and act on) this concern.</summary>
    public static bool MayRead(UserId viewer, Concern concern, MentoringProgram program, IEnumerable<UserId> defaultContacts) =>
        For(concern, program, defaultContacts).Includes(viewer);

    /// <summary>Whether <paramref name="viewer"/> could be a reader of some concern in this program (the route gate).</summary>
    public static bool MayReadAny(UserId viewer, MentoringProgram program, IEnumerable<UserId> defaultContacts) =>
        program.IsOwnedBy(viewer) || program.Safeguarding.Contains(viewer) || defaultContacts.Contains(viewer);
}
