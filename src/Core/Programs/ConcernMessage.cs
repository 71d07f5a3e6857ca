using MentorBot.Core.Mentorships;
using MentorBot.Core.Outbox;
using MentorBot.Core.Profiles;

namespace MentorBot.Core.Programs;

/// <summary>What a raised concern records for the outbox, with the pairing's pause (decision 0320).</summary>
public static class ConcernMessage
{
    /// <summary>A concern to one of its readers, recorded with the pairing's pause (decision 0320).</summary>
    public static RequestMessage ForConcern(UserId reader, Mentorship pairing, UserId raisedBy, string? details, DateTimeOffset raisedAt) => new(
        $"{pairing.Id.Value}.{RequestMessageKind.ConcernForOwner}.{raisedAt.UtcTicks}.{reader.AadObjectId}",
        new RequestId(string.Empty),
        reader,
        RequestMessageKind.ConcernForOwner,
        raisedAt,
        Candidate: raisedBy,
        Mentorship: pairing.Id,
        Note: details);
}
