using System.Text.Json.Serialization;
using MentorBot.Core;

namespace MentorBot.Bot.Cards.Actions;

/// <summary>"Did you mean …?" — <paramref name="Typed"/> is what the person wrote, so the dialog can carry on.</summary>
public sealed record PickSkillData(string SkillId, string Typed) : CardActionData;

public sealed record NoSkillMatchData(string Typed) : CardActionData;

public sealed record StartAskForHelpData(string? SkillId = null) : CardActionData;

public sealed record AskForHelpData : CardActionData
{
    public const string SkillInput = "skill";
    public const string GoalInput = "goal";
    public const string FormatInput = "format";
    public const string UrgencyInput = "urgency";

    [JsonPropertyName(SkillInput)]
    public string? Skill { get; init; }

    [JsonPropertyName(GoalInput)]
    public string? Goal { get; init; }

    /// <summary>One of <see cref="MeetingFormats"/>.</summary>
    [JsonPropertyName(FormatInput)]
    public string? Format { get; init; }

    /// <summary>One of <see cref="Urgencies"/>.</summary>
    [JsonPropertyName(UrgencyInput)]
    public string? Urgency { get; init; }
}

public static class MeetingFormats
{
    public const string Chat = "chat";
    public const string Call30 = "call30";
    public const string Shadowing = "shadowing";
}

public static class Urgencies
{
    public const string ThisWeek = "thisWeek";
    public const string ThisMonth = "thisMonth";
    public const string NoRush = "noRush";
}

public sealed record AskCandidateData(string RequestId, string CandidateId, int Version) : CardActionData;

public sealed record LetMentorBotChooseData(string RequestId, int Version) : CardActionData;

/// <summary><paramref name="Version"/> is the request's version when the card was sent; older means stale.</summary>
public sealed record AcceptRequestData(string RequestId, int Version) : CardActionData;

public sealed record DeclineRequestData(string RequestId, int Version) : CardActionData
{
    public const string ReasonInput = "declineReason";
    public const string NoteInput = "declineNote";

    /// <summary>One of <see cref="DeclineReasons"/>, or null when the junior gave none (that is fine).</summary>
    [JsonPropertyName(ReasonInput)]
    public string? Reason { get; init; }

    [JsonPropertyName(NoteInput)]
    public string? Note { get; init; }
}

public static class DeclineReasons
{
    public const string NoTime = "noTime";
    public const string NotMySkill = "notMySkill";
    public const string Other = "other";
}

public sealed record SuggestColleagueData(string RequestId, int Version) : CardActionData
{
    public const string ColleagueInput = "colleague";
    public const string NoteInput = "colleagueNote";

    /// <summary>A name or e-mail as typed; the dialog resolves it.</summary>
    [JsonPropertyName(ColleagueInput)]
    public string? Colleague { get; init; }

    [JsonPropertyName(NoteInput)]
    public string? Note { get; init; }
}

public sealed record WithdrawRequestData(string RequestId, int Version) : CardActionData;

public sealed record ShowMyMentoringData : CardActionData;

public sealed record ForgetMeData : CardActionData;

public sealed record ConfirmForgetMeData : CardActionData;

public sealed record PauseParticipationData : CardActionData;

public sealed record ResumeParticipationData : CardActionData;

/// <summary>Automatic refresh (Universal Actions) of a card that shows changing state.</summary>
public sealed record RefreshCardData(string Card, string EntityId) : CardActionData;
