namespace MentorBot.Core;

/// <summary>Every free-text field a person can fill in (cards and chat); each has one documented maximum.</summary>
public enum FreeTextField
{
    DeclineNote,

    /// <summary>What a request stores for a decline: a short reason code and the note or suggested colleague.</summary>
    DeclineReason,
    SuggestedColleague,
    SuggestionNote,
    EndNote,
    SlotNote,
    AgendaTopic,
    FeedbackAnswer,
    SharedNote,
    ConcernText,
    ThanksNote,
    PeriodHighlight,
    Department,
    OtherSkills,
    Goal,
    TypedSkill,
    ChatMessage,
}

/// <summary>An input over its limit: which field, its maximum and how long it was (characters, UTF-16 units).</summary>
public sealed record TextTooLong(FreeTextField Field, int MaxLength, int Length);

/// <summary>
/// Server-side maxima for free text (decision 0251). Cards set the same or smaller <c>maxLength</c>, but a crafted
/// submit ignores the card, and an over-long value would make a row unwritable on Azure Tables (64 KB per property)
/// and block even "forget me". Core services check before they change anything, so nothing is stored half-way.
/// </summary>
public static class TextLimits
{
    /// <summary>The maximum length of <paramref name="field"/>; the README lists the same numbers.</summary>
    public static int MaxLength(FreeTextField field) => field switch
    {
        FreeTextField.DeclineNote => 500,
        FreeTextField.DeclineReason => 600,
        FreeTextField.SuggestedColleague => 200,
        FreeTextField.SuggestionNote => 500,
        FreeTextField.EndNote => 1000,
        FreeTextField.SlotNote => 500,
        FreeTextField.AgendaTopic => 300,
        FreeTextField.FeedbackAnswer => 1000,
        FreeTextField.SharedNote => 1000,
        FreeTextField.ConcernText => 2000,
        FreeTextField.ThanksNote => 1000,
        FreeTextField.PeriodHighlight => 1000,
        FreeTextField.Department => 100,
        FreeTextField.OtherSkills => 300,
        FreeTextField.Goal => 500,
        FreeTextField.TypedSkill => 200,
        FreeTextField.ChatMessage => 2000,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
    };

    /// <summary>Null when <paramref name="text"/> fits (empty and missing always fit).</summary>
    public static TextTooLong? Check(FreeTextField field, string? text)
    {
        var max = MaxLength(field);
        return text is { Length: var length } && length > max ? new TextTooLong(field, max, length) : null;
    }

    /// <summary>The first field over its limit, or null when all fit.</summary>
    public static TextTooLong? Check(IEnumerable<(FreeTextField Field, string? Text)> texts) =>
        texts.Select(t => Check(t.Field, t.Text)).FirstOrDefault(t => t is not null);

    /// <summary><paramref name="text"/> cut to the field's maximum without splitting a surrogate pair, for the person to edit.</summary>
    public static string Truncate(FreeTextField field, string text)
    {
        var max = MaxLength(field);
        if (text.Length <= max)
        {
            return text;
        }

        var cut = char.IsHighSurrogate(text[max - 1]) ? max - 1 : max;
        return text[..cut];
    }
}
