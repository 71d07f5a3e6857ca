using MentorBot.Core.Persistence;
using MentorBot.Core.Profiles;
using MentorBot.Core.Skills;

namespace MentorBot.Core.Programs.Rounds;

/// <summary>An owner's change to a previewed round (decision 0460). Every edit re-runs the exact matcher around the pins.</summary>
public abstract record RoundEdit
{
    private RoundEdit()
    {
    }

    /// <summary>Keeps this pair as shown, whatever the re-run finds for everyone else.</summary>
    public sealed record Pin(UserId Learner, SkillId Skill) : RoundEdit;

    public sealed record Unpin(UserId Learner, SkillId Skill) : RoundEdit;

    /// <summary>Takes the request out of the round: nobody is offered it; its mentor's place is free for others.</summary>
    public sealed record Remove(UserId Learner, SkillId Skill) : RoundEdit;

    /// <summary>Puts a removed request back.</summary>
    public sealed record Restore(UserId Learner, SkillId Skill) : RoundEdit;

    /// <summary>Exchanges the mentors of two pairs; both new pairs are pinned.</summary>
    public sealed record Swap(UserId FirstLearner, SkillId FirstSkill, UserId SecondLearner, SkillId SecondSkill) : RoundEdit;

    /// <summary>Works the round out again on today's data with its pins and removals.</summary>
    public sealed record Rerun : RoundEdit;
}

public enum RoundEditRefusal
{
    /// <summary>The pair (or removed request) named is not in the round.</summary>
    PairNotInRound,

    /// <summary>A swap of two pairs with the same mentor, or of a pair with itself.</summary>
    NothingToSwap,

    /// <summary>A pin breaks a hard rule (skill gap, reporting line, availability, places, a last round's partner).</summary>
    PinNotPossible,
}

public abstract record RoundEditOutcome
{
    private RoundEditOutcome()
    {
    }

    public sealed record Edited(MentoringProgram Program, ProgramRound Round, IReadOnlyDictionary<UserId, Profile> People) : RoundEditOutcome;

    public sealed record NotAnOwner : RoundEditOutcome;

    public sealed record NotFound : RoundEditOutcome;

    /// <summary>Published rounds are what was sent: they cannot change.</summary>
    public sealed record AlreadyPublished : RoundEditOutcome;

    /// <summary>The owner edited an older revision: someone else changed the round since; nothing was changed.</summary>
    public sealed record Stale(int CurrentRevision) : RoundEditOutcome;

    /// <param name="Pins">For <see cref="RoundEditRefusal.PinNotPossible"/>: the pins that cannot hold.</param>
    public sealed record Refused(RoundEditRefusal Reason, IReadOnlyList<RoundPin> Pins) : RoundEditOutcome;
}

