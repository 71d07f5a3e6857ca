using MentorBot.Core;

namespace MentorBot.Bot.Cards.Actions;

/// <summary>One free-text value a card submit carries: its field (for the limit), its input id and what was typed.</summary>
public sealed record FreeTextInput(FreeTextField Field, string InputId, string? Value);

/// <summary>
/// The free text in every card submit, so limits are checked once for all of them (decision 0251) and an over-long
/// submit can be shown back, cut to the limit, for the person to edit and send again.
/// </summary>
public static class FreeTextInputs
{
    public static IReadOnlyList<FreeTextInput> Of(CardActionData action) => action switch
    {
        DeclineRequestData d => [new(FreeTextField.DeclineNote, DeclineRequestData.NoteInput, d.Note)],
        SuggestColleagueData s =>
        [
            new(FreeTextField.SuggestedColleague, SuggestColleagueData.ColleagueInput, s.Colleague),
            new(FreeTextField.SuggestionNote, SuggestColleagueData.NoteInput, s.Note),
        ],
        ConfirmEndPairingData e => [new(FreeTextField.EndNote, ConfirmEndPairingData.NoteInput, e.Note)],
        NoSlotFitsData n =>
        [
            new(FreeTextField.SlotNote, NoSlotFitsData.NoteInput, n.Note),
            new(FreeTextField.TypedSkill, NoSlotFitsData.DateInput, n.Date),
            new(FreeTextField.TypedSkill, NoSlotFitsData.TimeInput, n.Time),
        ],
        AddAgendaTopicData a => [new(FreeTextField.AgendaTopic, AddAgendaTopicData.TopicInput, a.Topic)],
        SubmitFeedbackData f =>
        [
            new(FreeTextField.FeedbackAnswer, SubmitFeedbackData.LearnedInput, f.Learned),
            new(FreeTextField.FeedbackAnswer, SubmitFeedbackData.TaughtInput, f.Taught),
            new(FreeTextField.FeedbackAnswer, SubmitFeedbackData.NextTopicsInput, f.NextTopics),
            new(FreeTextField.SharedNote, SubmitFeedbackData.SharedNoteInput, f.SharedNote),
            new(FreeTextField.FeedbackAnswer, SubmitFeedbackData.OneThingInput, f.OneThing),
        ],
        RaiseConcernData c => [new(FreeTextField.ConcernText, RaiseConcernData.ConcernInput, c.Concern)],
        SendThanksData t => [new(FreeTextField.ThanksNote, SendThanksData.NoteInput, t.Note)],
        ContinuePairingData p => [new(FreeTextField.PeriodHighlight, ContinuePairingData.HighlightInput, p.Highlight)],
        ClosePairingData p => [new(FreeTextField.PeriodHighlight, ContinuePairingData.HighlightInput, p.Highlight)],
        SaveProfileData p =>
        [
            new(FreeTextField.Department, SaveProfileData.DepartmentInput, p.Department),
            new(FreeTextField.OtherSkills, SaveProfileData.OtherOffersInput, p.OtherOffers),
            new(FreeTextField.OtherSkills, SaveProfileData.OtherWantsInput, p.OtherWants),
            new(FreeTextField.TypedSkill, SaveProfileData.TimeZoneInput, p.TimeZone),
            new(FreeTextField.TypedSkill, SaveProfileData.LanguagesInput, p.Languages),
            .. p.Offers().Concat(p.Wants()).Select(row => new FreeTextInput(FreeTextField.TypedSkill, "skill", row.SkillId)),
        ],
        AskForHelpData a =>
        [
            new(FreeTextField.Goal, AskForHelpData.GoalInput, a.Goal),
            new(FreeTextField.TypedSkill, AskForHelpData.SkillInput, a.Skill),
        ],
        PickSkillData p => [new(FreeTextField.ChatMessage, "typed", p.Typed), new(FreeTextField.TypedSkill, "skillId", p.SkillId)],
        NoSkillMatchData n => [new(FreeTextField.ChatMessage, "typed", n.Typed)],
        _ => [],
    };

