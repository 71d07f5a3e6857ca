using MentorBot.Core.Profiles;

namespace MentorBot.Core.Programs.Rounds;

public abstract record RoundPreviewOutcome
{
    private RoundPreviewOutcome()
    {
    }

    /// <param name="People">Everyone the round names, for display; someone who left in between is simply missing.</param>
    public sealed record Ready(MentoringProgram Program, ProgramRound Round, IReadOnlyDictionary<UserId, Profile> People) : RoundPreviewOutcome;

    public sealed record NotAnOwner : RoundPreviewOutcome;

    public sealed record ProgramNotFound : RoundPreviewOutcome;
}

public abstract record RoundPublishOutcome
{
    private RoundPublishOutcome()
    {
    }

    /// <param name="Sent">Offers sent by this publish (to the chosen colleague, or the next best when they no longer could).</param>
    /// <param name="AlreadySent">Pairs whose request had been offered by an earlier publish of the same round: nothing sent again.</param>
    /// <param name="NotSent">Pairs nobody could be offered any more; their senior was told as for any request.</param>
    public sealed record Published(MentoringProgram Program, ProgramRound Round, int Sent, int AlreadySent, int NotSent) : RoundPublishOutcome
    {
        /// <summary>Learners the round leaves without an offer: unmatched in the preview, plus any that could not be sent.</summary>
        public int StillUnmatched => Round.Unmatched.Count + NotSent;
    }

    public sealed record NotAnOwner : RoundPublishOutcome;

    public sealed record NotFound : RoundPublishOutcome;

    /// <summary>The preview is older than <see cref="ProgramRoundService.PreviewLifetime"/>: people and places have moved on.</summary>
    public sealed record Expired(MentoringProgram Program) : RoundPublishOutcome;

    /// <summary>
    /// What the owner saw is no longer what would be published (decision 0460): another edit made a newer revision, or
    /// the people, places or requests changed so the round would come out differently. Nothing was sent.
    /// </summary>
    public sealed record Stale(MentoringProgram Program, RoundStaleReason Reason, int CurrentRevision) : RoundPublishOutcome;
}

public enum RoundStaleReason
{
    /// <summary>Someone edited the round after the version the owner is looking at.</summary>
    RoundChanged,

    /// <summary>Profiles, places, memberships or requests changed: the round would not come out as shown.</summary>
    DataChanged,
}
