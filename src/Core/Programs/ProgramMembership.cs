using MentorBot.Core.Persistence;
using MentorBot.Core.Profiles;

namespace MentorBot.Core.Programs;

/// <summary>What joining, or leaving, came to.</summary>
public enum MembershipChange
{
    Joined,
    AlreadyMember,
    Left,
    NotAMember,
    NoSuchProgram,
}

/// <summary>
/// Who takes part in which program, from the person's side: joining in chat records their consent (nobody is matched
/// without it), leaving drops it. A request belongs to the program its senior consented to, and only consented
/// members of that program are matched to it; a person in no program is matched as before programs existed.
/// </summary>
public sealed class ProgramMembership(IProgramStore programs, IEnrolmentStore enrolments, TimeProvider time)
{
    private const int MaxWriteAttempts = 3;

    /// <summary>The programs a person could join now (running, not yet consented to), by name.</summary>
    public async Task<IReadOnlyList<MentoringProgram>> JoinableAsync(UserId person, CancellationToken cancellationToken)
    {
        var today = NodaTime.LocalDate.FromDateTime(time.GetUtcNow().UtcDateTime);
        var joinable = new List<MentoringProgram>();
        foreach (var program in (await programs.ListAsync(cancellationToken)).Select(p => p.Value))
        {
            if (today <= program.Cohort.End
                && await enrolments.GetAsync(program.Id, person, cancellationToken) is not { Value.MayBeMatched: true })
            {
                joinable.Add(program);
            }
        }

        return joinable;
    }

    /// <summary>The programs the person has consented to, by name.</summary>
    public async Task<IReadOnlyList<MentoringProgram>> MembershipsAsync(UserId person, CancellationToken cancellationToken)
    {
        var member = new List<MentoringProgram>();
        foreach (var program in (await programs.ListAsync(cancellationToken)).Select(p => p.Value))
        {
            if (await enrolments.GetAsync(program.Id, person, cancellationToken) is { Value.MayBeMatched: true })
            {
                member.Add(program);
            }
        }

        return member;
    }

    /// <summary>The program a new request of <paramref name="senior"/> belongs to: the first they consented to, if any.</summary>
    public async Task<ProgramId?> ProgramForRequestAsync(UserId senior, CancellationToken cancellationToken) =>
        (await MembershipsAsync(senior, cancellationToken)).Select(p => (ProgramId?)p.Id).FirstOrDefault();

    /// <summary>Consented members of a program: the only people a request in it may be offered to.</summary>
    public async Task<IReadOnlySet<UserId>> MembersAsync(ProgramId program, CancellationToken cancellationToken) =>
        (await enrolments.ListAsync(program, cancellationToken)).Where(e => e.Value.MayBeMatched).Select(e => e.Value.Person).ToHashSet();

    /// <summary>The person's own "yes, I'd like to take part" (self-enrolment, or confirming an owner's import).</summary>
    public async Task<MembershipChange> JoinAsync(ProgramId program, UserId person, CancellationToken cancellationToken)
    {
        if (await programs.GetAsync(program, cancellationToken) is null)
        {
            return MembershipChange.NoSuchProgram;
        }

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
