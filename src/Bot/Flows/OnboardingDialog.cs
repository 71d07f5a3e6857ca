using MentorBot.Bot.Cards;
using MentorBot.Bot.Cards.Actions;
using MentorBot.Bot.Protocol.Dialogs;
using MentorBot.Bot.Protocol.Dialogs.Prompts;
using MentorBot.Bot.Protocol.Builder;
using MentorBot.Core.Profiles;
using MentorBot.Bot.Turns;

namespace MentorBot.Bot.Flows;

/// <param name="AskAfterwards">Someone asked for help before they had a profile: carry on with that ask once it is saved.</param>
public sealed record OnboardingState
{
    public bool AskAfterwards { get; init; }

    public string? AskSkillId { get; init; }

    public string? AskGoal { get; init; }

    /// <summary>A line the router says before the form ("set up your profile first"), sent in the form's message.</summary>
    public string? Lead { get; init; }
}

/// <summary>Sets up or edits the profile: the form (time zone prefilled from Teams), checked before it is accepted, then saved.</summary>
public sealed class OnboardingDialog : WaterfallDialog<OnboardingState>
{
    public const string DialogId = "onboarding";
    public const string FormPromptId = "onboarding.form";

    private readonly ProfileFlow _profiles;

    public OnboardingDialog(ProfileFlow profiles)
        : base(DialogId, FlowJsonContext.Default.OnboardingState)
    {
        _profiles = profiles;
        AddStep(ShowFormAsync);
        AddStep(SaveAsync);
    }

    /// <summary>The form prompt: a form the validator refuses stays on screen, with the reasons in a message.</summary>
    public static CardFormPrompt<SaveProfileData> FormPrompt(ProfileFlow profiles) => new(
        FormPromptId,
        CardVerbs.SaveProfile,
        CardForms.Read<SaveProfileData>,
        async (prompt, cancellationToken) =>
        {
            if (TurnPerson.Of(prompt.Context) is not { } person)
            {
                return false;
            }

            var errors = profiles.Check(prompt.Value, person, await profiles.GetAsync(person.Id, cancellationToken));
            if (errors.Count > 0)
            {
                await prompt.Context.SendActivityAsync(ProfileFlow.ErrorText(errors, new CardTexts(person.Culture)), cancellationToken);
            }

            return errors.Count == 0;
        }) { Texts = FormTexts.For };

    private async Task<DialogTurnResult> ShowFormAsync(WaterfallStepContext<OnboardingState> step, CancellationToken cancellationToken)
    {
        var person = TurnPerson.Of(step.Context) ?? throw new InvalidOperationException("A dialog turn without a person.");
        var existing = await _profiles.GetAsync(person.Id, cancellationToken);
        var card = _profiles.FormCard(existing, person, await _profiles.DirectoryViewAsync(existing, cancellationToken));
        return await step.PromptAsync(FormPromptId, PromptOptions.ForCard(CardJson.ToElement(card), step.State.Lead), cancellationToken);
    }

    private async Task<DialogTurnResult> SaveAsync(WaterfallStepContext<OnboardingState> step, CancellationToken cancellationToken)
    {
        var person = TurnPerson.Of(step.Context) ?? throw new InvalidOperationException("A dialog turn without a person.");
        var outcome = await _profiles.SaveAsync(step.Context, person, step.GetResult<SaveProfileData>(), cancellationToken);
        if (outcome is ProfileSaveOutcome.Saved && step.State.AskAfterwards)
        {
            return await step.ReplaceDialogAsync(AskForHelpDialog.DialogId, new AskState { SkillId = step.State.AskSkillId, Goal = step.State.AskGoal }, cancellationToken);
        }

        return await step.EndDialogAsync(outcome is ProfileSaveOutcome.Saved, cancellationToken);
    }
}
