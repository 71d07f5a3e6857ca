using MentorBot.Core.Mentorships;

namespace MentorBot.Core.CheckIns;

/// <summary>What a pair has coming up, for "my mentoring": the booked check-in still ahead, or times offered and not picked.</summary>
public sealed class UpcomingCheckIns(ICheckInStore checkIns, TimeProvider time)
{
    /// <summary>The pairing's open check-in that is not over yet (booked, or with offered times ahead); null when none.</summary>
    public async Task<CheckIn?> NextAsync(MentorshipId pairing, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return (await checkIns.ListAsync(pairing, cancellationToken)).LastOrDefault(c =>
            (c.Status == CheckInStatus.Scheduled && c.Meeting is { } meeting && meeting.Slot.End > now)
            || (c.Status == CheckInStatus.Proposed && c.ProposedSlots.Any(s => s.Start > now)));
    }
}
