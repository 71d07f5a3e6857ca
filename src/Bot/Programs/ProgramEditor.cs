using System.Globalization;
using MentorBot.Core;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Persistence;
using MentorBot.Core.Profiles;
using MentorBot.Core.Programs;
using MentorBot.Core.Skills;
using MentorBot.Core.Tenants;
using NodaTime;
using NodaTime.Text;

namespace MentorBot.Bot.Programs;

/// <summary>
/// A program's settings as an owner typed them: every value a string, exactly as sent, so a form that is refused (a
/// mistake, or another owner saved first) comes back with what was typed (decision 0440). Lists are comma- or
/// line-separated. <see cref="Version"/> is the ETag the owner started from.
/// </summary>
public sealed record ProgramInput(
    string Name = "",
    string Purpose = "",
    string Start = "",
    string End = "",
    string EveryWeeks = "2",
    string MeetingMinutes = "30",
    string TermMonths = "3",
    string TargetSkills = "",
    string Owners = "",
    string SafeguardContacts = "",
    bool ManagersMayBeCopied = false,
    string AnswerWindowHours = "48",
    string? Version = null,
    bool JuniorsMayAsk = true)
{
    public static ProgramInput From(MentoringProgram program, ETag? version, SkillCatalog catalog) => new(
        program.Name,
        program.Goals.Purpose,
        LocalDatePattern.Iso.Format(program.Cohort.Start),
        LocalDatePattern.Iso.Format(program.Cohort.End),
        program.Meetings.EveryWeeks.ToString(CultureInfo.InvariantCulture),
        ((int)program.Meetings.Length.TotalMinutes).ToString(CultureInfo.InvariantCulture),
        program.TermMonths.ToString(CultureInfo.InvariantCulture),
        string.Join(", ", program.Goals.TargetSkills.Select(catalog.NameOf)),
        string.Join(", ", program.Owners.Select(o => o.AadObjectId)),
        string.Join(", ", program.Safeguarding.Select(o => o.AadObjectId)),
        program.ManagersMayBeCopied,
        ((int)program.ReOfferWindow.TotalHours).ToString(CultureInfo.InvariantCulture),
        version?.Value,
        program.JuniorsMayAsk);

    /// <summary>A new program's form: today to a year from now, the usual rhythm, the creator as its owner.</summary>
    public static ProgramInput New(UserId creator, LocalDate today) => new(
        Start: LocalDatePattern.Iso.Format(today),
        End: LocalDatePattern.Iso.Format(today.PlusYears(1)),
        Owners: creator.AadObjectId);
}

/// <summary>What a save came to.</summary>
public abstract record ProgramSave
{
    private ProgramSave()
    {
    }

    public sealed record Saved(Versioned<MentoringProgram> Program) : ProgramSave;

    /// <summary>Field name (as in <see cref="ProgramEdits.Fields"/>) → what is wrong with it.</summary>
    public sealed record Invalid(IReadOnlyDictionary<string, string> Errors) : ProgramSave;

    /// <summary>Another owner saved first: <paramref name="Current"/> is what is stored now (null: it was deleted).</summary>
    public sealed record Conflict(Versioned<MentoringProgram>? Current) : ProgramSave;

    public sealed record Refused(string Reason) : ProgramSave;
}

/// <summary>
/// Creates, edits, pauses, closes and deletes programs for their owners (decision 0440): validates what was typed
/// into a <see cref="MentoringProgram"/>, writes it only if it is still at the version the owner started from, and
/// records who changed which field in the program's own trail. Delete is refused while pairs in the program are active.
/// </summary>
public sealed class ProgramEditor(IProgramStore programs, SkillCatalog catalog, ProgramActivityLoader activity, TimeProvider time)
{
    public const int MaxIdLength = 60;

    public LocalDate Today => LocalDate.FromDateTime(time.GetUtcNow().UtcDateTime);

    public Task<Versioned<MentoringProgram>?> GetAsync(ProgramId id, CancellationToken cancellationToken) => programs.GetAsync(id, cancellationToken);

