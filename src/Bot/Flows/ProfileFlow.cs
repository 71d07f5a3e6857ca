using System.Globalization;
using MentorBot.Bot.Cards;
using MentorBot.Bot.Cards.Actions;
using MentorBot.Bot.Cards.Model;
using MentorBot.Bot.Protocol.Builder;
using MentorBot.Core.Organisation;
using MentorBot.Core.Profiles;
using MentorBot.Core.Requests;
using MentorBot.Core.Skills;
using NodaTime;
using MentorBot.Bot.Turns;

namespace MentorBot.Bot.Flows;

/// <summary>The profile form: built from what we know (time zone prefilled from Teams), read back into a profile, saved.</summary>
public sealed class ProfileFlow(
    ProfileService profiles, ProfileValidator validator, TenantSkillCatalogs catalogs, ProgramMembershipFlow programs, MentoringService mentoring,
    IDirectoryStore directory,
    Microsoft.Extensions.Options.IOptions<SkillCatalogOptions> skillOptions)
{
    // A short, familiar list for the time-zone picker; the person's own zone is always added to it.
    private static readonly string[] CommonZones =
    [
        "America/Los_Angeles", "America/Denver", "America/Chicago", "America/New_York", "America/Sao_Paulo", "Europe/London",
        "Europe/Dublin", "Europe/Lisbon", "Europe/Paris", "Europe/Berlin", "Europe/Amsterdam", "Europe/Stockholm", "Europe/Helsinki",
        "Europe/Warsaw", "Europe/Istanbul", "Africa/Johannesburg", "Asia/Dubai", "Asia/Kolkata", "Asia/Singapore", "Asia/Shanghai",
        "Asia/Tokyo", "Australia/Sydney", "Pacific/Auckland", "UTC",
    ];

    private static readonly Dictionary<string, IsoDayOfWeek> Days = new(StringComparer.Ordinal)
    {
        ["mon"] = IsoDayOfWeek.Monday, ["tue"] = IsoDayOfWeek.Tuesday, ["wed"] = IsoDayOfWeek.Wednesday, ["thu"] = IsoDayOfWeek.Thursday,
        ["fri"] = IsoDayOfWeek.Friday, ["sat"] = IsoDayOfWeek.Saturday, ["sun"] = IsoDayOfWeek.Sunday,
    };

    public Task<Profile?> GetAsync(UserId id, CancellationToken cancellationToken) => profiles.GetAsync(id, cancellationToken);

    /// <summary>What the directory says about the person, for their own form; null without a directory entry (decision 0404).</summary>
    public async Task<ProfileDirectoryView?> DirectoryViewAsync(Profile? existing, CancellationToken cancellationToken)
    {
        if (existing is null || await directory.GetAsync(existing.Tenant, existing.Id, cancellationToken) is not { NotInDirectory: false } entry)
        {
            return null;
        }

        // The manager's name only when they use MentorBot in the same tenant; otherwise only that one is set.
        var manager = entry.Manager is { } id && await profiles.GetAsync(id, cancellationToken) is { } known && known.Tenant == existing.Tenant
            ? known.DisplayName
            : null;
        var zone = TimeZoneIds.TryNormalize(entry.MailboxTimeZone, out var iana) ? iana.Replace('_', ' ') : entry.MailboxTimeZone;
        return new ProfileDirectoryView(entry.Department, entry.JobTitle, entry.OfficeLocation, manager, entry.Manager is not null, zone, entry.PreferredLanguage)
        {
            MailboxZoneId = TimeZoneIds.TryNormalize(entry.MailboxTimeZone, out var id2) ? id2 : null,
        };
    }

    public AdaptiveCard FormCard(Profile? existing, TurnPerson person, ProfileDirectoryView? directoryView = null)
    {
        var zone = existing?.TimeZoneId
            ?? (TimeZoneIds.TryNormalize(person.TimeZoneId, out var reported) ? reported : "UTC");
        string[] known = directoryView?.MailboxZoneId is { } mailboxZone && mailboxZone != zone ? [zone, mailboxZone] : [zone];
        var zones = (string[])[.. known.Where(z => !CommonZones.Contains(z, StringComparer.Ordinal)), .. CommonZones];
        var hours = existing?.WorkingHours ?? WorkingHours.Default;
        // The tenant's whole catalog (decision 0450); a retired skill the person already has stays on their card.
        var catalog = catalogs.Peek(person.Tenant);
        var own = (existing?.Offers.Select(o => o.Skill) ?? []).Concat(existing?.Wants.Select(w => w.Skill) ?? []);
        var skills = catalog.Offered.Skills
            .Concat(own.Where(id => !catalog.IsOffered(id)).Select(catalog.Find).OfType<SkillDefinition>())
            .DistinctBy(s => s.Id)
            .Select(s => new ChoiceOption(s.NameIn(person.Culture), s.Id.Value))
            .OrderBy(o => o.Title, StringComparer.Create(person.Culture, ignoreCase: true))
            .ToList();
        var view = new ProfileFormView(
            existing is not null,
            existing?.Role switch
            {
                ProgramRole.Learn => ProfileFormCard.RoleLearn,
                ProgramRole.Teach => ProfileFormCard.RoleTeach,
                ProgramRole.Both => ProfileFormCard.RoleBoth,
                _ => null,
            },
            existing?.Department,
            zone,
            [.. zones.Select(z => new ChoiceOption(z.Replace('_', ' '), z))],
            new TimeOnly(hours.Start.Hour, hours.Start.Minute),
            new TimeOnly(hours.End.Hour, hours.End.Minute),
            [.. hours.Days.Select(d => d == IsoDayOfWeek.Sunday ? DayOfWeek.Sunday : (DayOfWeek)(int)d)],
            skills,
            [.. (existing?.Offers ?? []).Select(o => new SkillLevelInput(o.Skill.Value, (int)o.Level, null))],
            [.. (existing?.Wants ?? []).Select(w => new SkillLevelInput(w.Skill.Value, (int)w.Current, (int)w.Target))],
            existing is null ? person.Culture.TwoLetterISOLanguageName : string.Join(", ", existing.Languages),
            existing?.Capacity ?? 1,
            existing?.Language)
        {
            Directory = directoryView,
            TypeAhead = skillOptions.Value.TypeAheadSearch,
        };
        return ProfileFormCard.Build(view, person.Culture);
    }

    /// <summary>What the form says, on top of what the stored profile already holds (level, manager, participation).</summary>
    public ComposedProfile Compose(SaveProfileData form, TurnPerson person, Profile? existing)
    {
        var unplaced = new List<string>();
        var offers = new List<OfferedSkill>();
        foreach (var row in form.Offers())
        {
            Add(offers, o => o.Skill, new OfferedSkill(new SkillId(row.SkillId), row.Level is >= 1 and <= 4 ? (SkillLevel)row.Level : SkillLevel.Working));
        }

        foreach (var skill in Resolve(catalogs.Peek(person.Tenant), form.OtherOffers, unplaced))
        {
            Add(offers, o => o.Skill, new OfferedSkill(skill, SkillLevel.Working));
        }

        var wants = new List<WantedSkill>();
        foreach (var row in form.Wants())
        {
            var current = row.Level is >= 0 and <= 3 ? (SkillLevel)row.Level : SkillLevel.None;
            var target = row.Target is { } t && t > (int)current && t <= 4 ? (SkillLevel)t : DefaultTarget(current);
            Add(wants, w => w.Skill, new WantedSkill(new SkillId(row.SkillId), current, target));
        }

        foreach (var skill in Resolve(catalogs.Peek(person.Tenant), form.OtherWants, unplaced))
        {
            Add(wants, w => w.Skill, new WantedSkill(skill, SkillLevel.None, SkillLevel.Practitioner));
        }

        var days = form.SelectedDays.Select(d => Days.TryGetValue(d, out var day) ? day : IsoDayOfWeek.None).ToList();
        var start = InputValue.Time(form.HoursStart) ?? new TimeOnly(9, 0);
        var end = InputValue.Time(form.HoursEnd) ?? new TimeOnly(17, 0);
        var profile = new Profile(
            person.Id,
            person.Name is { Length: > 0 } name ? name : existing?.DisplayName ?? string.Empty,
            existing?.Email,
            InputValue.Text(form.Department),
            existing?.ManagerId,
            existing?.Level ?? new CareerLevel(1),
            InputValue.Text(form.TimeZone) ?? existing?.TimeZoneId ?? "UTC",
            new WorkingHours(days, new LocalTime(start.Hour, start.Minute), new LocalTime(end.Hour, end.Minute)),
            form.LanguageList.Count > 0 ? form.LanguageList : [person.Culture.TwoLetterISOLanguageName],
            form.CapacityValue ?? existing?.Capacity ?? 1,
            existing?.Participation ?? Participation.Active,
            form.Role switch
            {
                ProfileFormCard.RoleLearn => ProgramRole.Learn,
                ProfileFormCard.RoleTeach => ProgramRole.Teach,
                _ => ProgramRole.Both,
            },
            offers,
            wants,
            person.TeamsId ?? existing?.TeamsId)
        {
            // A stored profile keeps its tenant; a new one takes the served tenant of the turn, never a card's field.
            Tenant = existing?.Tenant ?? person.Tenant,
            // Only the directory writes these (decision 0360); saving the form keeps them.
            Directory = existing?.Directory,
            // A card from before the language field keeps the stored choice; "Same as Teams" clears it.
            Language = form.MessageLanguage is null ? existing?.Language : Languages.Choice(form.MessageLanguage),
        };
        return new ComposedProfile(profile, unplaced);
    }

    /// <summary>The errors a form would be refused for, or none.</summary>
    public IReadOnlyList<ProfileError> Check(SaveProfileData form, TurnPerson person, Profile? existing) =>
        validator.Validate(Compose(form, person, existing).Profile).Errors;

    public async Task<ProfileSaveOutcome> SaveAsync(ITurnContext turnContext, TurnPerson person, SaveProfileData form, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> unplaced = [];
        string? language = null;
        IReadOnlyCollection<SkillId> offeredBefore = [];
        var outcome = await profiles.SaveAsync(
            person.Id,
            existing =>
            {
                offeredBefore = existing is { CanTeach: true } ? [.. existing.Offers.Select(o => o.Skill)] : [];
                var composed = Compose(form, person, existing);
                unplaced = composed.Unplaced;
                language = composed.Profile.Language;
                return composed.Profile;
            },
            cancellationToken);

        // The answer is already in the language just chosen, and so is the rest of this turn.
        person = outcome is ProfileSaveOutcome.Invalid ? person : person with { Culture = Languages.For(language, person.TeamsLocale) };
        var t = new CardTexts(person.Culture);
        if (outcome is ProfileSaveOutcome.Invalid invalid)
        {
            await turnContext.SendActivityAsync(ErrorText(invalid.Errors, t), cancellationToken);
            return outcome;
        }

        var text = t["Flow.ProfileSaved"];
        if (unplaced.Count > 0)
        {
            text += "\n\n" + t.Format("Flow.UnplacedSkills", string.Join(", ", unplaced));
        }

        await turnContext.SendActivityAsync(text, cancellationToken);

        // Someone now teaches a skill a senior was told nobody could help with: they are asked, as that card promised.
        if (outcome is ProfileSaveOutcome.Saved { Profile: var saved })
        {
            await mentoring.OfferToNewTeacherAsync(saved, [.. saved.Offers.Select(o => o.Skill).Except(offeredBefore)], cancellationToken);
        }

        // A first profile is the moment to ask about the tenant's programs: consent first, nothing is assumed.
        if (outcome is ProfileSaveOutcome.Saved { Created: true })
        {
            await programs.OfferAsync(turnContext, person, quietWhenNothing: true, cancellationToken);
        }

        return outcome;
    }

    public static string ErrorText(IReadOnlyList<ProfileError> errors, CardTexts t) =>
        t["Flow.ProfileInvalid"] + "\n\n" + string.Join("\n", errors.Select(e => "- " + ProfileErrorTexts.For(e, t.Culture)).Distinct(StringComparer.Ordinal));

    private static SkillLevel DefaultTarget(SkillLevel current) => current >= SkillLevel.Practitioner ? SkillLevel.Expert : SkillLevel.Practitioner;

    private static void Add<T>(List<T> list, Func<T, SkillId> key, T item)
    {
        if (list.All(existing => key(existing) != key(item)))
        {
            list.Add(item);
        }
    }

    private static IEnumerable<SkillId> Resolve(TenantSkillCatalog catalog, string? freeText, List<string> unplaced)
    {
        foreach (var part in InputValue.List(freeText?.Replace(';', ',')))
        {
            var best = catalog.Resolver.Resolve(part).Best;
            if (best is not null && catalog.IsOffered(best.Skill.Id))
            {
                yield return best.Skill.Id;
            }
            else
            {
                unplaced.Add(part);
            }
        }
    }
}

/// <param name="Unplaced">Free-text skills no catalog skill was found for.</param>
public sealed record ComposedProfile(Profile Profile, IReadOnlyList<string> Unplaced);
