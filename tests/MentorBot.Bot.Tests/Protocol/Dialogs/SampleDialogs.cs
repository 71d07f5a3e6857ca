using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using MentorBot.Bot.Protocol.Dialogs;
using MentorBot.Bot.Protocol.Dialogs.Persistence;
using MentorBot.Bot.Protocol.Dialogs.Prompts;
using MentorBot.Bot.Protocol.Builder;
using MentorBot.Bot.Protocol.Integration;
using MentorBot.Bot.Protocol.Schema;
using MentorBot.Bot.Tests.Protocol.Dialogs.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace MentorBot.Bot.Tests.Protocol.Dialogs;

public sealed record MentorRequestState
{
    public string? Skill { get; init; }

    public string? Goal { get; init; }
}

/// <summary>Sample waterfall: which skill (choice), what goal (validated text), confirm, done.</summary>
public sealed class RequestMentorDialog : WaterfallDialog<MentorRequestState>
{
    public const string DialogId = "requestMentor";

    public static readonly IReadOnlyList<Choice> Skills =
    [
        new("AI tools", ["ChatGPT", "Copilot"]),
        new("Social media", ["TikTok", "Instagram", "LinkedIn"]),
        new("Gen Z customers", ["Gen Z", "younger customers"]),
        new("Spreadsheets", ["Excel"]),
    ];

    public RequestMentorDialog()
        : base(DialogId, SampleJsonContext.Default.MentorRequestState)
    {
        AddStep(AskSkillAsync);
        AddStep(AskGoalAsync);
        AddStep(ConfirmRequestAsync);
        AddStep(FinishAsync);
    }

    private static Task<DialogTurnResult> AskSkillAsync(WaterfallStepContext<MentorRequestState> step, CancellationToken cancellationToken) =>
        step.PromptAsync(SamplePrompts.Skill, new PromptOptions
        {
            Text = "Which skill would you like help with?",
            RetryText = "Please pick one of the skills below, or type its number.",
            Choices = Skills,
        }, cancellationToken);

    private static Task<DialogTurnResult> AskGoalAsync(WaterfallStepContext<MentorRequestState> step, CancellationToken cancellationToken)
    {
        step.State = step.State with { Skill = step.GetResult<FoundChoice>().Value };
        return step.PromptAsync(SamplePrompts.Goal, new PromptOptions
        {
            Text = $"What would you like to get better at in {step.State.Skill}?",
            RetryText = "Could you tell me a bit more? A sentence is plenty.",
        }, cancellationToken);
    }

    private static Task<DialogTurnResult> ConfirmRequestAsync(WaterfallStepContext<MentorRequestState> step, CancellationToken cancellationToken)
    {
        step.State = step.State with { Goal = step.GetResult<string>() };
        return step.PromptAsync(SamplePrompts.Confirm, new PromptOptions { Text = $"Shall I look for a mentor for {step.State.Skill}?" }, cancellationToken);
    }

    private static async Task<DialogTurnResult> FinishAsync(WaterfallStepContext<MentorRequestState> step, CancellationToken cancellationToken)
    {
        if (!step.GetResult<bool>())
        {
            await step.Context.SendActivityAsync("Okay, I won't look for now.", cancellationToken);
            return await step.EndDialogAsync(null, cancellationToken);
        }

        await step.Context.SendActivityAsync($"Great, I'll look for a mentor for {step.State.Skill}.", cancellationToken);
        return await step.EndDialogAsync(step.State, cancellationToken);
    }
}

public sealed record AvailabilityState
{
    public AvailabilityForm? Form { get; init; }
}

public sealed record AvailabilityForm(string Day, int Minutes);

/// <summary>Sample waterfall with a card-form step.</summary>
public sealed class AvailabilityDialog : WaterfallDialog<AvailabilityState>
{
    public const string DialogId = "availability";

    public AvailabilityDialog()
        : base(DialogId, SampleJsonContext.Default.AvailabilityState)
    {
        AddStep(AskAvailabilityAsync);
        AddStep(ThankAsync);
    }

