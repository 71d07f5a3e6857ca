using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MentorBot.Bot.Cards.Actions;

public sealed record SetUpProfileData : CardActionData;

public sealed record EditProfileData : CardActionData;


public sealed record ShowHelpData : CardActionData;

/// <summary>"Cancel" / "Not now" on a form or confirmation; <paramref name="Flow"/> names what was abandoned.</summary>
public sealed record CancelFlowData(string Flow) : CardActionData;

/// <summary>
/// The profile form. Single inputs are properties; the skill rows (<c>offer.0.skill</c>, <c>want.1.target</c>…) vary
/// in number and arrive as extra fields, read through <see cref="Offers"/> and <see cref="Wants"/>.
/// </summary>
public sealed record SaveProfileData(bool IsEdit) : CardActionData
{
    public const string RoleInput = "role";
    public const string DepartmentInput = "department";
    public const string TimeZoneInput = "timeZone";
    public const string HoursStartInput = "hoursStart";
    public const string HoursEndInput = "hoursEnd";
    public const string DaysInput = "days";
    public const string OtherOffersInput = "otherOffers";
    public const string OtherWantsInput = "otherWants";
    public const string LanguagesInput = "languages";
    public const string CapacityInput = "capacity";
    public const string MessageLanguageInput = "messageLanguage";

    public static string OfferSkillInput(int row) => $"offer.{row}.skill";

    public static string OfferLevelInput(int row) => $"offer.{row}.level";

    public static string WantSkillInput(int row) => $"want.{row}.skill";

    public static string WantCurrentInput(int row) => $"want.{row}.current";

    public static string WantTargetInput(int row) => $"want.{row}.target";

    [JsonPropertyName(RoleInput)]
    public string? Role { get; init; }

    [JsonPropertyName(DepartmentInput)]
    public string? Department { get; init; }

    [JsonPropertyName(TimeZoneInput)]
    public string? TimeZone { get; init; }

    [JsonPropertyName(HoursStartInput)]
    public string? HoursStart { get; init; }

    [JsonPropertyName(HoursEndInput)]
    public string? HoursEnd { get; init; }

    /// <summary>Comma-separated day values (<c>mon,tue</c>); see <see cref="SelectedDays"/>.</summary>
    [JsonPropertyName(DaysInput)]
    public string? Days { get; init; }

    [JsonPropertyName(OtherOffersInput)]
    public string? OtherOffers { get; init; }

    [JsonPropertyName(OtherWantsInput)]
    public string? OtherWants { get; init; }

    [JsonPropertyName(LanguagesInput)]
    public string? Languages { get; init; }

    [JsonPropertyName(CapacityInput)]
    public string? Capacity { get; init; }

    /// <summary>The language tag for MentorBot's messages; empty = follow Teams (<see cref="MentorBot.Bot.Cards.Languages.Choice"/>).</summary>
    [JsonPropertyName(MessageLanguageInput)]
    public string? MessageLanguage { get; init; }

    // A setter, not init: the source generator binds init-only properties like constructor parameters, and extension
    // data cannot be a constructor parameter.
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Rows { get; set; }

    public IReadOnlyList<string> SelectedDays => InputValue.List(Days);

    public IReadOnlyList<string> LanguageList => InputValue.List(Languages);

    public int? CapacityValue => InputValue.Number(Capacity);

    /// <summary>Filled rows only: a row with a skill but no level is kept with level 0 so the dialog can ask.</summary>
    public IReadOnlyList<SkillLevelInput> Offers() => ReadRows("offer", (skill, row) =>
        new SkillLevelInput(skill, RowInt(OfferLevelInput(row)) ?? 0, null));

    public IReadOnlyList<SkillLevelInput> Wants() => ReadRows("want", (skill, row) =>
        new SkillLevelInput(skill, RowInt(WantCurrentInput(row)) ?? 0, RowInt(WantTargetInput(row))));

    private List<SkillLevelInput> ReadRows(string prefix, Func<string, int, SkillLevelInput> read)
    {
        var rows = new List<SkillLevelInput>();
        for (var row = 0; row < ProfileFormLimits.MaxSkillRows; row++)
        {
            var skill = InputValue.Text(RowString($"{prefix}.{row}.skill"));
            if (skill is not null)
            {
                rows.Add(read(skill, row));
            }
        }

        return rows;
    }

    private string? RowString(string key) =>
        Rows is not null && Rows.TryGetValue(key, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private int? RowInt(string key) => InputValue.Number(RowString(key));
}

/// <summary>A skill row from the profile form. <paramref name="Target"/> is only set for skills someone wants.</summary>
public sealed record SkillLevelInput(string SkillId, int Level, int? Target);

public static class ProfileFormLimits
{
    /// <summary>Rows per list on the form; more skills go in the free-text field to keep the card small.</summary>
    public const int MaxSkillRows = 3;
}

/// <summary>Input values come back as strings (numbers, toggles, multi-select too); empty means "not given".</summary>
public static class InputValue
{
    public static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public static int? Number(string? value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : null;

    public static bool? Flag(string? value) => bool.TryParse(value, out var flag) ? flag : null;

    public static IReadOnlyList<string> List(string? value) => string.IsNullOrWhiteSpace(value)
        ? []
        : value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static TimeOnly? Time(string? value) =>
        TimeOnly.TryParseExact(value, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time : null;

    public static DateOnly? Date(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}
