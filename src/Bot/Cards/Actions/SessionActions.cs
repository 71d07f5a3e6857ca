using System.Text.Json.Serialization;

namespace MentorBot.Bot.Cards.Actions;

// Group sessions (decision 0470). Verbs are wire contract: never rename one.

/// <summary>"Join" on a session's announcement, list or offer card: a seat, or the waitlist when full.</summary>
public sealed record JoinSessionData(string SessionId) : CardActionData;

/// <summary>"Leave" on the booked or waitlisted card: frees the seat for the first on the waitlist.</summary>
public sealed record LeaveSessionData(string SessionId) : CardActionData;

/// <summary>The host cancels the session: everyone signed up is told once.</summary>
public sealed record CancelSessionData(string SessionId) : CardActionData;

/// <summary>The offer form: what the host would like to teach; the next card proposes times.</summary>
public sealed record OfferSessionData : CardActionData
{
    public const string TopicInput = "sessionTopic";
    public const string SkillInput = "sessionSkill";
    public const string DescriptionInput = "sessionDescription";
    public const string LengthInput = "sessionLength";
    public const string SeatsInput = "sessionSeats";
    public const string DatesInput = "sessionDates";
    public const string ShownNameInput = "sessionShownName";

    [JsonPropertyName(TopicInput)]
    public string? Topic { get; init; }

    [JsonPropertyName(SkillInput)]
    public string? Skill { get; init; }

    [JsonPropertyName(DescriptionInput)]
    public string? Description { get; init; }

    [JsonPropertyName(LengthInput)]
    public string? Length { get; init; }

    [JsonPropertyName(SeatsInput)]
    public string? Seats { get; init; }

    [JsonPropertyName(DatesInput)]
    public string? Dates { get; init; }

    [JsonPropertyName(ShownNameInput)]
    public string? ShownName { get; init; }
}

/// <summary>The host picks one of the proposed times; the draft travels with the button (nothing is stored before).</summary>
public sealed record PickSessionTimeData(string Start) : CardActionData
{
    [JsonPropertyName("draft")]
    public OfferSessionData? Draft { get; init; }
}

/// <summary>The attendee's short, private rating after a date.</summary>
public sealed record SessionFeedbackData(string SessionId, int Occurrence) : CardActionData
{
    public const string RatingInput = "sessionRating";

    [JsonPropertyName(RatingInput)]
    public string? Rating { get; init; }
}

/// <summary>An attendee's thank-you to the host, with the manager copy where the program allows it.</summary>
public sealed record ThankSessionHostData(string SessionId) : CardActionData
{
    public const string NoteInput = "sessionThanksNote";
    public const string CcManagerInput = "sessionCcManager";

    [JsonPropertyName(NoteInput)]
    public string? Note { get; init; }

    [JsonPropertyName(CcManagerInput)]
    public string? CcManager { get; init; }

    public bool CopyManager => InputValue.Flag(CcManager) ?? false;
}
