using System.Net.Mail;
using System.Text.RegularExpressions;
using MentorBot.Core.Skills;
using NodaTime;

namespace MentorBot.Core.Profiles;

public enum ProfileErrorCode
{
    InvalidUserId,
    InvalidTeamsId,
    MissingName,
    InvalidEmail,
    OwnManager,
    InvalidCareerLevel,
    UnknownTimeZone,
    NoWorkingDays,
    InvalidWorkingDay,
    DuplicateWorkingDay,
    EmptyWorkingHours,
    InvalidLanguage,
    InvalidCapacity,
    PauseWithoutEnd,
    InvalidSkillLevel,
    InvalidTargetLevel,
    DuplicateSkill,
    UnknownSkill,
    TeachesNothing,

    /// <summary>A free-text field is over its limit (<see cref="TextLimits"/>, decision 0251).</summary>
    TextTooLong,
}

/// <summary>One thing wrong with a profile; <paramref name="Field"/> names the property so a form can point at it.</summary>
public sealed record ProfileError(ProfileErrorCode Code, string Field, string Message);

/// <summary>The normalised profile, or every reason it was rejected (all of them at once, not the first).</summary>
public sealed record ProfileValidation(Profile? Profile, IReadOnlyList<ProfileError> Errors)
{
    public bool IsValid => Profile is not null;
}

/// <summary>
/// Checks a profile before it is stored or matched and normalises it: trimmed texts, canonical IANA time zone
/// (Windows ids converted), lower-case language tags without duplicates.
/// </summary>
public sealed partial class ProfileValidator(SkillCatalog catalog, TenantSkillCatalogs? tenants = null)
{
    public const int MaxCapacity = 10;
    public const int MaxCareerLevel = 20;

    public ProfileValidation Validate(Profile profile)
    {
        var errors = new List<ProfileError>();
        void Fail(ProfileErrorCode code, string field, string message) => errors.Add(new ProfileError(code, field, message));

        if (!Guid.TryParse(profile.Id.AadObjectId, out _))
        {
            Fail(ProfileErrorCode.InvalidUserId, nameof(Profile.Id), "The user id must be the Entra (AAD) object id, a GUID.");
        }

        if (profile.TeamsId is { } teamsId && !teamsId.Value.StartsWith("29:", StringComparison.Ordinal))
        {
            Fail(ProfileErrorCode.InvalidTeamsId, nameof(Profile.TeamsId), "A Teams user id starts with \"29:\".");
        }

        var name = profile.DisplayName.Trim();
        if (name.Length == 0)
        {
            Fail(ProfileErrorCode.MissingName, nameof(Profile.DisplayName), "A display name is required.");
        }

        if (TextLimits.Check(FreeTextField.Department, profile.Department?.Trim()) is { } tooLong)
        {
            Fail(ProfileErrorCode.TextTooLong, nameof(Profile.Department), $"The department is {tooLong.Length} characters; at most {tooLong.MaxLength} fit.");
        }

        var email = string.IsNullOrWhiteSpace(profile.Email) ? null : profile.Email.Trim();
        if (email is not null && (!MailAddress.TryCreate(email, out var parsed) || parsed.Address != email))
        {
            Fail(ProfileErrorCode.InvalidEmail, nameof(Profile.Email), $"\"{email}\" is not an email address.");
        }

        if (profile.ManagerId == profile.Id)
        {
            Fail(ProfileErrorCode.OwnManager, nameof(Profile.ManagerId), "Someone cannot be their own manager.");
        }

        if (profile.Level.Value is < 1 or > MaxCareerLevel)
        {
            Fail(ProfileErrorCode.InvalidCareerLevel, nameof(Profile.Level), $"Career level must be between 1 and {MaxCareerLevel}.");
        }

        if (!TimeZoneIds.TryNormalize(profile.TimeZoneId, out var timeZone))
        {
            Fail(ProfileErrorCode.UnknownTimeZone, nameof(Profile.TimeZoneId), $"\"{profile.TimeZoneId}\" is neither an IANA nor a Windows time zone.");
        }

        CheckWorkingHours(profile.WorkingHours, Fail);

        var languages = new List<string>();
        foreach (var language in profile.Languages)
        {
            var tag = language.Trim().ToLowerInvariant();
            if (!LanguageTag().IsMatch(tag))
            {
                Fail(ProfileErrorCode.InvalidLanguage, nameof(Profile.Languages), $"\"{language}\" is not a language tag like \"en\" or \"sv-SE\".");
            }
            else if (!languages.Contains(tag))
            {
                languages.Add(tag);
            }
        }

        if (profile.Capacity is < 0 or > MaxCapacity)
        {
            Fail(ProfileErrorCode.InvalidCapacity, nameof(Profile.Capacity), $"Capacity must be between 0 and {MaxCapacity} mentorships.");
        }

        if (profile.Participation is { State: ParticipationState.Paused, PausedUntil: null })
        {
            Fail(ProfileErrorCode.PauseWithoutEnd, nameof(Profile.Participation), "A pause needs an end date; opting out is the open-ended choice.");
        }

        CheckSkills(profile, Fail);

        return errors.Count > 0
            ? new ProfileValidation(null, errors)
            : new ProfileValidation(
                profile with
                {
                    DisplayName = name,
                    Email = email,
                    Department = string.IsNullOrWhiteSpace(profile.Department) ? null : profile.Department.Trim(),
                    TimeZoneId = timeZone,
                    Languages = languages,
                },
                []);
    }

