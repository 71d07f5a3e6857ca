using MentorBot.Core.Persistence;
using MentorBot.Core.Profiles;
using MentorBot.Core.Outbox;

namespace MentorBot.Core.Mentorships;

public abstract record EndPairingOutcome
{
    private EndPairingOutcome()
    {
    }

    /// <param name="Partner">The other person, told kindly; null when they are no longer known.</param>
    public sealed record Ended(Mentorship Mentorship, Profile? Partner) : EndPairingOutcome;

    public sealed record AlreadyEnded(Mentorship Mentorship) : EndPairingOutcome;

    public sealed record NotYours : EndPairingOutcome;

    /// <summary>The note for the partner is over its limit (<see cref="TextLimits"/>); nothing changed, nobody was told.</summary>
    public sealed record TooLong(TextTooLong Problem) : EndPairingOutcome;

    public sealed record NotFound : EndPairingOutcome;
}

/// <summary>Running pairs: ending one kindly (the other person is told, never why a concern was raised).</summary>
public sealed class MentorshipService(
    IMentorshipStore store, IProfileStore profiles, IRequestMessageDelivery delivery, TimeProvider time, IPairingCalendar? calendar = null, IPairingChanges? matching = null)
{
    internal const int MaxWriteAttempts = 5;

    public Task<IReadOnlyList<Mentorship>> ListForAsync(UserId person, CancellationToken cancellationToken) =>
        store.ListForPersonAsync(person, cancellationToken);

    public async Task<Mentorship?> GetAsync(MentorshipId id, CancellationToken cancellationToken) =>
        (await store.GetAsync(id, cancellationToken))?.Value;

    /// <param name="note">"A few kind words" for the partner: it travels with their message, to them only (like a thank-you).</param>
    public async Task<EndPairingOutcome> EndAsync(MentorshipId id, UserId by, EndReason reason, CancellationToken cancellationToken, string? note = null)
    {
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (TextLimits.Check(FreeTextField.EndNote, note) is { } tooLong)
        {
            return new EndPairingOutcome.TooLong(tooLong);
        }

        for (var attempt = 1; ; attempt++)
        {
            if (await store.GetAsync(id, cancellationToken) is not { } stored)
            {
                return new EndPairingOutcome.NotFound();
            }

            var mentorship = stored.Value;
            if (!mentorship.Involves(by))
            {
                return new EndPairingOutcome.NotYours();
            }

            var ended = mentorship.End(reason, time.GetUtcNow());
            if (!ended.IsOk)
            {
                return new EndPairingOutcome.AlreadyEnded(mentorship);
            }

            // The partner's message is written with the pairing's new state (decision 0307), so a Connector failure
            // cannot lose it: the dispatcher sends whatever the delivery below could not.
            // Someone leaving (forget-me) is told in a message that names them only by what it shows, so erasing them
            // does not erase it (decision 0320).
            var messages = new[]
            {
                reason == EndReason.ParticipantLeft
                    ? PairingMessage.PartnerLeft(mentorship.OtherThan(by), ended.Value, (await profiles.GetAsync(by, cancellationToken))?.Value.DisplayName ?? string.Empty, time.GetUtcNow())
                    : PairingMessage.ForPairing(mentorship.OtherThan(by), ended.Value, by, time.GetUtcNow(), note: note),
            };
            try
            {
                await store.ReplaceAsync(ended.Value, stored.ETag, messages, cancellationToken);
                matching?.MentorshipEnded(ended.Value);
            }
            catch (ConcurrencyConflictException) when (attempt < MaxWriteAttempts)
            {
                continue;
            }

            if (calendar is not null)
            {
                await calendar.CancelFutureEventsAsync(ended.Value, cancellationToken);
            }

            await delivery.DeliverAsync(messages, cancellationToken);
            var partner = await profiles.GetAsync(mentorship.OtherThan(by), cancellationToken);

            return new EndPairingOutcome.Ended(ended.Value, partner?.Value);
        }
    }
}
