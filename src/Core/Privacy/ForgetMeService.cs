using MentorBot.Core.CheckIns;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Persistence;
using MentorBot.Core.Profiles;
using MentorBot.Core.Requests;

namespace MentorBot.Core.Privacy;

/// <summary>What MentorBot holds (preview) or held (after forgetting) about one person, counted per kind.</summary>
/// <param name="OffersReceived">Requests from colleagues that were offered to this person.</param>
/// <param name="Pairings">Mentorships this person was part of; running ones were ended and the partner told.</param>
public sealed record ForgetMeSummary(bool Profile, int RequestsAsked, int OffersReceived, int Pairings, int PairingsEnded)
{
    public bool IsEmpty => !Profile && RequestsAsked == 0 && OffersReceived == 0 && Pairings == 0;
}

/// <summary>
/// "Forget me": deletes the person's profile, their own requests, their part in colleagues' requests and their
/// pairings with their check-ins and feedback. Running pairings end kindly (the partner is told); a pending offer is declined first so the colleague
/// who asked is not left waiting. Safe to run again after an interruption: the profile goes last.
/// </summary>
public sealed class ForgetMeService(
    IProfileStore profiles,
    IRequestStore requests,
    IMentorshipStore mentorships,
    MentoringService mentoring,
    MentorshipService pairings,
    ICheckInStore checkIns)
{
    /// <summary>Stands in for a forgotten colleague in other people's request history.</summary>
    public static readonly UserId Forgotten = new("forgotten");

    private const int MaxWriteAttempts = 5;

    public async Task<ForgetMeSummary> PreviewAsync(UserId person, CancellationToken cancellationToken)
    {
        var profile = await profiles.GetAsync(person, cancellationToken);
        var asked = await requests.ListBySeniorAsync(person, cancellationToken);
        var offered = await requests.ListOfferedToAsync(person, cancellationToken);
        var pairs = await mentorships.ListForPersonAsync(person, cancellationToken);
        return new ForgetMeSummary(profile is not null, asked.Count, offered.Count, pairs.Count, pairs.Count(p => p.State.Status != MentorshipStatus.Ended));
    }

    public async Task<ForgetMeSummary> ForgetAsync(UserId person, CancellationToken cancellationToken)
    {
        var profile = await profiles.GetAsync(person, cancellationToken);

        var asked = await requests.ListBySeniorAsync(person, cancellationToken);
        foreach (var request in asked)
        {
            if (request.IsOpen)
            {
                // Closes any pending offer so the colleague's card stops asking them.
                await mentoring.WithdrawAsync(request.Id, person, cancellationToken);
            }

            await requests.DeleteAsync(request.Id, cancellationToken);
        }

        var offered = await requests.ListOfferedToAsync(person, cancellationToken);
        foreach (var request in offered)
        {
            if (request.PendingOffer?.Candidate == person)
            {
                await mentoring.DeclineAsync(request.Id, person, null, cancellationToken);
            }

            await ScrubAsync(request.Id, person, cancellationToken);
        }

        var pairs = await mentorships.ListForPersonAsync(person, cancellationToken);
        var ended = 0;
        foreach (var pair in pairs)
        {
            if (pair.State.Status != MentorshipStatus.Ended
                && await pairings.EndAsync(pair.Id, person, EndReason.ParticipantLeft, cancellationToken) is EndPairingOutcome.Ended)
            {
                ended++;
            }

            // The pairing's check-ins go with it: times, agenda topics, notes, feedback and end-of-period answers.
            await checkIns.DeleteAllAsync(pair.Id, cancellationToken);
            await mentorships.DeleteAsync(pair.Id, cancellationToken);
        }

        if (profile is not null)
        {
            await profiles.DeleteAsync(person, ETag.Any, cancellationToken);
        }

        return new ForgetMeSummary(profile is not null, asked.Count, offered.Count, pairs.Count, ended);
    }

    private async Task ScrubAsync(RequestId id, UserId person, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (await requests.GetAsync(id, cancellationToken) is not { } stored
                || stored.Value.ForgetCandidate(person, Forgotten) is not RequestTransition.Changed changed)
            {
                return;
            }

            try
            {
                await requests.ReplaceAsync(changed.Request, stored.ETag, cancellationToken);
                return;
            }
            catch (ConcurrencyConflictException) when (attempt < MaxWriteAttempts)
            {
            }
        }
    }
}