    public static JsonObject Card() => new()
    {
        ["type"] = "AdaptiveCard",
        ["version"] = "1.5",
        ["body"] = new JsonArray(
            new JsonObject { ["type"] = "TextBlock", ["text"] = "When suits you for a first chat?", ["wrap"] = true },
            new JsonObject { ["type"] = "Input.Text", ["id"] = "day", ["label"] = "Day" },
            new JsonObject { ["type"] = "Input.Number", ["id"] = "minutes", ["label"] = "Minutes" }),
        ["actions"] = new JsonArray(new JsonObject
        {
            ["type"] = "Action.Execute",
            ["title"] = "Send",
            ["verb"] = SamplePrompts.AvailabilityVerb,
            ["data"] = new JsonObject { ["verb"] = SamplePrompts.AvailabilityVerb },
        }),
    };

    private static Task<DialogTurnResult> AskAvailabilityAsync(WaterfallStepContext<AvailabilityState> step, CancellationToken cancellationToken) =>
        step.PromptAsync(SamplePrompts.Availability, PromptOptions.ForCard(Card()), cancellationToken);

    private static async Task<DialogTurnResult> ThankAsync(WaterfallStepContext<AvailabilityState> step, CancellationToken cancellationToken)
    {
        step.State = step.State with { Form = step.GetResult<AvailabilityForm>() };
        await step.Context.SendActivityAsync($"Thanks, {step.State.Form.Day} for {step.State.Form.Minutes} minutes it is.", cancellationToken);
        return await step.EndDialogAsync(step.State.Form, cancellationToken);
    }
}

public sealed record RequestsState
{
    public List<string> Skills { get; init; } = [];
}

/// <summary>Sample parent: runs <see cref="RequestMentorDialog"/> as a child, then offers another round by replacing itself.</summary>
public sealed class RequestsLoopDialog : WaterfallDialog<RequestsState>
{
    public const string DialogId = "requestsLoop";

    public RequestsLoopDialog()
        : base(DialogId, SampleJsonContext.Default.RequestsState)
    {
        AddStep((step, ct) => step.BeginDialogAsync(RequestMentorDialog.DialogId, null, ct));
        AddStep(AskAnotherAsync);
        AddStep(LoopOrFinishAsync);
    }

    private static Task<DialogTurnResult> AskAnotherAsync(WaterfallStepContext<RequestsState> step, CancellationToken cancellationToken)
    {
        if (step.HasResult)
        {
            step.State.Skills.Add(step.GetResult<MentorRequestState>().Skill!);
        }

        return step.PromptAsync(SamplePrompts.Confirm, new PromptOptions { Text = "Would you like a mentor for another skill?" }, cancellationToken);
    }

    private static async Task<DialogTurnResult> LoopOrFinishAsync(WaterfallStepContext<RequestsState> step, CancellationToken cancellationToken)
    {
        if (step.GetResult<bool>())
        {
            return await step.ReplaceDialogAsync(DialogId, step.State, cancellationToken);
        }

        var summary = step.State.Skills.Count == 0 ? "Okay, no requests for now." : $"All set: {string.Join(", ", step.State.Skills)}.";
        await step.Context.SendActivityAsync(summary, cancellationToken);
        return await step.EndDialogAsync(step.State.Skills.Count, cancellationToken);
    }
}

/// <summary>A dialog whose second step fails, to prove a failed turn leaves no stack behind.</summary>
public sealed class FailingDialog : WaterfallDialog<MentorRequestState>
{
    public const string DialogId = "failing";

    public FailingDialog()
        : base(DialogId, SampleJsonContext.Default.MentorRequestState)
    {
        AddStep((step, ct) => step.PromptAsync(SamplePrompts.Goal, new PromptOptions { Text = "Type anything at all." }, ct));
        AddStep((_, _) => throw new InvalidOperationException("The step is broken."));
    }
}

