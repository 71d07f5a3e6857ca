using System.Globalization;
using MentorBot.Bot.Cards.Actions;
using MentorBot.Bot.Cards.Model;
using static MentorBot.Bot.Cards.Blocks;

namespace MentorBot.Bot.Cards;

/// <summary>
/// The profile form, empty for a first set-up or prefilled for editing. <paramref name="SkillCatalog"/> feeds every
/// skill picker; skills beyond <see cref="ProfileFormLimits.MaxSkillRows"/> rows go in the free-text fields.
/// </summary>
/// <param name="SkillCatalog">The tenant's offered skills, any number: each picker searches them all with Teams'
/// type-ahead and carries a few of them as static choices for clients without it (<see cref="SkillPicker"/>); the
/// free-text fields still take anything else, resolved with a <see cref="SkillChoiceCard"/>.</param>
/// <param name="Role"><c>learn</c>, <c>teach</c>, <c>both</c> or null.</param>
/// <param name="TimeZoneChoices">A short list that contains <paramref name="TimeZoneId"/> (the zone Teams reported).</param>
/// <param name="Languages">Comma-separated, as shown in the field.</param>
/// <param name="MessageLanguage">The language the person chose for MentorBot's messages ("sv"), null = follow Teams.</param>
public sealed record ProfileFormView(
    bool IsEdit,
    string? Role,
    string? Department,
    string TimeZoneId,
    IReadOnlyList<ChoiceOption> TimeZoneChoices,
    TimeOnly HoursStart,
    TimeOnly HoursEnd,
    IReadOnlyList<DayOfWeek> Days,
    IReadOnlyList<ChoiceOption> SkillCatalog,
    IReadOnlyList<SkillLevelInput> Offers,
    IReadOnlyList<SkillLevelInput> Wants,
    string? Languages,
    int Capacity,
    string? MessageLanguage = null)
{
    /// <summary>What the organisation's directory says about the person (decision 0404); null without a directory.</summary>
    public ProfileDirectoryView? Directory { get; init; }

    /// <summary>Whether the skill pickers carry Teams' type-ahead query (<c>Skills:TypeAheadSearch</c>).</summary>
    public bool TypeAhead { get; init; } = true;
}

/// <summary>
/// The directory's facts shown on the person's own profile form (only in their 1:1 chat): read-only, marked as coming
/// from the directory. <paramref name="Manager"/> is the manager's display name when they use MentorBot, else null with
/// <paramref name="HasManager"/> true.
/// </summary>
public sealed record ProfileDirectoryView(
    string? Department,
    string? JobTitle,
    string? OfficeLocation,
    string? Manager,
    bool HasManager,
    string? MailboxTimeZone,
    string? PreferredLanguage)
{
    /// <summary>The mailbox time zone as an IANA id, offered in the time-zone picker (never chosen for the person).</summary>
    public string? MailboxZoneId { get; init; }
}

public static class ProfileFormCard
{
    public const string RoleLearn = "learn";
    public const string RoleTeach = "teach";
    public const string RoleBoth = "both";

    public const int MaxCapacity = 5;

    private static readonly string[] DayValues = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

    /// <summary>The value the form uses for a day in <see cref="SaveProfileData.Days"/>.</summary>
    public static string DayValue(DayOfWeek day) => DayValues[(int)day];

