using MentorBot.Core.CheckIns;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Profiles;

namespace MentorBot.Core.CheckIns;

public enum FeedbackError
{
    NotAParticipant,
    WrongMentorship,
    RatingOutOfRange,

    /// <summary>A rating describes a meeting; without one there is nothing to rate.</summary>
    RatingWithoutMeeting,

    TextTooLong,
    CheckInNotScheduled,
    MeetingNotStarted,
}

/// <summary>What someone typed into the post-meeting card, before validation.</summary>
public sealed record FeedbackSubmission(
    UserId From,
    bool Met,
    int? Rating = null,
    string? Learned = null,
    string? Taught = null,
    string? NextTopics = null,
    string? SharedNote = null,
    string? OneThingToTry = null);

/// <summary>
/// One person's private feedback on one check-in. Private by default: the other person never sees it, and
/// program owners see it only in aggregates that hide small groups.
/// </summary>
public sealed record CheckInFeedback(
    MentorshipId MentorshipId,
    CheckInId CheckInId,
    UserId From,
    bool Met,
    int? Rating,
    string? Learned,
    string? Taught,
    string? NextTopics,
    DateTimeOffset SubmittedAt)
{
    /// <summary>A feedback answer's documented maximum (<see cref="TextLimits"/>).</summary>
    public static int MaxTextLength => TextLimits.MaxLength(FreeTextField.FeedbackAnswer);

    /// <summary>
    /// Validates a submission and records the "did you meet?" answer on the check-in, so the caller saves both
    /// or neither.
    /// </summary>
    public static Result<FeedbackRecorded, FeedbackError> Submit(
        Mentorship mentorship, CheckIn checkIn, FeedbackSubmission submission, DateTimeOffset now)
    {
        if (checkIn.MentorshipId != mentorship.Id)
        {
            return FeedbackError.WrongMentorship;
        }

        if (!mentorship.Involves(submission.From))
        {
            return FeedbackError.NotAParticipant;
        }

        if (submission.Rating is { } rating && (rating < 1 || rating > 5))
        {
            return FeedbackError.RatingOutOfRange;
        }

        if (submission.Rating is not null && !submission.Met)
        {
            return FeedbackError.RatingWithoutMeeting;
        }

        if (TextLimits.Check(
            [
                (FreeTextField.FeedbackAnswer, submission.Learned),
                (FreeTextField.FeedbackAnswer, submission.Taught),
                (FreeTextField.FeedbackAnswer, submission.NextTopics),
                (FreeTextField.SharedNote, submission.SharedNote),
                (FreeTextField.FeedbackAnswer, submission.OneThingToTry),
            ]) is not null)
        {
            return FeedbackError.TextTooLong;
        }

        var updated = checkIn.RecordAttendance(mentorship, submission.From, submission.Met, now);
        if (!updated.IsOk)
        {
            return updated.Error switch
            {
                CheckInError.NotStartedYet => FeedbackError.MeetingNotStarted,
                _ => FeedbackError.CheckInNotScheduled,
            };
        }

        var checkInAfter = updated.Value!;
        if (submission.Met && !string.IsNullOrWhiteSpace(submission.SharedNote))
        {
            var noted = checkInAfter.RecordNotes(mentorship, submission.From, submission.SharedNote);
            if (!noted.IsOk)
            {
                return FeedbackError.TextTooLong;
            }

            checkInAfter = noted.Value!;
        }

        // Only the senior commits to "one thing to try"; the junior's card has no such field, so a junior's value
        // (a hand-made payload) is ignored rather than refused.
        if (submission.Met && submission.From == mentorship.Senior && !string.IsNullOrWhiteSpace(submission.OneThingToTry))
        {
            var committed = checkInAfter.RecordOneThingToTry(mentorship, submission.From, submission.OneThingToTry);
            if (!committed.IsOk)
            {
                return FeedbackError.TextTooLong;
            }

            checkInAfter = committed.Value!;
        }

        var feedback = new CheckInFeedback(
            mentorship.Id, checkIn.Id, submission.From, submission.Met, submission.Rating,
            Clean(submission.Learned), Clean(submission.Taught), Clean(submission.NextTopics), now);
        return new FeedbackRecorded(feedback, checkInAfter);
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>The feedback to store and the check-in with the attendance answer applied (Held or Missed).</summary>
public sealed record FeedbackRecorded(CheckInFeedback Feedback, CheckIn CheckIn);
