using MentorBot.Core.Matching;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Profiles;
using MentorBot.Core.Skills;

namespace MentorBot.Core.Requests;

/// <summary>A senior asking for help with a skill.</summary>
public sealed record AskForHelp(UserId Senior, SkillId Skill, string? Goal, MeetingFormat Format, Urgency Urgency);

/// <summary>Why nobody can be offered a request (data the Bot words for the senior), and what they could change.</summary>
public sealed record NoCandidates(NobodyAvailable Why, IReadOnlyList<NoCandidatesSuggestion> Suggestions);

public enum NoCandidatesSuggestion
{
    /// <summary>Availability changes; asking again in a few weeks often works.</summary>
    TryLater,

    /// <summary>A related or broader skill has more people who offer it.</summary>
    BroadenSkill,

    /// <summary>Few shared hours: widening one's own working hours helps.</summary>
    WidenWorkingHours,

    /// <summary>The program owner can invite colleagues who know the skill.</summary>
    AskProgramOwner,
}

public abstract record AskOutcome
{
    private AskOutcome()
    {
    }

    /// <summary>The request was created; the senior picks one of <paramref name="Candidates"/> (best first) or lets MentorBot choose.</summary>
    /// <param name="Eligible">How many people can help; a lower bound when <paramref name="AtLeast"/>.</param>
    public sealed record CandidatesFound(MentoringRequest Request, IReadOnlyList<RankedCandidate> Candidates, int Eligible, bool AtLeast) : AskOutcome;

    /// <summary>The request was created and closed at once: nobody can take it on now.</summary>
    public sealed record NoneAvailable(MentoringRequest Request, NoCandidates Why) : AskOutcome;

    /// <summary>The senior already has an open request for this skill.</summary>
    public sealed record AlreadyAsking(MentoringRequest Request) : AskOutcome;

    public sealed record NoProfile : AskOutcome;

    public sealed record UnknownSkill : AskOutcome;

    /// <summary>
    /// The asker takes part in <paramref name="ProgramName"/> to teach, and its owners keep asking for the colleagues who
    /// joined to learn (<see cref="Programs.MentoringProgram.JuniorsMayAsk"/> off, decision 0445); nothing was created.
    /// </summary>
    public sealed record ProgramForLearners(string ProgramName) : AskOutcome;

    /// <summary>The goal is over its limit (<see cref="TextLimits"/>); nothing was created.</summary>
    public sealed record TooLong(TextTooLong Problem) : AskOutcome;
}

public abstract record OfferOutcome
{
    private OfferOutcome()
    {
    }

    public sealed record Offered(MentoringRequest Request, Profile Candidate) : OfferOutcome;

    /// <summary>Everyone who could help was asked or is unavailable; the request is closed and the senior was told why.</summary>
    public sealed record NoCandidatesLeft(MentoringRequest Request, NoCandidates Why) : OfferOutcome;

    /// <summary>The colleague the senior picked can no longer take it on (paused, at capacity, already asked…).</summary>
    public sealed record CandidateUnavailable(MentoringRequest Request) : OfferOutcome;

    public sealed record Refused(RefusalReason Reason, MentoringRequest Request) : OfferOutcome;

    public sealed record NotYours : OfferOutcome;

    public sealed record NotFound : OfferOutcome;
}

public abstract record AcceptOutcome
{
    private AcceptOutcome()
    {
    }

    public sealed record Paired(MentoringRequest Request, Mentorship Mentorship, Profile Senior, Profile Junior) : AcceptOutcome;

    /// <summary>This colleague had already accepted (a double click, a retry): nothing changed.</summary>
    public sealed record AlreadyPairedWithYou(MentoringRequest Request) : AcceptOutcome;

    /// <summary>Someone else accepted first.</summary>
    public sealed record AlreadyMatched(MentoringRequest Request) : AcceptOutcome;

    public sealed record Refused(RefusalReason Reason, MentoringRequest Request) : AcceptOutcome;

    public sealed record NotFound : AcceptOutcome;

    /// <summary>
    /// The request's program is paused or closed: no new pair starts, so the accept is refused and the offer left as it
    /// was (decision 0445); it can be accepted if the program runs again while the offer is open.
    /// </summary>
    public sealed record ProgramNotTakingPairs(MentoringRequest Request, string ProgramName) : AcceptOutcome;
}

public abstract record DeclineOutcome
{
    private DeclineOutcome()
    {
    }

    /// <param name="Next">What happened to the request next (offered to someone else, or nobody left); null when the
    /// decline did not change where the request stands (a late or repeated decline).</param>
    /// <param name="Suggested">With "suggest a colleague": whether the colleague named was asked (null otherwise).</param>
    public sealed record Declined(MentoringRequest Request, OfferOutcome? Next, SuggestedColleague? Suggested = null) : DeclineOutcome;

    public sealed record Refused(RefusalReason Reason, MentoringRequest Request) : DeclineOutcome;

    public sealed record NotFound : DeclineOutcome;

    /// <summary>The reason is over its limit (<see cref="TextLimits"/>); the request is unchanged and still answerable.</summary>
    public sealed record TooLong(TextTooLong Problem) : DeclineOutcome;
}

public abstract record WithdrawOutcome
{
    private WithdrawOutcome()
    {
    }

    public sealed record Withdrawn(MentoringRequest Request) : WithdrawOutcome;

    public sealed record Refused(RefusalReason Reason, MentoringRequest Request) : WithdrawOutcome;

    public sealed record NotYours : WithdrawOutcome;

    public sealed record NotFound : WithdrawOutcome;
}

/// <summary>What became of the colleague a junior suggested when saying no.</summary>
public enum SuggestedColleague
{
    /// <summary>They were asked next.</summary>
    Asked,

    /// <summary>They are on MentorBot but cannot be asked for this (no consent, no room, paused, in the senior's reporting line, asked before, or they do not offer the skill).</summary>
    CannotBeAsked,

    /// <summary>Nobody on MentorBot in the tenant has that name (or several do).</summary>
    NotFound,
}