    public static AdaptiveCard Build(ProfileFormView view, CultureInfo culture)
    {
        var t = new CardTexts(culture);
        var title = view.IsEdit ? t["Profile.EditTitle"] : t["Profile.Title"];
        var catalog = SkillPicker.StaticChoices(view.SkillCatalog, [.. view.Offers.Select(o => o.SkillId), .. view.Wants.Select(w => w.SkillId)], SkillPicker.ProfileBudget);
        var levels = LevelChoices(t);

        var body = new List<AdaptiveElement>
        {
            Heading(title),
            Text(t["Profile.Intro"]),
        };
        if (view.Directory is { } directory)
        {
            body.AddRange(DirectorySection(directory, culture));
        }

        body.AddRange(
        [
            SubHeading(t["Profile.AboutYou"]),
            new ChoiceSetInput(
            [
                new(t["Profile.RoleLearn"], RoleLearn),
                new(t["Profile.RoleTeach"], RoleTeach),
                new(t["Profile.RoleBoth"], RoleBoth),
            ])
            {
                Id = SaveProfileData.RoleInput,
                Label = t["Profile.RoleLabel"],
                Style = ChoiceInputStyle.Expanded,
                Value = view.Role ?? RoleBoth,
                IsRequired = true,
                ErrorMessage = t["Profile.RoleError"],
            },
            new TextInput
            {
                Id = SaveProfileData.DepartmentInput,
                Label = t["Profile.DepartmentLabel"],
                Value = view.Department,
                MaxLength = 100,
            },
            SubHeading(t["Profile.WhenFree"]),
            new ChoiceSetInput(Choices(view.TimeZoneChoices))
            {
                Id = SaveProfileData.TimeZoneInput,
                Label = t["Profile.TimeZoneLabel"],
                Style = ChoiceInputStyle.Filtered,
                Value = view.TimeZoneId,
                IsRequired = true,
                ErrorMessage = t["Profile.TimeZoneError"],
            },
            new ColumnSet(
            [
                new Column(
                [
                    new TimeInput
                    {
                        Id = SaveProfileData.HoursStartInput,
                        Label = t["Profile.HoursStartLabel"],
                        Value = view.HoursStart.ToString("HH:mm", CultureInfo.InvariantCulture),
                        IsRequired = true,
                        ErrorMessage = t["Profile.HoursError"],
                    },
                ]) { Width = "stretch" },
                new Column(
                [
                    new TimeInput
                    {
                        Id = SaveProfileData.HoursEndInput,
                        Label = t["Profile.HoursEndLabel"],
                        Value = view.HoursEnd.ToString("HH:mm", CultureInfo.InvariantCulture),
                        IsRequired = true,
                        ErrorMessage = t["Profile.HoursError"],
                    },
                ]) { Width = "stretch" },
            ]),
            new ChoiceSetInput(DayChoices(culture))
            {
                Id = SaveProfileData.DaysInput,
                Label = t["Profile.DaysLabel"],
                IsMultiSelect = true,
                Style = ChoiceInputStyle.Expanded,
                Value = string.Join(',', view.Days.Select(DayValue)),
                IsRequired = true,
                ErrorMessage = t["Profile.DaysError"],
            },
            SubHeading(t["Profile.OffersHeading"]),
            Subtle(t["Profile.OffersHint"]),
        ]);

        for (var row = 0; row < RowCount(view.Offers); row++)
        {
            var offer = row < view.Offers.Count ? view.Offers[row] : null;
            body.Add(new ColumnSet(
            [
                new Column(
                [
                    new ChoiceSetInput(catalog)
                    {
                        Id = SaveProfileData.OfferSkillInput(row),
                        Label = row == 0 ? t["Profile.SkillLabel"] : null,
                        Style = ChoiceInputStyle.Filtered,
                        Placeholder = t["Profile.SkillPlaceholder"],
                        Value = offer?.SkillId,
                        ChoicesData = view.TypeAhead ? SkillPicker.Query : null,
                    },
                ]) { Width = "3" },
                new Column(
                [
                    new ChoiceSetInput(levels)
                    {
                        Id = SaveProfileData.OfferLevelInput(row),
                        Label = row == 0 ? t["Profile.LevelLabel"] : null,
                        Value = LevelValue(offer?.Level),
                    },
                ]) { Width = "2" },
            ]));
        }

        body.Add(new TextInput
        {
            Id = SaveProfileData.OtherOffersInput,
            Label = t["Profile.OtherOffersLabel"],
            Placeholder = t["Profile.OtherPlaceholder"],
            MaxLength = 200,
        });
        body.Add(SubHeading(t["Profile.WantsHeading"]));
        body.Add(Subtle(t["Profile.WantsHint"]));

        for (var row = 0; row < RowCount(view.Wants); row++)
        {
            var want = row < view.Wants.Count ? view.Wants[row] : null;
            body.Add(new ColumnSet(
            [
                new Column(
                [
                    new ChoiceSetInput(catalog)
                    {
                        Id = SaveProfileData.WantSkillInput(row),
                        Label = row == 0 ? t["Profile.SkillLabel"] : null,
                        Style = ChoiceInputStyle.Filtered,
                        Placeholder = t["Profile.SkillPlaceholder"],
                        Value = want?.SkillId,
                        ChoicesData = view.TypeAhead ? SkillPicker.Query : null,
                    },
                ]) { Width = "3" },
                new Column(
                [
                    new ChoiceSetInput(levels)
                    {
                        Id = SaveProfileData.WantCurrentInput(row),
                        Label = row == 0 ? t["Profile.CurrentLabel"] : null,
                        Value = LevelValue(want?.Level),
                    },
                ]) { Width = "2" },
                new Column(
                [
                    new ChoiceSetInput(levels)
                    {
                        Id = SaveProfileData.WantTargetInput(row),
                        Label = row == 0 ? t["Profile.TargetLabel"] : null,
                        Value = LevelValue(want?.Target),
                    },
                ]) { Width = "2" },
            ]));
        }

        body.Add(new TextInput
        {
            Id = SaveProfileData.OtherWantsInput,
            Label = t["Profile.OtherWantsLabel"],
            Placeholder = t["Profile.OtherPlaceholder"],
            MaxLength = 200,
        });
        body.Add(SubHeading(t["Profile.MoreHeading"]));
        body.Add(new TextInput
        {
            Id = SaveProfileData.LanguagesInput,
            Label = t["Profile.LanguagesLabel"],
            Placeholder = t["Profile.LanguagesPlaceholder"],
            Value = view.Languages,
            MaxLength = 200,
        });
        body.Add(new ChoiceSetInput(
            [new(t["Profile.MessageLanguageTeams"], MentorBot.Bot.Cards.Languages.FollowTeams), .. MentorBot.Bot.Cards.Languages.Supported.Select(l => new Choice(NativeName(l), l.TwoLetterISOLanguageName))])
        {
            Id = SaveProfileData.MessageLanguageInput,
            Label = t["Profile.MessageLanguageLabel"],
            Value = view.MessageLanguage ?? MentorBot.Bot.Cards.Languages.FollowTeams,
        });
        body.Add(new NumberInput
        {
            Id = SaveProfileData.CapacityInput,
            Label = t["Profile.CapacityLabel"],
            Min = 1,
            Max = MaxCapacity,
            Value = Math.Clamp(view.Capacity, 1, MaxCapacity),
            IsRequired = true,
            ErrorMessage = t.Format("Profile.CapacityError", MaxCapacity),
        });
        body.Add(Subtle(t["Profile.Privacy"]));

        return AdaptiveCard.Create(
            body,
            [
                Execute(view.IsEdit ? t["Profile.SaveChanges"] : t["Profile.Save"], new SaveProfileData(view.IsEdit)),
                ExecuteAlone(t["Common.NotNow"], new CancelFlowData("profile")),
            ],
            fallbackText: title);
    }

