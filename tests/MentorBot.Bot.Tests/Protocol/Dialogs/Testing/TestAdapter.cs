using System.Text.Json;
using System.Text.Json.Nodes;
using MentorBot.Bot.Protocol.Builder;
using MentorBot.Bot.Protocol.Integration;
using MentorBot.Bot.Protocol.Schema;

namespace MentorBot.Bot.Tests.Protocol.Dialogs.Testing;

/// <summary>
/// Bot Builder's <c>TestAdapter</c> for this bot: runs turns of one Teams conversation against an <see cref="IBot"/>
/// without HTTP. Activities look like what Teams and the Agents Playground send: text messages, Action.Submit
/// (a message with no text and the data in value, replying to the last card) and Action.Execute (an
/// <c>adaptiveCard/action</c> invoke). A failing turn goes through the real <see cref="TurnErrorHandler"/> when given.
/// </summary>
public sealed class TestAdapter(IBot bot, TurnErrorHandler? turnErrors = null, IEnumerable<IMiddleware>? middleware = null)
{
    private readonly MiddlewareSet _middleware = new(middleware ?? []);
    private readonly Func<string> _nextUserActivityId = TestTurnContext.Counter("user");
    private readonly Func<string> _nextBotActivityId = TestTurnContext.Counter("bot");
    private readonly List<Activity> _transcript = [];

    public ChannelAccount User { get; init; } = new() { Id = "29:sam", Name = "Sam Senior", AadObjectId = "0b7e5f4a-0000-4000-8000-00000000a001" };

    public ChannelAccount Bot { get; init; } = new() { Id = "28:mentorbot", Name = "MentorBot" };

    /// <summary>The Teams client language every activity of this chat carries.</summary>
    public string Locale { get; init; } = "en-GB";

    public ConversationAccount Conversation { get; init; } = new() { Id = "a:sam-personal", ConversationType = "personal", TenantId = "tenant-1" };

    /// <summary>Everything the bot sent, in order, across turns.</summary>
    public IReadOnlyList<Activity> Transcript => _transcript;

    public Task<TestTurn> SendAsync(string text, CancellationToken cancellationToken = default) =>
        ProcessActivityAsync(NewActivity(ActivityTypes.Message, a => a.Text = text), cancellationToken);

    /// <summary>An <c>Action.Submit</c> press: <paramref name="data"/> (the action data merged with the inputs) plus the verb.</summary>
    public Task<TestTurn> SubmitAsync(string verb, object? data = null, CancellationToken cancellationToken = default)
    {
        var value = ToObject(data);
        value["verb"] = verb;
        return ProcessActivityAsync(NewActivity(ActivityTypes.Message, a =>
        {
            a.Value = ToElement(value);
            a.ReplyToId = LastCardActivityId;
        }), cancellationToken);
    }

    /// <summary>An <c>Action.Execute</c> press: an invoke whose value.action carries the verb and the data.</summary>
    public Task<TestTurn> InvokeAsync(string verb, object? data = null, CancellationToken cancellationToken = default)
    {
        var value = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["id"] = verb, ["verb"] = verb, ["data"] = ToObject(data) },
            ["trigger"] = "manual",
        };
        return ProcessActivityAsync(NewActivity(ActivityTypes.Invoke, a =>
        {
            a.Name = AdaptiveCardInvokeValue.InvokeName;
            a.Value = ToElement(value);
            a.ReplyToId = LastCardActivityId;
        }), cancellationToken);
    }

    public async Task<TestTurn> ProcessActivityAsync(Activity activity, CancellationToken cancellationToken = default)
    {
        var turn = new TestTurnContext(activity, _nextBotActivityId);
        try
        {
            await _middleware.RunAsync(turn, bot.OnTurnAsync, cancellationToken);
        }
        catch (Exception e) when (turnErrors is not null && e is not OperationCanceledException)
        {
            await turnErrors.HandleAsync(turn, e, cancellationToken);
        }

        _transcript.AddRange(turn.Sent);
        return new TestTurn(activity, turn.Sent, turn.InvokeResponse);
    }

    private string? LastCardActivityId => _transcript.LastOrDefault(a => a.Attachments is { Count: > 0 })?.Id;

    private Activity NewActivity(string type, Action<Activity> shape)
    {
        var activity = new Activity
        {
            Type = type,
            Id = _nextUserActivityId(),
            Timestamp = DateTimeOffset.UnixEpoch,
            ChannelId = "msteams",
            ServiceUrl = "https://smba.trafficmanager.net/emea/",
            From = User,
            Recipient = Bot,
            Conversation = Conversation,
            Locale = Locale,
        };
        shape(activity);
        return activity;
    }

    private static JsonObject ToObject(object? data) =>
        data is null ? [] : JsonSerializer.SerializeToNode(data, JsonSerializerOptions.Web)?.AsObject() ?? [];

    private static JsonElement ToElement(JsonNode node) => JsonSerializer.SerializeToElement(node, JsonSerializerOptions.Web);
}
