using System.Text.Json.Serialization;
using MentorBot.Bot.Cards;
using MentorBot.Bot.Cards.Actions;
using MentorBot.Bot.Protocol.Dialogs;
using MentorBot.Bot.Protocol.Dialogs.Prompts;
using MentorBot.Bot.Protocol.Builder;
using MentorBot.Core.Profiles;
using NodaTime;

namespace MentorBot.Bot.Flows;

/// <param name="AskAfterwards">Someone asked for help before they had a profile: carry on with that ask once it is saved.</param>
public sealed record OnboardingState
{
    public bool AskAfterwards { get; init; }

    public string? AskSkillId { get; init; }

    public string? AskGoal { get; init; }
}

public sealed record AskState
{
    public string? SkillId { get; init; }

    public string? Goal { get; init; }
}

public sealed record PauseState;

[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(OnboardingState))]
[JsonSerializable(typeof(AskState))]
[JsonSerializable(typeof(PauseState))]
internal sealed partial class FlowJsonContext : JsonSerializerContext;

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
                await prompt.Context.SendActivityAsync(ProfileFlow.ErrorText(errors, new FlowTexts(person.Culture)), cancellationToken);
            }

            return errors.Count == 0;
        });

    private async Task<DialogTurnResult> ShowFormAsync(WaterfallStepContext<OnboardingState> step, CancellationToken cancellationToken)
    {
        var person = TurnPerson.Of(step.Context) ?? throw new InvalidOperationException("A dialog turn without a person.");
        var card = _profiles.FormCard(await _profiles.GetAsync(person.Id, cancellationToken), person);
        return await step.PromptAsync(FormPromptId, PromptOptions.ForCard(CardJson.ToElement(card)), cancellationToken);
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
        CardForms.Read<AskForHelpData>);

    private Task<DialogTurnResult> AskDetailsAsync(WaterfallStepContext<AskState> step, CancellationToken cancellationToken)
    {
        var person = TurnPerson.Of(step.Context) ?? throw new InvalidOperationException("A dialog turn without a person.");
        var card = _requests.AskCard(person, step.State.SkillId, step.State.Goal);
        return step.PromptAsync(FormPromptId, PromptOptions.ForCard(CardJson.ToElement(card)), cancellationToken);
    }

    private async Task<DialogTurnResult> ShowCandidatesAsync(WaterfallStepContext<AskState> step, CancellationToken cancellationToken)
    {
        var person = TurnPerson.Of(step.Context) ?? throw new InvalidOperationException("A dialog turn without a person.");
        await _requests.SubmitAskAsync(step.Context, person, step.GetResult<AskForHelpData>(), cancellationToken);
        return await step.EndDialogAsync(null, cancellationToken);
    }
}

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
        var t = new FlowTexts(TurnPerson.Of(step.Context)?.Culture ?? TurnPerson.DefaultCulture);
        return step.PromptAsync(UntilPromptId, new PromptOptions { Text = t["Flow.PauseAsk"], RetryText = t["Flow.PauseBadDate"] }, cancellationToken);
    }

    private async Task<DialogTurnResult> PauseAsync(WaterfallStepContext<PauseState> step, CancellationToken cancellationToken)
    {
        var person = TurnPerson.Of(step.Context) ?? throw new InvalidOperationException("A dialog turn without a person.");
        await _participation.PauseAsync(step.Context, person, step.GetResult<string>(), cancellationToken);
        return await step.EndDialogAsync(null, cancellationToken);
    }
}

/// <summary>Pause until a date (in the person's own time zone), resume.</summary>
public sealed class ParticipationFlow(ProfileService profiles, TimeProvider time)
{
    /// <summary>The start of the chosen day in the person's zone, or null when the text is not a date within a year.</summary>
    public async Task<DateTimeOffset?> ParseUntilAsync(TurnPerson person, string text, CancellationToken cancellationToken)
    {
        var profile = await profiles.GetAsync(person.Id, cancellationToken);
        var zone = Audience.For(person.Culture, profile?.TimeZoneId ?? person.TimeZoneId).Zone;
        var today = Instant.FromDateTimeOffset(time.GetUtcNow()).InZone(zone).Date;
        if (!PauseDates.TryParse(text, today, person.Culture, out var date))
        {
            return null;
        }

        var until = date.AtStartOfDayInZone(zone).ToDateTimeOffset();
        return until - time.GetUtcNow() <= ProfileService.MaxPause ? until : null;
    }

    public async Task PauseAsync(ITurnContext turnContext, TurnPerson person, string text, CancellationToken cancellationToken)
    {
        var t = new FlowTexts(person.Culture);
        if (await ParseUntilAsync(person, text, cancellationToken) is not { } until)
        {
            await turnContext.SendActivityAsync(t["Flow.PauseBadDate"], cancellationToken);
            return;
        }

        switch (await profiles.PauseAsync(person.Id, until, cancellationToken))
        {
            case ParticipationOutcome.Changed changed:
                var audience = Audience.For(person.Culture, changed.Profile.TimeZoneId);
                await Replies.SendCardAsync(turnContext, NoticeCard.Paused(new PausedView(audience.FormatDate(until)), person.Culture), cancellationToken);
                break;
            case ParticipationOutcome.NoProfile:
                await turnContext.SendActivityAsync(t["Flow.PausedNoProfile"], cancellationToken);
                break;
            default:
                await turnContext.SendActivityAsync(t["Flow.PauseBadDate"], cancellationToken);
                break;
        }
    }

    public async Task ResumeAsync(ITurnContext turnContext, TurnPerson person, CancellationToken cancellationToken)
    {
        if (await profiles.ResumeAsync(person.Id, cancellationToken) is ParticipationOutcome.Changed)
        {
            await Replies.ReplacePressedCardAsync(turnContext, NoticeCard.Resumed(person.Culture), cancellationToken);
            return;
        }

        await turnContext.SendActivityAsync(new FlowTexts(person.Culture)["Flow.PausedNoProfile"], cancellationToken);
    }
}