    // One empty row after the filled ones invites another skill; never fewer than two so the form doesn't look bare.
    private static IEnumerable<AdaptiveElement> DirectorySection(ProfileDirectoryView directory, CultureInfo culture)
    {
        var t = new DirectoryTexts(culture);
        var manager = directory.Manager ?? (directory.HasManager ? t["Directory.ManagerNotInMentorBot"] : null);
        var facts = Facts(
            (t["Directory.Department"], directory.Department),
            (t["Directory.JobTitle"], directory.JobTitle),
            (t["Directory.Office"], directory.OfficeLocation),
            (t["Directory.Manager"], manager),
            (t["Directory.TimeZone"], directory.MailboxTimeZone),
            (t["Directory.Language"], directory.PreferredLanguage));
        if (facts.Facts.Count == 0)
        {
            yield break;
        }

        yield return SubHeading(t["Directory.Heading"]);
        yield return facts;
        yield return Subtle(t["Directory.Hint"]);
    }

    private static int RowCount(IReadOnlyList<SkillLevelInput> rows) =>
        Math.Clamp(rows.Count + 1, 2, ProfileFormLimits.MaxSkillRows);

    private static string? LevelValue(int? level) =>
        level is >= 1 and <= 4 ? level.Value.ToString(CultureInfo.InvariantCulture) : null;

    private static List<Choice> LevelChoices(CardTexts t) =>
    [
        new(t["Level.Aware"], "1"),
        new(t["Level.Working"], "2"),
        new(t["Level.Practitioner"], "3"),
        new(t["Level.Expert"], "4"),
    ];

    // Each language in its own words ("English", "Svenska"), so a person who can't read the current one still finds theirs.
    private static string NativeName(CultureInfo language) =>
        language.NativeName.Length == 0 ? language.Name : char.ToUpper(language.NativeName[0], language) + language.NativeName[1..];

    private static List<Choice> DayChoices(CultureInfo culture)
    {
        var first = (int)culture.DateTimeFormat.FirstDayOfWeek;
        return Enumerable.Range(0, 7)
            .Select(offset => (DayOfWeek)((first + offset) % 7))
            .Select(day => new Choice(culture.DateTimeFormat.GetAbbreviatedDayName(day), DayValue(day)))
            .ToList();
    }
}
