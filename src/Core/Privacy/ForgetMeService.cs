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
/// "Forget me" (decisions 0132, 0290): first the kind steps that keep colleagues from being stranded (open requests
/// withdrawn, a pending offer declined, running pairings ended with the partner told, their future calendar events
/// cancelled), then a suppression record so an import does not bring the person back, then every registered
/// <see cref="IPersonalDataStore"/> erases what it holds about them. Safe to run again after an interruption: the
/// profile goes last.
/// </summary>
public sealed class ForgetMeService(
    IProfileStore profiles,
    IRequestStore requests,
    IMentorshipStore mentorships,
    MentoringService mentoring,
    MentorshipService pairings,
    ICheckInStore checkIns,
    PersonalDataStores stores,
    ISuppressionList? suppression = null,
    PairingCalendar? calendar = null,
    LiveMatchingIndex? matching = null)
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

    public Task<ForgetMeSummary> ForgetAsync(UserId person, CancellationToken cancellationToken) =>
        ForgetAsync(ErasureSubject.For(person), cancellationToken);

    /// <param name="known">The person, plus what the caller knows that storage may not (their channel-account id and
    /// the chats they use); the profile's Teams id and their pairings are added here.</param>
    public async Task<ForgetMeSummary> ForgetAsync(ErasureSubject known, CancellationToken cancellationToken)
    {
        var person = known.Person;
        var profile = await profiles.GetAsync(person, cancellationToken);

        // First, so an import running meanwhile cannot recreate someone whose rows are being deleted.
        if (suppression is not null)
        {
            await suppression.AddAsync(person, cancellationToken);
        }

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
            // Ending cancels the events too; a pairing that had already ended may still hold a booked meeting.
            if (calendar is not null && pair.State.Status == MentorshipStatus.Ended)
            {
                await calendar.CancelFutureEventsAsync(pair, cancellationToken);
            }

            if (pair.State.Status != MentorshipStatus.Ended
                && await pairings.EndAsync(pair.Id, person, EndReason.ParticipantLeft, cancellationToken) is EndPairingOutcome.Ended)
            {
                ended++;
            }

            // The pairing's check-ins go with it: times, agenda topics, notes, feedback and end-of-period answers.
            await checkIns.DeleteAllAsync(pair.Id, cancellationToken);
            await mentorships.DeleteAsync(pair.Id, cancellationToken);
        }

        var subject = known with
        {
            ChannelAccountIds = [.. known.ChannelAccountIds.Append(profile?.Value.TeamsId?.Value ?? string.Empty).Where(id => id.Length > 0).Distinct(StringComparer.Ordinal)],
            Pairings = [.. known.Pairings.Concat(pairs.Select(p => p.Id)).Distinct()],
        };

        // Every store erases its share; the profile stores last, so a repeated run still finds the Teams id.
        foreach (var store in stores.Erasable.OrderBy(s => s is IProfileStore ? 1 : 0))
        {
            await store.EraseAsync(subject, cancellationToken);
        }

        if (profile is not null)
        {
            await profiles.DeleteAsync(person, ETag.Any, cancellationToken);
        }

        if (matching is not null)
        {
            await matching.ProfileErasedAsync(person, profile?.Value.Tenant, cancellationToken);
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
