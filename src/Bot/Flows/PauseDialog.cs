using MentorBot.Bot.Cards;
using MentorBot.Bot.Cards.Actions;
using MentorBot.Bot.Protocol.Dialogs;
using MentorBot.Bot.Protocol.Dialogs.Prompts;
using MentorBot.Bot.Turns;

namespace MentorBot.Bot.Flows;

public sealed record PauseState;

/// <summary>"pause" without a date: asks until when, then pauses.</summary>
public sealed class PauseDialog : WaterfallDialog<PauseState>
{
    public const string DialogId = "pause";
    public const string UntilPromptId = "pause.until";

    private readonly ParticipationFlow _participation;

    public PauseDialog(ParticipationFlow participation)
        : base(DialogId, FlowJsonContext.Default.PauseState)
    {
        _participation = participation;
        AddStep(AskUntilAsync);
        AddStep(PauseAsync);
    }

    public static TextPrompt UntilPrompt(ParticipationFlow participation) => new(
        UntilPromptId,
        async (prompt, cancellationToken) => TurnPerson.Of(prompt.Context) is { } person
            && await participation.ParseUntilAsync(person, prompt.Value, cancellationToken) is not null);

    private static Task<DialogTurnResult> AskUntilAsync(WaterfallStepContext<PauseState> step, CancellationToken cancellationToken)
    {
        var t = new CardTexts(TurnPerson.Of(step.Context)?.Culture ?? TurnPerson.DefaultCulture);
        return step.PromptAsync(UntilPromptId, new PromptOptions { Text = t["Flow.PauseAsk"], RetryText = t["Flow.PauseBadDate"] }, cancellationToken);
    }

    private async Task<DialogTurnResult> PauseAsync(WaterfallStepContext<PauseState> step, CancellationToken cancellationToken)
    {
        var person = TurnPerson.Of(step.Context) ?? throw new InvalidOperationException("A dialog turn without a person.");
        await _participation.PauseAsync(step.Context, person, step.GetResult<string>(), cancellationToken);
        return await step.EndDialogAsync(null, cancellationToken);
    }
}
