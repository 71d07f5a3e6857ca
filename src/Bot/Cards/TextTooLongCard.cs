using System.Globalization;
using MentorBot.Bot.Cards.Actions;
using MentorBot.Bot.Cards.Model;
using MentorBot.Core;
using static MentorBot.Bot.Cards.Blocks;

namespace MentorBot.Bot.Cards;

/// <param name="Problem">The first value over its limit.</param>
/// <param name="Resubmit">The same submit with every value cut to its limit; its free-text inputs are shown to edit.</param>
public sealed record TextTooLongView(TextTooLong Problem, CardActionData Resubmit);

/// <summary>
/// The answer to a submit whose text is over its limit (decision 0251): nothing was saved, and what the person typed
/// is kept, cut to the limit, in the same inputs (same ids), so "Send again" goes to the same place as the first press.
/// </summary>
public static class TextTooLongCard
{
    public static AdaptiveCard Build(TextTooLongView view, CultureInfo culture)
    {
        var t = new CardTexts(culture);
        var problem = view.Problem;
        var body = new List<AdaptiveElement>
        {
            Heading(t["TooLong.Title"]),
            Text(t.Format("TooLong.Text", t[$"TooLong.Field.{problem.Field}"], problem.MaxLength, problem.Length)),
        };
        foreach (var input in FreeTextInputs.Of(view.Resubmit).Where(i => i.Field != FreeTextField.TypedSkill && i.Value is not null))
        {
            body.Add(new TextInput
            {
                Id = input.InputId,
                Label = t[$"TooLong.Field.{input.Field}"],
                Value = input.Value,
                IsMultiline = TextLimits.MaxLength(input.Field) > 200,
                MaxLength = TextLimits.MaxLength(input.Field),
            });
        }

        return AdaptiveCard.Create(
            body,
            [Execute(t["TooLong.Send"], view.Resubmit), ExecuteAlone(t["Common.Help"], new ShowHelpData())],
            fallbackText: t["TooLong.Title"]);
    }
}
