using System.Globalization;
using MentorBot.Bot.Cards.Actions;
using MentorBot.Bot.Cards.Model;
using static MentorBot.Bot.Cards.Blocks;

namespace MentorBot.Bot.Cards;

/// <param name="SelectedSkillId">Prefilled when the person already named a skill in chat.</param>
public sealed record AskForHelpView(IReadOnlyList<ChoiceOption> Skills, string? SelectedSkillId, string? Goal)
{
    /// <summary>Whether the skill picker carries Teams' type-ahead query (<c>Skills:TypeAheadSearch</c>).</summary>
    public bool TypeAhead { get; init; } = true;
}

public static class AskForHelpCard
{
    public const int GoalMaxLength = 500;

    public static AdaptiveCard Build(AskForHelpView view, CultureInfo culture)
    {
        var t = new CardTexts(culture);
        return AdaptiveCard.Create(
            [
                Heading(t["Ask.Title"]),
                Text(t["Ask.Intro"]),
                new ChoiceSetInput(SkillPicker.StaticChoices(view.Skills, [view.SelectedSkillId], SkillPicker.AskBudget))
                {
                    Id = AskForHelpData.SkillInput,
                    Label = t["Ask.SkillLabel"],
                    Style = ChoiceInputStyle.Filtered,
                    Placeholder = t["Profile.SkillPlaceholder"],
                    Value = view.SelectedSkillId,
                    ChoicesData = view.TypeAhead ? SkillPicker.Query : null,
                    IsRequired = true,
                    ErrorMessage = t["Ask.SkillError"],
                },
                new TextInput
                {
                    Id = AskForHelpData.GoalInput,
                    Label = t["Ask.GoalLabel"],
                    Placeholder = t["Ask.GoalPlaceholder"],
                    Value = view.Goal,
                    IsMultiline = true,
                    MaxLength = GoalMaxLength,
                    IsRequired = true,
                    ErrorMessage = t["Ask.GoalError"],
                },
                new ChoiceSetInput(
                [
                    new(t["Ask.FormatChat"], MeetingFormats.Chat),
                    new(t["Ask.FormatCall"], MeetingFormats.Call30),
                    new(t["Ask.FormatShadowing"], MeetingFormats.Shadowing),
                ])
                {
                    Id = AskForHelpData.FormatInput,
                    Label = t["Ask.FormatLabel"],
                    Style = ChoiceInputStyle.Expanded,
                    Value = MeetingFormats.Call30,
                },
                new ChoiceSetInput(
                [
                    new(t["Ask.UrgencyThisWeek"], Urgencies.ThisWeek),
                    new(t["Ask.UrgencyThisMonth"], Urgencies.ThisMonth),
                    new(t["Ask.UrgencyNoRush"], Urgencies.NoRush),
                ])
                {
                    Id = AskForHelpData.UrgencyInput,
                    Label = t["Ask.UrgencyLabel"],
                        Value = Urgencies.ThisMonth,
                },
            ],
            [
                Execute(t["Ask.Submit"], new AskForHelpData()),
                ExecuteAlone(t["Common.Cancel"], new CancelFlowData("ask")),
            ],
            fallbackText: t["Ask.Title"]);
    }
}
