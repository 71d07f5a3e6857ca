using MentorBot.Core.Outbox;
using MentorBot.Core.Profiles;

namespace MentorBot.Core.CheckIns;

/// <summary>What a check-in's changes record for the outbox (decision 0320).</summary>
public static class CheckInMessage
{
    /// <summary>
    /// Tells <paramref name="recipient"/> about a change <paramref name="by"/> made to a check-in (decision 0320). The
    /// key names the check-in as the change leaves it (status, calendar sequence), the kind and when it happened: one
    /// change tells one person once, and two changes in the same instant (offer new times on a booking) stay apart.
    /// </summary>
    public static RequestMessage ForCheckIn(
        UserId recipient, CheckIn checkIn, UserId by, DateTimeOffset at, RequestMessageKind kind, string? note = null, bool? managerCopied = null) => new(
        $"{checkIn.Id.Value}.{checkIn.Status}.{checkIn.Sequence}.{kind}.{at.UtcTicks}.{recipient.AadObjectId}",
        new RequestId(string.Empty),
        recipient,
        kind,
        at,
        Candidate: by,
        Mentorship: checkIn.MentorshipId,
        CheckIn: checkIn.Id,
        Note: note,
        ManagerCopied: managerCopied);
}
