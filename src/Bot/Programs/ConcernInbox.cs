using MentorBot.Core.Mentorships;
using MentorBot.Core.Persistence;
using MentorBot.Core.Profiles;
using MentorBot.Core.Programs;
using Microsoft.Extensions.Options;
using MentorBot.Core;

namespace MentorBot.Bot.Programs;

/// <summary>
/// Reads a program's concerns for one viewer through Core's rule (<see cref="ConcernAudience"/>, decision 0240): the
/// JSON, the page's inbox, "program status" counts and owner actions all come through here, so an owner who is one of
/// the two people in a pairing never sees, counts or acts on a concern about it. Rows stored before concerns recorded
/// the other person get it from the pairing.
/// </summary>
public sealed class ConcernInbox(IConcernStore store, IMentorshipStore mentorships, IOptions<ConcernOptions> options)
{
    public IReadOnlyList<UserId> DefaultContacts => [.. options.Value.DefaultOwners.Select(id => new UserId(id.Trim()))];

    /// <summary>The concerns <paramref name="viewer"/> may read, oldest first.</summary>
    public async Task<IReadOnlyList<Concern>> VisibleAsync(UserId viewer, MentoringProgram program, CancellationToken cancellationToken)
    {
        var stored = new List<Concern>();
        foreach (var concern in await store.ListAsync(program.Id, cancellationToken))
        {
            stored.Add(await CompleteAsync(concern.Value, cancellationToken));
        }

        return ProgramAccess.ConcernsFor(viewer, program, stored, DefaultContacts);
    }

    /// <summary>One concern, if <paramref name="viewer"/> may read it; otherwise null, exactly as if it did not exist.</summary>
    public async Task<Versioned<Concern>?> GetVisibleAsync(UserId viewer, MentoringProgram program, ConcernId id, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(program.Id, id, cancellationToken) is not { } stored)
        {
            return null;
        }

        var concern = await CompleteAsync(stored.Value, cancellationToken);
        return ConcernAudience.MayRead(viewer, concern, program, DefaultContacts) ? stored with { Value = concern } : null;
    }

    /// <summary>The audit trail of a concern the caller already got from <see cref="VisibleAsync"/>.</summary>
    public Task<IReadOnlyList<ConcernAuditEntry>> AuditAsync(ProgramId program, ConcernId id, CancellationToken cancellationToken) =>
        store.ListAuditAsync(program, id, cancellationToken);

    /// <summary>Whether the viewer may open this program's concerns at all (owners, safeguarding and default contacts).</summary>
    public bool MayOpen(UserId viewer, MentoringProgram program) => ConcernAudience.MayReadAny(viewer, program, DefaultContacts);

    private async Task<Concern> CompleteAsync(Concern concern, CancellationToken cancellationToken) =>
        concern.About is null && await mentorships.GetAsync(concern.Mentorship, cancellationToken) is { } pairing
            ? concern.WithPairing(pairing.Value)
            : concern;
}
