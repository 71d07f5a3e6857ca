using MentorBot.Core.Outbox;
using MentorBot.Core.Profiles;

namespace MentorBot.Core.CheckIns;

/// <summary>What a check-in's changes record for the outbox (decision 0320).</summary>
public static class CheckInMessage
{
    /// <summary>
    /// Tells <paramref name="recipient"/> about a change <paramref name="by"/> made to a check-in (decision 0320). The
    /// key names the check-in as the change leaves it (status, calendar sequence), the kind and when it happened: one
    /// change tells one person once, and two changes in the same instant (offer new times on a booking, counter a suggested
    /// time) stay apart.
    /// </summary>
    /// <param name="suggested">Times offered: <paramref name="by"/> proposed this one time themselves ("None of these fit",
    /// decision 0390); <paramref name="note"/> is then their line for the other person, if any.</param>
    public static RequestMessage ForCheckIn(
        UserId recipient, CheckIn checkIn, UserId by, DateTimeOffset at, RequestMessageKind kind, string? note = null, bool? managerCopied = null,
        bool suggested = false) => new(
        $"{checkIn.Id.Value}.{checkIn.Status}.{checkIn.Sequence}.{kind}{Offered(checkIn, kind)}.{at.UtcTicks}.{recipient.AadObjectId}",
        new RequestId(string.Empty),
        recipient,
        kind,
        at,
        Candidate: by,
        Mentorship: checkIn.MentorshipId,
        CheckIn: checkIn.Id,
        Note: note,
        ManagerCopied: managerCopied,
        Suggested: suggested ? true : null);

    // Times offered can change again without a new status or sequence (a suggested time countered in the same instant,
    // decision 0390), so their key names the first time offered as well.
    private static string Offered(CheckIn checkIn, RequestMessageKind kind) =>
        kind == RequestMessageKind.CheckInTimesOffered && checkIn.ProposedSlots.Count > 0 ? $".{checkIn.ProposedSlots[0].Start.UtcTicks}" : string.Empty;
}
