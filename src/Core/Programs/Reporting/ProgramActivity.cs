using MentorBot.Core.CheckIns;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Profiles;
using MentorBot.Core.Programs.Rounds;
using MentorBot.Core.Requests;
using MentorBot.Core.Skills;

namespace MentorBot.Core.Programs.Reporting;

// Small, flat views of what reporting needs. Mentorships, check-ins and feedback have richer models of their own;
// the From… methods map them, so reports depend on nothing but the facts they show and tests can seed them by hand.

public enum PairingState
{
    Active,
    Paused,
    Ended,
}

/// <summary>One pair. <paramref name="Senior"/> learns the skill from <paramref name="Junior"/> (and teaches back).</summary>
public sealed record PairingRow(
    MentorshipId Id,
    UserId Senior,
    string SeniorName,
    UserId Junior,
    string JuniorName,
    SkillId Skill,
    DateTimeOffset StartedAt,
    PairingState State)
{
    public static PairingRow FromMentorship(Mentorship mentorship, string seniorName, string juniorName) => new(
        mentorship.Id,
        mentorship.Senior,
        seniorName,
        mentorship.Junior,
        juniorName,
        mentorship.Skill,
        mentorship.StartedAt,
        mentorship.State.Status switch
        {
            MentorshipStatus.Active => PairingState.Active,
            MentorshipStatus.Paused => PairingState.Paused,
            _ => PairingState.Ended,
        });
}

/// <summary>One planned check-in and whether the pair said it happened.</summary>
public sealed record CheckInRow(MentorshipId Pairing, DateTimeOffset PlannedFor, bool Held)
{
    /// <summary>
    /// Null for a check-in the pair chose to skip: it was never planned to happen. One still being arranged counts as
    /// planned from when it was proposed, so a pair that never picks a time shows as drifting.
    /// </summary>
    public static CheckInRow? FromCheckIn(CheckIn checkIn) => checkIn.Status == CheckInStatus.Skipped
        ? null
        : new CheckInRow(checkIn.MentorshipId, checkIn.Meeting?.Slot.Start ?? checkIn.CreatedAt, checkIn.Status == CheckInStatus.Held);
}

/// <summary>One private rating (1–5) after a check-in. Only ever shown aggregated over enough people.</summary>
public sealed record FeedbackRow(MentorshipId Pairing, UserId From, SkillId Skill, int Rating, DateTimeOffset GivenAt)
{
    /// <summary>Null for feedback without a rating ("we didn't meet"); only ratings are aggregated.</summary>
    public static FeedbackRow? FromFeedback(CheckInFeedback feedback, SkillId skill) => feedback.Rating is { } rating
        ? new FeedbackRow(feedback.MentorshipId, feedback.From, skill, rating, feedback.SubmittedAt)
        : null;
}

/// <summary>A senior's request for help, in whatever state it has reached.</summary>
public sealed record RequestRow(RequestId Id, UserId Senior, SkillId Skill, RequestStatus Status, DateTimeOffset CreatedAt)
{
    public static RequestRow FromRequest(MentoringRequest request) =>
        new(request.Id, request.Senior, request.Skill, request.Status, request.CreatedAt);
}

/// <summary>A consented participant and what they offer and want, for "who is left without a match".</summary>
/// <param name="AvailableToTeach">Consented, active and with capacity left right now.</param>
public sealed record ParticipantRow(UserId Person, bool AvailableToTeach, IReadOnlyList<SkillId> Offers, IReadOnlyList<SkillId> Wants);

/// <summary>Everything that happened in one program, as reporting sees it.</summary>
public sealed record ProgramActivity(
    ProgramId Program,
    IReadOnlyList<PairingRow> Pairings,
    IReadOnlyList<CheckInRow> CheckIns,
    IReadOnlyList<FeedbackRow> Feedback,
    IReadOnlyList<RequestRow> Requests,
    IReadOnlyList<ParticipantRow> Participants,
    IReadOnlyList<ProgramRound>? Rounds = null);