    /// <summary>The first value over its limit, or null when the submit fits.</summary>
    public static (FreeTextInput Input, TextTooLong Problem)? FirstTooLong(CardActionData action) =>
        Of(action).Select(i => (Input: i, Problem: TextLimits.Check(i.Field, i.Value)))
            .Where(c => c.Problem is not null)
            .Select(c => ((FreeTextInput, TextTooLong)?)(c.Input, c.Problem!))
            .FirstOrDefault();

    /// <summary>The same submit with every free-text value cut to its limit, for the "a bit long" card to send again.</summary>
    public static CardActionData Truncated(CardActionData action) => action switch
    {
        DeclineRequestData d => d with { Note = Cut(FreeTextField.DeclineNote, d.Note) },
        SuggestColleagueData s => s with
        {
            Colleague = Cut(FreeTextField.SuggestedColleague, s.Colleague),
            Note = Cut(FreeTextField.SuggestionNote, s.Note),
        },
        ConfirmEndPairingData e => e with { Note = Cut(FreeTextField.EndNote, e.Note) },
        NoSlotFitsData n => n with
        {
            Note = Cut(FreeTextField.SlotNote, n.Note),
            Date = Cut(FreeTextField.TypedSkill, n.Date),
            Time = Cut(FreeTextField.TypedSkill, n.Time),
        },
        AddAgendaTopicData a => a with { Topic = Cut(FreeTextField.AgendaTopic, a.Topic) },
        SubmitFeedbackData f => f with
        {
            Learned = Cut(FreeTextField.FeedbackAnswer, f.Learned),
            Taught = Cut(FreeTextField.FeedbackAnswer, f.Taught),
            NextTopics = Cut(FreeTextField.FeedbackAnswer, f.NextTopics),
            SharedNote = Cut(FreeTextField.SharedNote, f.SharedNote),
            OneThing = Cut(FreeTextField.FeedbackAnswer, f.OneThing),
        },
        RaiseConcernData c => c with { Concern = Cut(FreeTextField.ConcernText, c.Concern) },
        SendThanksData t => t with { Note = Cut(FreeTextField.ThanksNote, t.Note) },
        ContinuePairingData p => p with { Highlight = Cut(FreeTextField.PeriodHighlight, p.Highlight) },
        ClosePairingData p => p with { Highlight = Cut(FreeTextField.PeriodHighlight, p.Highlight) },
        SaveProfileData p => p with
        {
            Department = Cut(FreeTextField.Department, p.Department),
            OtherOffers = Cut(FreeTextField.OtherSkills, p.OtherOffers),
            OtherWants = Cut(FreeTextField.OtherSkills, p.OtherWants),
            TimeZone = Cut(FreeTextField.TypedSkill, p.TimeZone),
            Languages = Cut(FreeTextField.TypedSkill, p.Languages),
            // Skill rows are picked from a list; an over-long one cannot be a real skill, so it is dropped.
            Rows = p.Rows?.Where(r => r.Value.ValueKind != System.Text.Json.JsonValueKind.String
                    || (r.Value.GetString()?.Length ?? 0) <= TextLimits.MaxLength(FreeTextField.TypedSkill))
                .ToDictionary(r => r.Key, r => r.Value),
        },
        AskForHelpData a => a with { Goal = Cut(FreeTextField.Goal, a.Goal), Skill = Cut(FreeTextField.TypedSkill, a.Skill) },
        PickSkillData p => p with { Typed = Cut(FreeTextField.ChatMessage, p.Typed)!, SkillId = Cut(FreeTextField.TypedSkill, p.SkillId)! },
        NoSkillMatchData n => n with { Typed = Cut(FreeTextField.ChatMessage, n.Typed)! },
        _ => action,
    };

    private static string? Cut(FreeTextField field, string? value) => value is null ? null : TextLimits.Truncate(field, value);
}
