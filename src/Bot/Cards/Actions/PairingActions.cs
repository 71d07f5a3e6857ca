using System.Text.Json.Serialization;
using MentorBot.Core;

namespace MentorBot.Bot.Cards.Actions;

public sealed record ScheduleCheckInData(string PairingId) : CardActionData;

/// <summary>Asks first (a confirmation card); <see cref="ConfirmEndPairingData"/> ends it.</summary>
public sealed record EndPairingData(string PairingId) : CardActionData;

public sealed record ConfirmEndPairingData(string PairingId) : CardActionData
{
    public const string NoteInput = "endNote";

    /// <summary>An optional kind word for the other person.</summary>
    [JsonPropertyName(NoteInput)]
    public string? Note { get; init; }
}

/// <summary><paramref name="SlotId"/> is the slot's start as sent by the scheduler (opaque to the card).</summary>
public sealed record PickSlotData(string PairingId, string ProposalId, string SlotId) : CardActionData;

public sealed record NoSlotFitsData(string PairingId, string ProposalId) : CardActionData
{
    public const string DateInput = "suggestDate";
    public const string TimeInput = "suggestTime";
    public const string NoteInput = "suggestNote";

    [JsonPropertyName(DateInput)]
    public string? Date { get; init; }

    [JsonPropertyName(TimeInput)]
    public string? Time { get; init; }

    [JsonPropertyName(NoteInput)]
    public string? Note { get; init; }

    public DateOnly? DateValue => InputValue.Date(Date);

    public TimeOnly? TimeValue => InputValue.Time(Time);
}

/// <summary>"Show me later times" under "None of these fit": the next times after the ones on the card, to both.</summary>
public sealed record LaterSlotsData(string PairingId, string ProposalId) : CardActionData;

public sealed record RescheduleCheckInData(string CheckInId, int Version) : CardActionData;

public sealed record SkipCheckInData(string CheckInId, int Version) : CardActionData;

public sealed record AddAgendaTopicData(string CheckInId) : CardActionData
{
    public const string TopicInput = "agendaTopic";

    [JsonPropertyName(TopicInput)]
    public string? Topic { get; init; }
}

public sealed record SubmitFeedbackData(string CheckInId) : CardActionData
{
    public const string MetInput = "met";
    public const string RatingInput = "rating";
    public const string LearnedInput = "learned";
    public const string TaughtInput = "taught";
    public const string NextTopicsInput = "nextTopics";
    public const string SharedNoteInput = "sharedNote";
    public const string OneThingInput = "oneThing";

    /// <summary><c>yes</c> or <c>no</c>; see <see cref="DidMeet"/>.</summary>
    [JsonPropertyName(MetInput)]
    public string? Met { get; init; }

    [JsonPropertyName(RatingInput)]
    public string? Rating { get; init; }

    [JsonPropertyName(LearnedInput)]
    public string? Learned { get; init; }

    [JsonPropertyName(TaughtInput)]
    public string? Taught { get; init; }

    [JsonPropertyName(NextTopicsInput)]
    public string? NextTopics { get; init; }

    /// <summary>Shared with the other person on the next agenda card (the only answer that is not private).</summary>
    [JsonPropertyName(SharedNoteInput)]
    public string? SharedNote { get; init; }

    /// <summary>The senior's "one thing I'll try", shown to both on the next agenda card.</summary>
    [JsonPropertyName(OneThingInput)]
    public string? OneThing { get; init; }

    public bool? DidMeet => Met switch
    {
        "yes" => true,
        "no" => false,
        _ => null,
    };

    /// <summary>1–5, or null when not given or out of range.</summary>
    public int? RatingValue => InputValue.Number(Rating) is { } rating and >= 1 and <= 5 ? rating : null;
}

/// <summary>The private "this isn't working" path: goes to the program owner, never to the other person.</summary>
public sealed record RaiseConcernData(string PairingId) : CardActionData
{
    public const string ConcernInput = "concern";

    [JsonPropertyName(ConcernInput)]
    public string? Concern { get; init; }
}

public sealed record SendThanksData(string PairingId) : CardActionData
{
    public const string NoteInput = "thanksNote";
    public const string CcManagerInput = "ccManager";

    [JsonPropertyName(NoteInput)]
    public string? Note { get; init; }

    [JsonPropertyName(CcManagerInput)]
    public string? CcManager { get; init; }

    public bool CopyManager => InputValue.Flag(CcManager) ?? false;
}

public sealed record ThanksLaterData(string PairingId) : CardActionData;

public sealed record ContinuePairingData(string PairingId) : CardActionData
{
    public const string RatingInput = "periodRating";
    public const string HighlightInput = "periodHighlight";
    public const string LevelInput = "periodLevel";

    /// <summary>The learner's level now (1–4, <see cref="Core.Skills.SkillLevel"/>), when their card asked.</summary>
    [JsonPropertyName(LevelInput)]
    public string? Level { get; init; }

    [JsonPropertyName(RatingInput)]
    public string? Rating { get; init; }

    [JsonPropertyName(HighlightInput)]
    public string? Highlight { get; init; }

    public int? RatingValue => InputValue.Number(Rating) is { } rating and >= 1 and <= 5 ? rating : null;
}

public sealed record ClosePairingData(string PairingId) : CardActionData
{
    [JsonPropertyName(ContinuePairingData.LevelInput)]
    public string? Level { get; init; }

    [JsonPropertyName(ContinuePairingData.RatingInput)]
    public string? Rating { get; init; }

    [JsonPropertyName(ContinuePairingData.HighlightInput)]
    public string? Highlight { get; init; }

    public int? RatingValue => InputValue.Number(Rating) is { } rating and >= 1 and <= 5 ? rating : null;
}

public sealed record EditCadenceData(string PairingId) : CardActionData;

public sealed record ChangeCadenceData(string PairingId) : CardActionData
{
    public const string WeeksInput = "cadenceWeeks";
    public const string MinutesInput = "cadenceMinutes";

    [JsonPropertyName(WeeksInput)]
    public string? Weeks { get; init; }

    [JsonPropertyName(MinutesInput)]
    public string? Minutes { get; init; }

    /// <summary>1, 2 or 4; anything else is null.</summary>
    public int? WeeksValue => InputValue.Number(Weeks) is { } weeks and (1 or 2 or 4) ? weeks : null;

    /// <summary>30, 45 or 60; anything else is null.</summary>
    public int? MinutesValue => InputValue.Number(Minutes) is { } minutes and (30 or 45 or 60) ? minutes : null;
}
