using System.Globalization;
using MentorBot.Bot.Cards.Actions;
using MentorBot.Bot.Cards.Model;
using MentorBot.Core.Programs;
using MentorBot.Core;
using static MentorBot.Bot.Cards.Blocks;

namespace MentorBot.Bot.Cards.CheckIns;

/// <summary>After a check-in, to each person separately. Answers are private; nothing here is shown to the other.</summary>
/// <param name="ForSenior">The senior's card also asks for "one thing I'll try" (shown on the next agenda).</param>
/// <param name="ConcernReaders">Who would read a concern raised from this card, by role (decision 0240).</param>
public sealed record FeedbackView(
    string CheckInId, string PairingId, string OtherName, string SkillName, bool ForSenior = false,
    ConcernReaderRole ConcernReaders = ConcernReaderRole.ProgramOwners);

public static class FeedbackCard
{
    public const int TextMaxLength = 500;

    /// <summary>One short sentence; the server accepts up to a feedback answer's limit (<see cref="Core.TextLimits"/>).</summary>
    public const int OneThingMaxLength = 200;

    public static AdaptiveCard Build(FeedbackView view, CultureInfo culture)
    {
        var t = new CardTexts(culture);
        var title = t.Format("Feedback.Title", view.OtherName);

        // Nothing is required: a half-filled answer is better than none, and required fields here would also block
        // the private concern below (a ShowCard's action validates its parent card's inputs too).
        var body = new List<AdaptiveElement>
        {
            Heading(title),
            Subtle(t.Format("Feedback.PrivateExceptShared", view.OtherName)),
            new ChoiceSetInput([new(t["Common.Yes"], "yes"), new(t["Feedback.NotThisTime"], "no")])
            {
                Id = SubmitFeedbackData.MetInput,
                Label = t["Feedback.MetLabel"],
                Style = ChoiceInputStyle.Expanded,
            },
            new ChoiceSetInput(RatingChoices(t))
            {
                Id = SubmitFeedbackData.RatingInput,
                Label = t["Feedback.RatingLabel"],
                Placeholder = t["Feedback.RatingPlaceholder"],
            },
            LongText(SubmitFeedbackData.LearnedInput, t.Format("Feedback.LearnedLabel", view.OtherName)),
            LongText(SubmitFeedbackData.TaughtInput, t.Format("Feedback.TaughtLabel", view.OtherName)),
            LongText(SubmitFeedbackData.NextTopicsInput, t["Feedback.NextLabel"]),
            LongText(SubmitFeedbackData.SharedNoteInput, t.Format("Feedback.SharedNoteLabel", view.OtherName)),
        };
        if (view.ForSenior)
        {
            body.Add(new TextInput
            {
                Id = SubmitFeedbackData.OneThingInput,
                Label = t.Format("Feedback.OneThingLabel", view.OtherName),
                MaxLength = OneThingMaxLength,
            });
        }

        var concern = ShowCard(
            t["Feedback.Concern"],
            [
                Text(t.Format("Feedback.ConcernPrivacy", view.OtherName)),
                Text(t[$"Feedback.ConcernReaders.{view.ConcernReaders}"]),
                new TextInput
                {
                    Id = RaiseConcernData.ConcernInput,
                    Label = t["Feedback.ConcernLabel"],
                    IsMultiline = true,
                    MaxLength = 1000,
                },
            ],
            Execute(t["Feedback.ConcernSend"], new RaiseConcernData(view.PairingId)));

        return AdaptiveCard.Create(
            body,
            [Execute(t["Feedback.Send"], new SubmitFeedbackData(view.CheckInId)), concern],
            fallbackText: title);
    }

    internal static List<Choice> RatingChoices(CardTexts t) =>
    [
        new(t["Rating.5"], "5"),
        new(t["Rating.4"], "4"),
        new(t["Rating.3"], "3"),
        new(t["Rating.2"], "2"),
        new(t["Rating.1"], "1"),
    ];

    private static TextInput LongText(string id, string label) =>
        new() { Id = id, Label = label, IsMultiline = true, MaxLength = TextMaxLength };
}
