using MentorBot.Core.Persistence;
using MentorBot.Core.Profiles;
using MentorBot.Core.Tenants;

namespace MentorBot.Core.Programs;

/// <summary>What joining, or leaving, came to.</summary>
public enum MembershipChange
{
    Joined,
    AlreadyMember,
    Left,
    NotAMember,
    NoSuchProgram,

    /// <summary>The program's cohort has ended (decision 0253) or an owner closed it; nothing was recorded.</summary>
    ProgramEnded,

    /// <summary>An owner paused the program (decision 0440); nothing was recorded.</summary>
    ProgramPaused,
}

/// <summary>
/// Who takes part in which program, from the person's side: joining in chat records their consent (nobody is matched
/// without it), leaving drops it. A request belongs to the program its senior consented to, and only consented
/// members of that program are matched to it; a person in no program is matched as before programs existed.
/// </summary>
public sealed class ProgramMembership(IProgramStore programs, IEnrolmentStore enrolments, IProfileStore profiles, TimeProvider time, Requests.LiveMatchingIndex? matching = null) : Requests.IProgramMembers
{
    private const int MaxWriteAttempts = 3;

    /// <summary>The programs of the person's tenant they could join now (running, not yet consented to), by name.</summary>
    public async Task<IReadOnlyList<MentoringProgram>> JoinableAsync(UserId person, TenantId? tenant, CancellationToken cancellationToken)
    {
        var today = NodaTime.LocalDate.FromDateTime(time.GetUtcNow().UtcDateTime);
        return [.. (await StandingAsync(person, cancellationToken))
            .Where(p => !p.Consented && today <= p.Program.Cohort.End && p.Program.Tenant == tenant && p.Program.TakesNewPairs)
            .Select(p => p.Program)];
    }

    /// <summary>The programs the person has consented to, by name.</summary>
    public async Task<IReadOnlyList<MentoringProgram>> MembershipsAsync(UserId person, CancellationToken cancellationToken) =>
        [.. (await StandingAsync(person, cancellationToken)).Where(p => p.Consented).Select(p => p.Program)];

    /// <summary>The program a new request of <paramref name="senior"/> belongs to: the first they consented to, if any.</summary>
    public async Task<ProgramId?> ProgramForRequestAsync(UserId senior, CancellationToken cancellationToken) =>
        (await MembershipsAsync(senior, cancellationToken)).Select(p => (ProgramId?)p.Id).FirstOrDefault();

    /// <summary>Consented members of a program: the only people a request in it may be offered to.</summary>
    public async Task<IReadOnlySet<UserId>> MembersAsync(ProgramId program, CancellationToken cancellationToken) =>
        (await enrolments.ListAsync(program, cancellationToken)).Where(e => e.Value.MayBeMatched).Select(e => e.Value.Person).ToHashSet();

    /// <summary>The program's cadence, term, answer window and whether it takes new pairs (decision 0440).</summary>
    public async Task<Requests.ProgramTerms?> TermsAsync(ProgramId program, CancellationToken cancellationToken) =>
        (await programs.GetAsync(program, cancellationToken))?.Value is { } p
            ? new Requests.ProgramTerms(p.Meetings.ToCadence(), p.TermMonths, p.ReOfferWindow, p.TakesNewPairs) { TargetSkills = p.Goals.TargetSkills, Name = p.Name, JuniorsMayAsk = p.JuniorsMayAsk }
            : null;