    public async Task<ProgramSave> CreateAsync(ProgramInput input, UserId creator, TenantId? tenant, CancellationToken cancellationToken)
    {
        // The creator always runs what they create; others can be added now or later.
        var withCreator = Split(input.Owners).Any(o => string.Equals(o, creator.AadObjectId, StringComparison.OrdinalIgnoreCase))
            ? input
            : input with { Owners = string.Join(", ", Split(input.Owners).Prepend(creator.AadObjectId)) };
        var (program, errors) = Parse(withCreator, NewId(input.Name), tenant, null);
        if (program is null)
        {
            return new ProgramSave.Invalid(errors);
        }

        var recorded = ProgramEdits.Recorded(null, program, creator, time.GetUtcNow());
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var etag = await programs.InsertAsync(recorded, cancellationToken);
                return new ProgramSave.Saved(new(recorded, etag));
            }
            catch (ConcurrencyConflictException) when (attempt < 3)
            {
                recorded = recorded with { Id = NewId(input.Name) };
            }
        }
    }

    /// <summary>Saves an owner's edit if nobody saved since <see cref="ProgramInput.Version"/>; the state is not changed here.</summary>
    public async Task<ProgramSave> UpdateAsync(ProgramId id, ProgramInput input, UserId by, CancellationToken cancellationToken)
    {
        if (await programs.GetAsync(id, cancellationToken) is not { } stored)
        {
            return new ProgramSave.Conflict(null);
        }

        if (input.Version is not { Length: > 0 } version)
        {
            return new ProgramSave.Refused("Send the version (ETag) you started from, so nobody's changes are overwritten unseen.");
        }

        var (program, errors) = Parse(input, id, stored.Value.Tenant, stored.Value);
        if (program is null)
        {
            return new ProgramSave.Invalid(errors);
        }

        return await WriteAsync(stored.Value, program, new ETag(version), by, cancellationToken);
    }

    /// <summary>Pause, resume or close; a closed program stays closed.</summary>
    public async Task<ProgramSave> ChangeStateAsync(ProgramId id, ProgramState state, string? version, UserId by, CancellationToken cancellationToken)
    {
        if (await programs.GetAsync(id, cancellationToken) is not { } stored)
        {
            return new ProgramSave.Conflict(null);
        }

        if (stored.Value.State == ProgramState.Closed && state != ProgramState.Closed)
        {
            return new ProgramSave.Refused("A closed program cannot be reopened; create a new one.");
        }

        return await WriteAsync(stored.Value, stored.Value with { State = state }, version is { Length: > 0 } v ? new ETag(v) : stored.ETag, by, cancellationToken);
    }

    /// <summary>
    /// Deletes a program nobody is paired in any more (decision 0440): while pairs are active the owner is told to
    /// close it first and let the pairs finish. Enrolments and ended pairings keep the program's id for the record.
    /// </summary>
    public async Task<ProgramSave> DeleteAsync(ProgramId id, string? version, CancellationToken cancellationToken)
    {
        if (await programs.GetAsync(id, cancellationToken) is not { } stored)
        {
            return new ProgramSave.Conflict(null);
        }

        if (version is not { Length: > 0 })
        {
            return new ProgramSave.Refused("Send the version (ETag) you started from.");
        }

        var active = (await activity.LoadAsync(id, cancellationToken)).Pairings.Count(p => p.State != Core.Programs.Reporting.PairingState.Ended);
        if (active > 0)
        {
            return new ProgramSave.Refused(string.Create(
                CultureInfo.InvariantCulture,
                $"{active} pair(s) in this program are still active. Close the program instead: nobody new joins or is paired, and the pairs finish their term."));
        }

        try
        {
            await programs.DeleteAsync(id, new ETag(version), cancellationToken);
            return new ProgramSave.Saved(stored);
        }
        catch (ConcurrencyConflictException)
        {
            return new ProgramSave.Conflict(await programs.GetAsync(id, cancellationToken));
        }
    }

    private async Task<ProgramSave> WriteAsync(MentoringProgram before, MentoringProgram after, ETag ifMatch, UserId by, CancellationToken cancellationToken)
    {
        var recorded = ProgramEdits.Recorded(before, after, by, time.GetUtcNow());
        try
        {
            var etag = await programs.ReplaceAsync(recorded, ifMatch, cancellationToken);
            return new ProgramSave.Saved(new(recorded, etag));
        }
        catch (ConcurrencyConflictException)
        {
            return new ProgramSave.Conflict(await programs.GetAsync(before.Id, cancellationToken));
        }
    }

    /// <summary>What was typed as a program, or every problem with it by field.</summary>
    public (MentoringProgram? Program, IReadOnlyDictionary<string, string> Errors) Parse(ProgramInput input, ProgramId id, TenantId? tenant, MentoringProgram? existing)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var start = Date(input.Start, "start", errors);
        var end = Date(input.End, "end", errors);
        var everyWeeks = Whole(input.EveryWeeks, "everyWeeks", 1, MentoringProgram.MaxEveryWeeks, "Meet every 1 to 12 weeks.", errors);
        var minutes = Whole(input.MeetingMinutes, "meetingMinutes", (int)MentoringProgram.MinMeetingLength.TotalMinutes, (int)MentoringProgram.MaxMeetingLength.TotalMinutes, "A meeting lasts 15 to 240 minutes.", errors);
        var term = Whole(input.TermMonths, "termMonths", 1, MentoringProgram.MaxTermMonths, "A term runs 1 to 24 months.", errors);
        var hours = Whole(input.AnswerWindowHours, "answerWindowHours", (int)MentoringProgram.MinReOfferWindow.TotalHours, (int)MentoringProgram.MaxReOfferWindow.TotalHours, "Give colleagues 4 to 336 hours (14 days) to answer.", errors);

        var skills = new List<SkillId>();
        foreach (var typed in Split(input.TargetSkills))
        {
            if (Resolve(typed) is { } skill)
            {
                skills.Add(skill);
            }
            else
            {
                errors.TryAdd("targetSkills", $"\"{typed}\" is not a skill in the catalog.");
            }
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var safeguarding = Split(input.SafeguardContacts).Select(c => new UserId(c)).ToList();
        var program = (existing ?? new MentoringProgram(id, "", new ProgramGoals("", []), new CohortDates(start, end), new MeetingDefaults(2, TimeSpan.FromMinutes(45)), MentoringProgram.DefaultReOfferWindow, []) { Tenant = tenant }) with
        {
            Name = input.Name.Trim(),
            Goals = new ProgramGoals(input.Purpose.Trim(), skills),
            Cohort = new CohortDates(start, end),
            Meetings = new MeetingDefaults(everyWeeks, TimeSpan.FromMinutes(minutes)),
            TermMonths = term,
            ReOfferWindow = TimeSpan.FromHours(hours),
            Owners = [.. Split(input.Owners).Select(o => new UserId(o))],
            SafeguardContacts = safeguarding.Count == 0 ? null : safeguarding,
            ManagersMayBeCopied = input.ManagersMayBeCopied,
            JuniorsMayAsk = input.JuniorsMayAsk,
        };
        foreach (var error in program.Validate())
        {
            var (field, message) = Describe(error);
            errors.TryAdd(field, message);
        }

        return errors.Count > 0 ? (null, errors) : (program, errors);
    }

    /// <summary>A skill by id or by name (any case).</summary>
    private SkillId? Resolve(string typed) =>
        catalog.Contains(new SkillId(typed))
            ? new SkillId(typed)
            : catalog.Skills.FirstOrDefault(s => string.Equals(s.Name, typed, StringComparison.OrdinalIgnoreCase))?.Id;

    public static (string Field, string Message) Describe(ProgramError error) => error switch
    {
        ProgramError.NameMissing => ("name", "Give the program a name."),
        ProgramError.NameTooLong => ("name", $"Keep the name to {MentoringProgram.MaxNameLength} characters."),
        ProgramError.PurposeMissing => ("purpose", "Say what the program is for; people see it before they join."),
        ProgramError.PurposeTooLong => ("purpose", $"Keep the purpose to {MentoringProgram.MaxPurposeLength} characters."),
        ProgramError.TooManyTargetSkills => ("targetSkills", $"Choose at most {MentoringProgram.MaxTargetSkills} target skills."),
        ProgramError.BlankTargetSkill => ("targetSkills", "A target skill is blank."),
        ProgramError.DuplicateTargetSkill => ("targetSkills", "A target skill is listed twice."),
        ProgramError.CohortEndsBeforeStart => ("end", "The end date is before the start date."),
        ProgramError.CohortTooLong => ("end", "A program runs at most three years; check the year."),
        ProgramError.CadenceOutOfRange => ("everyWeeks", "Meet every 1 to 12 weeks."),
        ProgramError.MeetingLengthOutOfRange => ("meetingMinutes", "A meeting lasts 15 to 240 minutes."),
        ProgramError.ReOfferWindowOutOfRange => ("answerWindowHours", "Give colleagues 4 to 336 hours (14 days) to answer."),
        ProgramError.NoOwners => ("owners", "A program needs at least one owner: concerns go to them."),
        ProgramError.TooManyOwners => ("owners", $"At most {MentoringProgram.MaxOwners} owners."),
        ProgramError.BlankOwner => ("owners", "An owner is blank."),
        ProgramError.DuplicateOwner => ("owners", "An owner is listed twice."),
        ProgramError.BadSafeguardContacts => ("safeguardContacts", $"At most {MentoringProgram.MaxSafeguardContacts} safeguarding contacts, none blank."),
        ProgramError.TermOutOfRange => ("termMonths", "A term runs 1 to 24 months."),
        _ => ("name", error.ToString()),
    };

    public static IReadOnlyList<string> Split(string? list) =>
        [.. (list ?? "").Split([',', '\n', '\r', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static ProgramId NewId(string name)
    {
        var slug = new string([.. name.Trim().ToLowerInvariant().Select(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' ? c : '-')]).Trim('-');
        while (slug.Contains("--", StringComparison.Ordinal))
        {
            slug = slug.Replace("--", "-", StringComparison.Ordinal);
        }

        slug = slug.Length > 40 ? slug[..40].Trim('-') : slug;
        var suffix = Guid.NewGuid().ToString("N")[..6];
        return new ProgramId(slug.Length == 0 ? $"program-{suffix}" : $"{slug}-{suffix}");
    }

    private static LocalDate Date(string typed, string field, Dictionary<string, string> errors)
    {
        var parsed = LocalDatePattern.Iso.Parse(typed.Trim());
        if (parsed.Success)
        {
            return parsed.Value;
        }

        errors[field] = "Enter a date as YYYY-MM-DD.";
        return default;
    }

    private static int Whole(string typed, string field, int min, int max, string message, Dictionary<string, string> errors)
    {
        if (int.TryParse(typed.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        errors[field] = message;
        return min;
    }
}
