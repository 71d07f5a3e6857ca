using MentorBot.Bot.Cards;
using MentorBot.Bot.Cards.Actions;
using MentorBot.Bot.Protocol.Dialogs;
using MentorBot.Bot.Protocol.Dialogs.Prompts;
using MentorBot.Bot.Turns;

namespace MentorBot.Bot.Flows;

public sealed record AskState
{
    public string? SkillId { get; init; }

    public string? Goal { get; init; }

    /// <summary>A line the router says before the form ("I don't know that skill yet…"), sent in the form's message.</summary>
    public string? Lead { get; init; }
}

/// <summary>Asks for the request's details (skill, goal, format, urgency) on a card, then shows the best colleagues.</summary>
public sealed class AskForHelpDialog : WaterfallDialog<AskState>
{
    public const string DialogId = "askForHelp";
    public const string FormPromptId = "askForHelp.form";

    private readonly RequestFlow _requests;

    public AskForHelpDialog(RequestFlow requests)
        : base(DialogId, FlowJsonContext.Default.AskState)
    {
        _requests = requests;
        AddStep(AskDetailsAsync);
        AddStep(ShowCandidatesAsync);
    }

    public static CardFormPrompt<AskForHelpData> FormPrompt() => new(
        FormPromptId,
        CardVerbs.AskForHelp,
        CardForms.Read<AskForHelpData>) { Texts = FormTexts.For };

    private Task<DialogTurnResult> AskDetailsAsync(WaterfallStepContext<AskState> step, CancellationToken cancellationToken)
    {
        var person = TurnPerson.Of(step.Context) ?? throw new InvalidOperationException("A dialog turn without a person.");
        var card = _requests.AskCard(person, step.State.SkillId, step.State.Goal);
        return step.PromptAsync(FormPromptId, PromptOptions.ForCard(CardJson.ToElement(card), step.State.Lead), cancellationToken);
    }

    private async Task<DialogTurnResult> ShowCandidatesAsync(WaterfallStepContext<AskState> step, CancellationToken cancellationToken)
    {
        var person = TurnPerson.Of(step.Context) ?? throw new InvalidOperationException("A dialog turn without a person.");
        await _requests.SubmitAskAsync(step.Context, person, step.GetResult<AskForHelpData>(), cancellationToken);
        return await step.EndDialogAsync(null, cancellationToken);
    }
}
