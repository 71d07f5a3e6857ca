namespace MentorBot.Core.Programs.Import;

internal enum ParticipantColumn
{
    Name,
    Email,
    AadObjectId,
    Department,
    Manager,
    CareerLevel,
    TimeZone,
    SkillsOffered,
    SkillsWanted,
    Role,
    Capacity,
    Languages,
}

/// <summary>The import's header vocabulary. HR exports spell headers every which way, so matching ignores case,
/// spaces, underscores and dashes, and knows a few common synonyms.</summary>
internal static class ParticipantColumns
{
    public static IReadOnlyList<ParticipantColumn> Required { get; } =
    [
        ParticipantColumn.Name,
        ParticipantColumn.Email,
        ParticipantColumn.AadObjectId,
        ParticipantColumn.CareerLevel,
        ParticipantColumn.TimeZone,
        ParticipantColumn.Role,
    ];

    /// <summary>The header a template file uses, in order.</summary>
    public static IReadOnlyList<string> TemplateHeader { get; } =
    [
        "name", "email", "aad_object_id", "department", "manager", "career_level", "time_zone",
        "skills_offered", "skills_wanted", "role", "capacity", "languages",
    ];

    private static readonly Dictionary<string, ParticipantColumn> Aliases = new(StringComparer.Ordinal)
    {
        ["name"] = ParticipantColumn.Name,
        ["displayname"] = ParticipantColumn.Name,
        ["fullname"] = ParticipantColumn.Name,
        ["email"] = ParticipantColumn.Email,
        ["emailaddress"] = ParticipantColumn.Email,
        ["mail"] = ParticipantColumn.Email,
        ["aadobjectid"] = ParticipantColumn.AadObjectId,
        ["aadid"] = ParticipantColumn.AadObjectId,
        ["objectid"] = ParticipantColumn.AadObjectId,
        ["entraobjectid"] = ParticipantColumn.AadObjectId,
        ["entraid"] = ParticipantColumn.AadObjectId,
        ["department"] = ParticipantColumn.Department,
        ["dept"] = ParticipantColumn.Department,
        ["manager"] = ParticipantColumn.Manager,
        ["managerid"] = ParticipantColumn.Manager,
        ["manageraadobjectid"] = ParticipantColumn.Manager,
        ["manageremail"] = ParticipantColumn.Manager,
        ["careerlevel"] = ParticipantColumn.CareerLevel,
        ["level"] = ParticipantColumn.CareerLevel,
        ["grade"] = ParticipantColumn.CareerLevel,
        ["timezone"] = ParticipantColumn.TimeZone,
        ["timezoneid"] = ParticipantColumn.TimeZone,
        ["tz"] = ParticipantColumn.TimeZone,
        ["skillsoffered"] = ParticipantColumn.SkillsOffered,
        ["offeredskills"] = ParticipantColumn.SkillsOffered,
        ["offers"] = ParticipantColumn.SkillsOffered,
        ["canteach"] = ParticipantColumn.SkillsOffered,
        ["skillswanted"] = ParticipantColumn.SkillsWanted,
        ["wantedskills"] = ParticipantColumn.SkillsWanted,
        ["wants"] = ParticipantColumn.SkillsWanted,
        ["wantstolearn"] = ParticipantColumn.SkillsWanted,
        ["role"] = ParticipantColumn.Role,
        ["capacity"] = ParticipantColumn.Capacity,
        ["maxpairs"] = ParticipantColumn.Capacity,
        ["languages"] = ParticipantColumn.Languages,
        ["language"] = ParticipantColumn.Languages,
    };

    public static bool TryRecognise(string header, out ParticipantColumn column)
    {
        var key = new string(header.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
        return Aliases.TryGetValue(key, out column);
    }

    public static string TemplateName(ParticipantColumn column) => TemplateHeader[(int)column];
}