    /// <summary>
    /// The person's own "yes, I'd like to take part" (self-enrolment, or confirming an owner's import), with the program
    /// it was about (null when there is no such program).
    /// </summary>
    /// <remarks>A program of another tenant is "no such program": its id says nothing to this person (decision 0230).</remarks>
    public async Task<(MembershipChange Change, MentoringProgram? Program)> JoinAsync(ProgramId id, UserId person, TenantId? tenant, CancellationToken cancellationToken)
    {
        if ((await programs.GetAsync(id, cancellationToken))?.Value is not { } program || program.Tenant != tenant)
        {
            return (MembershipChange.NoSuchProgram, null);
        }

        // The same rule as JoinableAsync: a program can be joined until its cohort ends (ahead of its start too, so
        // people can sign up before the first round), never after.
        var today = NodaTime.LocalDate.FromDateTime(time.GetUtcNow().UtcDateTime);
        if (today > program.Cohort.End || program.State == ProgramState.Closed)
        {
            return (MembershipChange.ProgramEnded, program);
        }

        // Paused: nobody joins until an owner resumes it (decision 0440).
        if (program.State == ProgramState.Paused)
        {
            return (MembershipChange.ProgramPaused, program);
        }

        var change = await ConsentAsync(id, person, cancellationToken);
        await ActivateIfInvitedAsync(person, cancellationToken);
        return (change, program);
    }

    /// <summary>Join is the person's own yes (0242): a profile an owner imported becomes matchable only now.</summary>
    private async Task ActivateIfInvitedAsync(UserId person, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (await profiles.GetAsync(person, cancellationToken) is not { Value.Participation.HasConsented: false } stored)
            {
                return;
            }

            try
            {
                var joined = stored.Value with { Participation = Participation.Active };
                var etag = await profiles.ReplaceAsync(joined, stored.ETag, cancellationToken);
                if (matching is not null)
                {
                    await matching.ProfileSavedAsync(joined, etag, cancellationToken);
                }

                return;
            }
            catch (ConcurrencyConflictException) when (attempt < MaxWriteAttempts)
            {
            }
        }
    }

    private async Task<MembershipChange> ConsentAsync(ProgramId program, UserId person, CancellationToken cancellationToken)
    {

        for (var attempt = 1; ; attempt++)
        {
            var now = time.GetUtcNow();
            try
            {
                if (await enrolments.GetAsync(program, person, cancellationToken) is not { } stored)
                {
                    await enrolments.InsertAsync(Enrolment.SelfEnrol(program, person, now), cancellationToken);
                    return MembershipChange.Joined;
                }

                if (stored.Value.MayBeMatched)
                {
                    return MembershipChange.AlreadyMember;
                }

                await enrolments.ReplaceAsync(stored.Value.Confirm(now), stored.ETag, cancellationToken);
                return MembershipChange.Joined;
            }
            catch (ConcurrencyConflictException) when (attempt < MaxWriteAttempts)
            {
                // An owner's import (or a second press) wrote at the same moment: decide again on what is there now.
            }
        }
    }

    /// <summary>Every program of the tenant, by name, and whether the person has consented to it.</summary>
    private async Task<IReadOnlyList<(MentoringProgram Program, bool Consented)>> StandingAsync(UserId person, CancellationToken cancellationToken)
    {
        // The person's enrolments are point reads, read together: one round trip however many programs there are.
        var all = (await programs.ListAsync(cancellationToken)).Select(p => p.Value).ToList();
        var enrolled = await Task.WhenAll(all.Select(p => enrolments.GetAsync(p.Id, person, cancellationToken)));
        return [.. all.Select((program, i) => (program, enrolled[i] is { Value.MayBeMatched: true }))];
    }

    /// <summary>Leaving drops the consent: matching stops offering the person anything in this program.</summary>
    public async Task<MembershipChange> LeaveAsync(ProgramId program, UserId person, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (await enrolments.GetAsync(program, person, cancellationToken) is not { Value.MayBeMatched: true } stored)
            {
                return MembershipChange.NotAMember;
            }

            try
            {
                await enrolments.ReplaceAsync(stored.Value.Withdraw(time.GetUtcNow()), stored.ETag, cancellationToken);
                return MembershipChange.Left;
            }
            catch (ConcurrencyConflictException) when (attempt < MaxWriteAttempts)
            {
            }
        }
    }
}
