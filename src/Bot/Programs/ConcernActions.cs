using MentorBot.Core;
using MentorBot.Core.CheckIns;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Persistence;
using MentorBot.Core.Profiles;
using MentorBot.Core.Programs;
using MentorBot.Core.Requests;
using MentorBot.Core.Outbox;

namespace MentorBot.Bot.Programs;

internal abstract record ConcernActionOutcome
{
    private ConcernActionOutcome()
    {
    }

    public sealed record NotFound : ConcernActionOutcome;

    public sealed record UnknownAction : ConcernActionOutcome;

    public sealed record Refused(ConcernRefusal Reason) : ConcernActionOutcome;

    /// <summary>Another owner acted on the concern since it was read; nothing was saved.</summary>
    public sealed record Conflict : ConcernActionOutcome;

    public sealed record Done(ConcernActionResultView Result) : ConcernActionOutcome;
}

/// <summary>
/// An owner's action on a concern (decision 0103): Core decides, the concern and its audit entry are saved together,
/// then the follow-up is applied to the pairing. Re-pairing ends the pair here; finding the new partner is the
/// matching side's job and happens when the person asks again.
/// </summary>
internal sealed class ConcernActions(
    IConcernStore concerns, ConcernInbox inbox, IMentorshipStore mentorships, MentoringService mentoring, IRequestMessageDelivery delivery, PairingCalendar calendar, TimeProvider time)
{
    public static OwnerAction? Parse(ConcernActionRequest request, UserId owner) => request.Action?.Trim().ToLowerInvariant() switch
    {
        "acknowledge" => new OwnerAction.Acknowledge(owner, request.Note),
        "pause" => new OwnerAction.PausePairing(owner, request.Note),
        "re-pair" or "repair" => new OwnerAction.RePair(owner, request.Note),
        "close" => new OwnerAction.Close(owner, request.Note ?? ""),
        _ => null,
    };

    public async Task<ConcernActionOutcome> ActAsync(
        MentoringProgram program, ConcernId id, ConcernActionRequest request, UserId owner, CancellationToken cancellationToken)
    {
        if (Parse(request, owner) is not { } action)
        {
            return new ConcernActionOutcome.UnknownAction();
        }

        // A concern the person may not read (one about their own pairing) is "not found", exactly like one that does
        // not exist: the answer must not tell them it is there.
        if (await inbox.GetVisibleAsync(owner, program, id, cancellationToken) is not { } stored)
        {
            return new ConcernActionOutcome.NotFound();
        }

        var now = time.GetUtcNow();
        var decision = stored.Value.Handle(action, program, now, inbox.DefaultContacts);
        if (decision is ConcernDecision.Refused refused)
        {
            return new ConcernActionOutcome.Refused(refused.Reason);
        }

        var decided = (ConcernDecision.Decided)decision;

        try
        {
            await concerns.SaveAsync(decided.Concern, stored.ETag, decided.Audit, cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            return new ConcernActionOutcome.Conflict();
        }

        var pairing = await FollowUpAsync(decided.Concern.Mentorship, decided.FollowUp, now, cancellationToken);
        var rePairing = decided.FollowUp == PairingFollowUp.EndAndRePair && pairing is { State.Status: MentorshipStatus.Ended }
            ? await RePairAsync(pairing, cancellationToken)
            : null;
        return new ConcernActionOutcome.Done(new ConcernActionResultView(
            decided.Concern.Id.Value, decided.Concern.State.ToString(), decided.FollowUp.ToString(), pairing?.State.Status.ToString(), rePairing));
    }

    /// <summary>
    /// "Re-pair": the learner's request for the same skill goes out again straight away, to the best colleague who is
    /// not the one they were paired with (a just-ended pair is never offered again); the learner sees it on their
    /// request card as usual. Returns what happened, for the owner.
    /// </summary>
    private async Task<string> RePairAsync(Mentorship ended, CancellationToken cancellationToken)
    {
        var ask = new AskForHelp(ended.Senior, ended.Skill, null, MeetingFormat.Call, Urgency.ThisMonth);
        switch (await mentoring.AskAsync(ask, cancellationToken))
        {
            case AskOutcome.CandidatesFound { Request: var request, Candidates: var candidates }:
                var next = candidates.FirstOrDefault(c => c.Mentor.Id != ended.Junior);
                if (next is null)
                {
                    await mentoring.WithdrawAsync(request.Id, ended.Senior, cancellationToken);
                    return "NoCandidates";
                }

                return await mentoring.OfferAsync(request.Id, ended.Senior, next.Mentor.Id, cancellationToken) is OfferOutcome.Offered
                    ? "Offered"
                    : "NotOffered";
            case AskOutcome.AlreadyAsking:
                return "AlreadyAsking";
            default:
                return "NoCandidates";
        }
    }

    private async Task<Mentorship?> FollowUpAsync(MentorshipId id, PairingFollowUp followUp, DateTimeOffset now, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (await mentorships.GetAsync(id, cancellationToken) is not { } stored)
            {
                return null;
            }

            Result<Mentorship, MentorshipError>? changed = followUp switch
            {
                PairingFollowUp.PausePairing => stored.Value.Pause(PauseReason.ProgramOwner, now),
                PairingFollowUp.EndAndRePair => stored.Value.End(EndReason.ClosedByProgramOwner, now),
                _ => default(Result<Mentorship, MentorshipError>?),
            };

            // Already paused or ended (the chat side pauses a pair as soon as a concern is raised): nothing to do.
            if (changed is not { IsOk: true } ok)
            {
                return stored.Value;
            }

            try
            {
                var updated = ok.Unwrap();
                // Both hear the same neutral note as after any pause (0241): nothing in it points at either of them. It is
                // written with the pause and sent through the outbox (decision 0320).
                IReadOnlyList<RequestMessage> messages = followUp == PairingFollowUp.PausePairing
                    ? [.. new[] { updated.Senior, updated.Junior }.Select(person => PairingMessage.PausedQuietly(person, updated, now))]
                    : [];
                await mentorships.ReplaceAsync(updated, stored.ETag, messages, cancellationToken);
                if (followUp == PairingFollowUp.EndAndRePair && updated.State.Status == MentorshipStatus.Ended)
                {
                    // The same cancellation as every other end (decision 0290): no meeting left with nobody to meet.
                    await calendar.CancelFutureEventsAsync(updated, cancellationToken);
                }

                await delivery.DeliverAsync(messages, cancellationToken);

                return updated;
            }
            catch (ConcurrencyConflictException) when (attempt < 3)
            {
                // One of the pair changed it at the same moment; re-read and decide again.
            }
        }
    }
}