public static class SamplePrompts
{
    public const string Skill = "skillChoice";
    public const string Goal = "goalText";
    public const string Confirm = "confirm";
    public const string Availability = "availabilityForm";
    public const string AvailabilityVerb = "submitAvailability";

    public static IEnumerable<Dialog> All() =>
    [
        new ChoicePrompt(Skill),
        new TextPrompt(Goal, (prompt, _) => Task.FromResult(prompt.Value.Length >= 10)),
        new ConfirmPrompt(Confirm),
        new CardFormPrompt<AvailabilityForm>(Availability, AvailabilityVerb, data => data.Deserialize(SampleJsonContext.Default.AvailabilityForm)),
    ];
}

// Card inputs arrive as strings ("30"), hence AllowReadingFromString.
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, NumberHandling = JsonNumberHandling.AllowReadingFromString, RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(MentorRequestState))]
[JsonSerializable(typeof(AvailabilityState))]
[JsonSerializable(typeof(AvailabilityForm))]
[JsonSerializable(typeof(RequestsState))]
public sealed partial class SampleJsonContext : JsonSerializerContext;

/// <summary>
/// A handler shaped like the real one: dialogs first; with none active (or an activity the dialog leaves alone), route
/// the text to a dialog or answer directly.
/// </summary>
public sealed class SampleBot(DialogRunner runner) : ActivityHandler
{
    public const string Fallback = "Say 'mentor' to ask for a mentor.";
    public const string StaleCard = "That button belongs to a card I'm no longer waiting on.";

    protected override async Task OnMessageActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var result = await runner.ContinueAsync(turnContext, cancellationToken);
        if (result.Status is not (DialogTurnStatus.Empty or DialogTurnStatus.Unhandled))
        {
            return;
        }

        if (turnContext.Activity.Value is not null)
        {
            await turnContext.SendActivityAsync(StaleCard, cancellationToken);
            return;
        }

        var dialogId = turnContext.Activity.Text?.Trim().ToUpperInvariant() switch
        {
            "MENTOR" => RequestMentorDialog.DialogId,
            "AVAILABILITY" => AvailabilityDialog.DialogId,
            "FAIL" => FailingDialog.DialogId,
            "REQUESTS" => RequestsLoopDialog.DialogId,
            _ => null,
        };
        if (dialogId is null)
        {
            await turnContext.SendActivityAsync(Fallback, cancellationToken);
            return;
        }

        await runner.BeginAsync(turnContext, dialogId, null, cancellationToken);
    }

    protected override async Task<AdaptiveCardInvokeResponse?> OnAdaptiveCardInvokeAsync(AdaptiveCardInvokeValue invokeValue, ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var result = await runner.ContinueAsync(turnContext, cancellationToken);
        return result.Status is DialogTurnStatus.Empty or DialogTurnStatus.Unhandled ? AdaptiveCardInvokeResponse.Message(StaleCard) : null;
    }
}

/// <summary>Wires the sample dialogs, a runner and the test adapter over one store, as a host would.</summary>
public sealed class SampleHost(IDialogStateStore? store = null)
{
    public IDialogStateStore Store { get; } = store ?? new InMemoryDialogStateStore();

    public ListLogger<DialogRunner> Log { get; } = new();

    public DialogRunner NewRunner() => new(
        new DialogSet([new RequestMentorDialog(), new AvailabilityDialog(), new FailingDialog(), new RequestsLoopDialog(), .. SamplePrompts.All()]),
        Store,
        new DefaultDialogHelp(),
        Log);

    /// <summary>A fresh runner and bot over the same store: what a process restart looks like to the conversation.</summary>
    public TestAdapter NewAdapter() => new(new SampleBot(NewRunner()), TurnErrors());

    public TestAdapter NewAdapter(ConversationAccount conversation, ChannelAccount user) =>
        new(new SampleBot(NewRunner()), TurnErrors()) { Conversation = conversation, User = user };

    private TurnErrorHandler TurnErrors() => new([new DialogStateCleanup(Store)], NullLogger<TurnErrorHandler>.Instance);
}