    private static void CheckWorkingHours(WorkingHours hours, Action<ProfileErrorCode, string, string> fail)
    {
        if (hours.Days.Count == 0)
        {
            fail(ProfileErrorCode.NoWorkingDays, nameof(Profile.WorkingHours), "Pick at least one working day.");
        }

        if (hours.Days.Any(d => d is < IsoDayOfWeek.Monday or > IsoDayOfWeek.Sunday))
        {
            fail(ProfileErrorCode.InvalidWorkingDay, nameof(Profile.WorkingHours), "Working days are Monday to Sunday.");
        }

        if (hours.Days.Distinct().Count() != hours.Days.Count)
        {
            fail(ProfileErrorCode.DuplicateWorkingDay, nameof(Profile.WorkingHours), "A working day is listed twice.");
        }

        // End before start is a night shift that runs past midnight; equal means no time at all.
        if (hours.Start == hours.End)
        {
            fail(ProfileErrorCode.EmptyWorkingHours, nameof(Profile.WorkingHours), "Working hours start and end at the same time.");
        }
    }

    private void CheckSkills(Profile profile, Action<ProfileErrorCode, string, string> fail)
    {
        var offered = new HashSet<SkillId>();
        foreach (var offer in profile.Offers)
        {
            if (offer.Level is < SkillLevel.Aware or > SkillLevel.Expert)
            {
                fail(ProfileErrorCode.InvalidSkillLevel, nameof(Profile.Offers), $"{offer.Skill}: level must be 1 (aware) to 4 (expert).");
            }

            if (!offered.Add(offer.Skill))
            {
                fail(ProfileErrorCode.DuplicateSkill, nameof(Profile.Offers), $"{offer.Skill} is offered twice.");
            }

            CheckKnown(profile, offer.Skill, nameof(Profile.Offers), fail);
        }

        var wanted = new HashSet<SkillId>();
        foreach (var want in profile.Wants)
        {
            if (want.Current is < SkillLevel.None or > SkillLevel.Practitioner)
            {
                fail(ProfileErrorCode.InvalidSkillLevel, nameof(Profile.Wants), $"{want.Skill}: current level must be 0 (new) to 3 (practitioner).");
            }

            if (want.Target <= want.Current || want.Target > SkillLevel.Expert)
            {
                fail(ProfileErrorCode.InvalidTargetLevel, nameof(Profile.Wants), $"{want.Skill}: the target level must be above the current one, at most 4 (expert).");
            }

            if (!wanted.Add(want.Skill))
            {
                fail(ProfileErrorCode.DuplicateSkill, nameof(Profile.Wants), $"{want.Skill} is wanted twice.");
            }

            CheckKnown(profile, want.Skill, nameof(Profile.Wants), fail);
        }

        if (profile.CanTeach && profile.Offers.Count == 0)
        {
            fail(ProfileErrorCode.TeachesNothing, nameof(Profile.Offers), "Someone who teaches needs at least one skill to offer.");
        }
    }

    // The person's tenant's catalog when the host has one (decision 0450): owners' skills count, and a retired skill a
    // profile already has stays valid.
    private void CheckKnown(Profile profile, SkillId skill, string field, Action<ProfileErrorCode, string, string> fail)
    {
        if (!(tenants is null ? catalog.Contains(skill) : tenants.Peek(profile.Tenant).Knows(skill)))
        {
            fail(ProfileErrorCode.UnknownSkill, field, $"\"{skill}\" is not in the skill catalog.");
        }
    }

    [GeneratedRegex("^[a-z]{2,3}(-[a-z0-9]{2,8})*$", RegexOptions.CultureInvariant)]
    private static partial Regex LanguageTag();
}
