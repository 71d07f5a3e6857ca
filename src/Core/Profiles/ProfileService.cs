using MentorBot.Core.Persistence;

namespace MentorBot.Core.Profiles;

public abstract record ProfileSaveOutcome
{
    private ProfileSaveOutcome()
    {
    }

    public sealed record Saved(Profile Profile, bool Created) : ProfileSaveOutcome;

    /// <summary>Every reason at once, so a form can point at each field.</summary>
    public sealed record Invalid(IReadOnlyList<ProfileError> Errors) : ProfileSaveOutcome;
}

public abstract record ParticipationOutcome
{
    private ParticipationOutcome()
    {
    }

    public sealed record Changed(Profile Profile) : ParticipationOutcome;

    public sealed record NoProfile : ParticipationOutcome;

    /// <summary>A pause must end in the future (and within a year: longer is opting out).</summary>
    public sealed record InvalidDate : ParticipationOutcome;
}

/// <summary>
/// Saves what people tell MentorBot about themselves. Changes are functions of the stored profile so a concurrent
/// change (a pause in another tab while the form was open) is re-applied on the newer version, never overwritten.
/// </summary>
/// <remarks>Each write is handed to the live matching index (decision 0185) so matching follows it at once.</remarks>
public sealed class ProfileService(IProfileStore store, ProfileValidator validator, TimeProvider time, IProfileChanges? matching = null)
{
    internal const int MaxWriteAttempts = 5;
    public static readonly TimeSpan MaxPause = TimeSpan.FromDays(366);

    public async Task<Profile?> GetAsync(UserId id, CancellationToken cancellationToken) =>
        (await store.GetAsync(id, cancellationToken))?.Value;

    /// <summary>Creates or changes the profile: <paramref name="compose"/> gets the stored one (null for a new person).</summary>
    public async Task<ProfileSaveOutcome> SaveAsync(UserId id, Func<Profile?, Profile> compose, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var stored = await store.GetAsync(id, cancellationToken);
            var validation = validator.Validate(compose(stored?.Value) with { Id = id });
            if (validation.Profile is not { } profile)
            {
                return new ProfileSaveOutcome.Invalid(validation.Errors);
            }

            // Saving one's own profile in chat is the person's own yes (0242): an owner's import only invited them.
            if (!profile.Participation.HasConsented)
            {
                profile = profile with { Participation = Participation.Active };
            }

            try
            {
                var etag = stored is null
                    ? await store.InsertAsync(profile, cancellationToken)
                    : await store.ReplaceAsync(profile, stored.ETag, cancellationToken);
                if (matching is not null)
                {
                    await matching.ProfileSavedAsync(profile, etag, cancellationToken);
                }

                return new ProfileSaveOutcome.Saved(profile, stored is null);
            }
            catch (ConcurrencyConflictException) when (attempt < MaxWriteAttempts)
            {
            }
        }
    }

    /// <summary>A break until <paramref name="until"/>; matching leaves the person out and they come back by themselves.</summary>
    public Task<ParticipationOutcome> PauseAsync(UserId id, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return until <= now || until - now > MaxPause
            ? Task.FromResult<ParticipationOutcome>(new ParticipationOutcome.InvalidDate())
            : ChangeParticipationAsync(id, Participation.PausedUntilDate(until), cancellationToken);
    }

    public Task<ParticipationOutcome> ResumeAsync(UserId id, CancellationToken cancellationToken) =>
        ChangeParticipationAsync(id, Participation.Active, cancellationToken);

    public Task<ParticipationOutcome> OptOutAsync(UserId id, CancellationToken cancellationToken) =>
        ChangeParticipationAsync(id, Participation.OptedOut, cancellationToken);

    private async Task<ParticipationOutcome> ChangeParticipationAsync(UserId id, Participation participation, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            // An invited person has not joined: "pause" or "resume" must not make them matchable; only opting out applies.
            if (await store.GetAsync(id, cancellationToken) is not { } stored
                || (!stored.Value.Participation.HasConsented && participation.State != ParticipationState.OptedOut))
            {
                return new ParticipationOutcome.NoProfile();
            }

            var changed = stored.Value with { Participation = participation };
            try
            {
                var etag = await store.ReplaceAsync(changed, stored.ETag, cancellationToken);
                if (matching is not null)
                {
                    await matching.ProfileSavedAsync(changed, etag, cancellationToken);
                }

                return new ParticipationOutcome.Changed(changed);
            }
            catch (ConcurrencyConflictException) when (attempt < MaxWriteAttempts)
            {
            }
        }
    }
}
