using MentorBot.Core.Outbox;
using MentorBot.Core.Profiles;

namespace MentorBot.Core.Mentorships;

/// <summary>What a pairing's changes record for the outbox (decisions 0307, 0320).</summary>
public static class PairingMessage
{
    /// <summary>
    /// Tells <paramref name="recipient"/> that <paramref name="by"/> changed <paramref name="after"/> (decision 0307). The
    /// key names the pairing, its new state and when it took it (for a cadence, when it changed), so one change tells
    /// one person once; <see cref="Request"/> is empty.
    /// </summary>
    /// <param name="note">The ender's note for the partner (end of a pairing only), kept in <see cref="RequestMessage.Note"/>; it names nobody else.</param>
    public static RequestMessage ForPairing(
        UserId recipient, Mentorship after, UserId by, DateTimeOffset at, RequestMessageKind kind = RequestMessageKind.PairingChanged, string? note = null) => new(
        kind == RequestMessageKind.CadenceChanged
            ? $"{after.Id.Value}.{kind}.{at.UtcTicks}.{recipient.AadObjectId}"
            : $"{after.Id.Value}.{after.State.Status}.{after.State.Since.UtcTicks}.{kind}.{recipient.AadObjectId}",
        new RequestId(string.Empty),
        recipient,
        kind,
        at,
        Candidate: by,
        Mentorship: after.Id,
        Note: kind == RequestMessageKind.PairingChanged ? note : null);

    /// <summary>
    /// "<paramref name="leaverName"/> has left MentorBot, so your pairing ended" (decision 0320): no id of the leaver,
    /// only what the message shows, so forget-me erasing them leaves it for the partner.
    /// </summary>
    public static RequestMessage PartnerLeft(UserId recipient, Mentorship after, string leaverName, DateTimeOffset at) => new(
        $"{after.Id.Value}.{after.State.Status}.{after.State.Since.UtcTicks}.{RequestMessageKind.PartnerLeft}.{recipient.AadObjectId}",
        new RequestId(string.Empty),
        recipient,
        RequestMessageKind.PartnerLeft,
        at,
        Note: leaverName,
        Skill: after.Skill);

    /// <summary>"Your pairing is paused" to one of the pair: it names nobody (no <see cref="Candidate"/>), so no card can.</summary>
    public static RequestMessage PausedQuietly(UserId recipient, Mentorship paused, DateTimeOffset at) => new(
        $"{paused.Id.Value}.{paused.State.Status}.{paused.State.Since.UtcTicks}.{RequestMessageKind.PairingPausedQuietly}.{recipient.AadObjectId}",
        new RequestId(string.Empty),
        recipient,
        RequestMessageKind.PairingPausedQuietly,
        at,
        Mentorship: paused.Id);
}