public sealed partial class ProgramRoundService
{
    /// <summary>
    /// Applies <paramref name="edit"/> to revision <paramref name="shownRevision"/> of a previewed round, re-runs the
    /// exact matcher with the pinned pairs fixed (they take their places first) and stores the result as the next
    /// revision. Nothing is stored when the edit is refused or the round moved on meanwhile.
    /// </summary>
    public async Task<RoundEditOutcome> EditAsync(ProgramId programId, RoundId roundId, UserId owner, int shownRevision, RoundEdit edit, CancellationToken cancellationToken)
    {
        if (await programs.GetAsync(programId, cancellationToken) is not { Value: var program })
        {
            return new RoundEditOutcome.NotFound();
        }

        if (!ProgramAccess.CanManage(owner, program))
        {
            return new RoundEditOutcome.NotAnOwner();
        }

        if (await rounds.GetAsync(programId, roundId, cancellationToken) is not { } stored)
        {
            return new RoundEditOutcome.NotFound();
        }

        var round = stored.Value;
        if (round.State != RoundState.Previewed)
        {
            return new RoundEditOutcome.AlreadyPublished();
        }

        if (round.Revision != shownRevision)
        {
            return new RoundEditOutcome.Stale(round.Revision);
        }

        var pins = round.Pins.ToList();
        var removed = round.Removed.ToList();
        RoundPair? Pair(UserId learner, SkillId skill) => round.Pairs.FirstOrDefault(p => p.Learner == learner && p.Skill == skill);
        void Unpin(UserId learner, SkillId skill) => pins.RemoveAll(p => p.Learner == learner && p.Skill == skill);
        switch (edit)
        {
            case RoundEdit.Pin pin when Pair(pin.Learner, pin.Skill) is { } pair:
                Unpin(pin.Learner, pin.Skill);
                pins.Add(new RoundPin(pair.Learner, pair.Skill, pair.Mentor));
                break;
            case RoundEdit.Unpin unpin when pins.Any(p => p.Learner == unpin.Learner && p.Skill == unpin.Skill):
                Unpin(unpin.Learner, unpin.Skill);
                break;
            case RoundEdit.Remove remove when Pair(remove.Learner, remove.Skill) is not null
                || round.Unmatched.Any(u => u.Learner == remove.Learner && u.Skill == remove.Skill):
                Unpin(remove.Learner, remove.Skill);
                removed.Add(new RoundRemoval(remove.Learner, remove.Skill));
                break;
            case RoundEdit.Restore restore when removed.Remove(new RoundRemoval(restore.Learner, restore.Skill)):
                break;
            case RoundEdit.Swap swap when Pair(swap.FirstLearner, swap.FirstSkill) is { } first && Pair(swap.SecondLearner, swap.SecondSkill) is { } second:
                if (first.Mentor == second.Mentor)
                {
                    return new RoundEditOutcome.Refused(RoundEditRefusal.NothingToSwap, []);
                }

                Unpin(first.Learner, first.Skill);
                Unpin(second.Learner, second.Skill);
                pins.Add(new RoundPin(first.Learner, first.Skill, second.Mentor));
                pins.Add(new RoundPin(second.Learner, second.Skill, first.Mentor));
                break;
            case RoundEdit.Rerun:
                break;
            default:
                return new RoundEditOutcome.Refused(RoundEditRefusal.PairNotInRound, []);
        }

        var now = time.GetUtcNow();
        var solved = await SolveAsync(program, pins, removed, now, cancellationToken);
        if (solved.RejectedPins.Length > 0)
        {
            return new RoundEditOutcome.Refused(RoundEditRefusal.PinNotPossible, solved.RejectedPins);
        }

        var edited = round with
        {
            Pairs = solved.Pairs,
            Unmatched = solved.Unmatched,
            UnusedMentors = solved.UnusedMentors,
            Certificate = solved.Certificate,
            Pins = [.. pins],
            Removed = [.. removed],
            Revision = round.Revision + 1,
            EditedBy = owner,
            EditedAt = now,
        };
        try
        {
            await rounds.ReplaceAsync(edited, stored.ETag, cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            var current = await rounds.GetAsync(programId, roundId, cancellationToken);
            return current?.Value.State == RoundState.Published
                ? new RoundEditOutcome.AlreadyPublished()
                : new RoundEditOutcome.Stale(current?.Value.Revision ?? round.Revision);
        }

        Log.Edited(logger, programId, roundId, edited.Revision, edited.Pairs.Count, pins.Count);
        return new RoundEditOutcome.Edited(program, edited, solved.People);
    }

    /// <summary>A stored round with the people it names, for showing it again (the dashboard's round page).</summary>
    public async Task<RoundEditOutcome> GetAsync(ProgramId programId, RoundId roundId, UserId owner, CancellationToken cancellationToken)
    {
        if (await programs.GetAsync(programId, cancellationToken) is not { Value: var program })
        {
            return new RoundEditOutcome.NotFound();
        }

        if (!ProgramAccess.CanManage(owner, program))
        {
            return new RoundEditOutcome.NotAnOwner();
        }

        if (await rounds.GetAsync(programId, roundId, cancellationToken) is not { Value: var round })
        {
            return new RoundEditOutcome.NotFound();
        }

        var named = round.Pairs.SelectMany(p => new[] { p.Learner, p.Mentor })
            .Concat(round.Unmatched.Select(u => u.Learner))
            .Concat(round.UnusedMentors.Select(u => u.Mentor))
            .Concat(round.Removed.Select(r => r.Learner))
            .ToHashSet();
        var snapshot = await snapshots.LoadAsync(time.GetUtcNow(), program.Tenant, cancellationToken);
        var people = snapshot.Profiles.Where(p => named.Contains(p.Id)).ToDictionary(p => p.Id);
        return new RoundEditOutcome.Edited(program, round, people);
    }
}
