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
    public sealed record Invalid(IReadOnlyDictionary<string, string> Errors) : ProgramSave
    {
        /// <summary>The same problems as resource keys and values, so a page can say them in the viewer's language.</summary>
        public FieldErrors? Words { get; init; }

        /// <summary>The problems in <paramref name="texts"/>'s language (the English <see cref="Errors"/> when no words were kept).</summary>
        public IReadOnlyDictionary<string, string> In(OwnerPageTexts texts) => Words?.In(texts) ?? Errors;
    }

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
        var (program, errors) = ParseWords(withCreator, NewId(input.Name), tenant, null);
        if (program is null)
        {
            return new ProgramSave.Invalid(errors.In(OwnerPageTexts.English)) { Words = errors };
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

        var (program, errors) = ParseWords(input, id, stored.Value.Tenant, stored.Value);
        if (program is null)
        {
            return new ProgramSave.Invalid(errors.In(OwnerPageTexts.English)) { Words = errors };
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
        var (program, errors) = ParseWords(input, id, tenant, existing);
        return (program, errors.In(OwnerPageTexts.English));
    }

    private (MentoringProgram? Program, FieldErrors Errors) ParseWords(ProgramInput input, ProgramId id, TenantId? tenant, MentoringProgram? existing)
    {
        var errors = new FieldErrors();
        var start = Date(input.Start, "start", errors);
        var end = Date(input.End, "end", errors);
        var everyWeeks = Whole(input.EveryWeeks, "everyWeeks", 1, MentoringProgram.MaxEveryWeeks, "Error.CadenceOutOfRange", errors);
        var minutes = Whole(input.MeetingMinutes, "meetingMinutes", (int)MentoringProgram.MinMeetingLength.TotalMinutes, (int)MentoringProgram.MaxMeetingLength.TotalMinutes, "Error.MeetingLengthOutOfRange", errors);
        var term = Whole(input.TermMonths, "termMonths", 1, MentoringProgram.MaxTermMonths, "Error.TermOutOfRange", errors);
        var hours = Whole(input.AnswerWindowHours, "answerWindowHours", (int)MentoringProgram.MinReOfferWindow.TotalHours, (int)MentoringProgram.MaxReOfferWindow.TotalHours, "Error.ReOfferWindowOutOfRange", errors);

        var skills = new List<SkillId>();
        foreach (var typed in Split(input.TargetSkills))
        {
            if (Resolve(typed) is { } skill)
            {
                skills.Add(skill);
            }
            else
            {
                errors.TryAdd("targetSkills", "Error.NotASkill", typed);
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
            var (field, key, argument) = Words(error);
            errors.TryAdd(field, key, argument, error.ToString());
        }

        return errors.Count > 0 ? (null, errors) : (program, errors);
    }

    /// <summary>A skill by id or by name (any case).</summary>
    private SkillId? Resolve(string typed) =>
        catalog.Contains(new SkillId(typed))
            ? new SkillId(typed)
            : catalog.Skills.FirstOrDefault(s => string.Equals(s.Name, typed, StringComparison.OrdinalIgnoreCase))?.Id;

    public static (string Field, string Message) Describe(ProgramError error)
    {
        var (field, key, argument) = Words(error);
        return (field, key is null ? error.ToString() : OwnerPageTexts.English.Format(key, argument));
    }

    /// <summary>The field a Core error belongs to, its <c>OwnerPageTexts</c> key (null: none) and the value it names.</summary>
    private static (string Field, string? Key, object? Argument) Words(ProgramError error) => error switch
    {
        ProgramError.NameMissing => ("name", "Error.NameMissing", null),
        ProgramError.NameTooLong => ("name", "Error.NameTooLong", MentoringProgram.MaxNameLength),
        ProgramError.PurposeMissing => ("purpose", "Error.PurposeMissing", null),
        ProgramError.PurposeTooLong => ("purpose", "Error.PurposeTooLong", MentoringProgram.MaxPurposeLength),
        ProgramError.TooManyTargetSkills => ("targetSkills", "Error.TooManyTargetSkills", MentoringProgram.MaxTargetSkills),
        ProgramError.BlankTargetSkill => ("targetSkills", "Error.BlankTargetSkill", null),
        ProgramError.DuplicateTargetSkill => ("targetSkills", "Error.DuplicateTargetSkill", null),
        ProgramError.CohortEndsBeforeStart => ("end", "Error.CohortEndsBeforeStart", null),
        ProgramError.CohortTooLong => ("end", "Error.CohortTooLong", null),
        ProgramError.CadenceOutOfRange => ("everyWeeks", "Error.CadenceOutOfRange", null),
        ProgramError.MeetingLengthOutOfRange => ("meetingMinutes", "Error.MeetingLengthOutOfRange", null),
        ProgramError.ReOfferWindowOutOfRange => ("answerWindowHours", "Error.ReOfferWindowOutOfRange", null),
        ProgramError.NoOwners => ("owners", "Error.NoOwners", null),
        ProgramError.TooManyOwners => ("owners", "Error.TooManyOwners", MentoringProgram.MaxOwners),
        ProgramError.BlankOwner => ("owners", "Error.BlankOwner", null),
        ProgramError.DuplicateOwner => ("owners", "Error.DuplicateOwner", null),
        ProgramError.BadSafeguardContacts => ("safeguardContacts", "Error.BadSafeguardContacts", MentoringProgram.MaxSafeguardContacts),
        ProgramError.TermOutOfRange => ("termMonths", "Error.TermOutOfRange", null),
        _ => ("name", null, null),
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

    private static LocalDate Date(string typed, string field, FieldErrors errors)
    {
        var parsed = LocalDatePattern.Iso.Parse(typed.Trim());
        if (parsed.Success)
        {
            return parsed.Value;
        }

        errors.Set(field, "Error.Date");
        return default;
    }

    private static int Whole(string typed, string field, int min, int max, string key, FieldErrors errors)
    {
        if (int.TryParse(typed.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        errors.Set(field, key);
        return min;
    }
}
