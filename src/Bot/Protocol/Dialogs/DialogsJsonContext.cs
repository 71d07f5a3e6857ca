using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using MentorBot.Bot.Protocol.Dialogs.Prompts;

namespace MentorBot.Bot.Protocol.Dialogs;

// Strict on read: a frame missing a field it needs is broken state to discard, not a null to trip over later.

/// <summary>The persisted dialog stack and the state of the built-in dialogs; dialogs supply their own state metadata.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(PersistedDialogStack))]
[JsonSerializable(typeof(WaterfallFrame))]
[JsonSerializable(typeof(PromptState))]
[JsonSerializable(typeof(JsonNode))]
internal sealed partial class DialogsJsonContext : JsonSerializerContext;

/// <summary>Bottom of the stack first. <see cref="Format"/> versions this envelope, <c>Version</c> each dialog's state.</summary>
internal sealed record PersistedDialogStack(int Format, IReadOnlyList<PersistedDialogFrame> Frames)
{
    public const int CurrentFormat = 1;
}

internal sealed record PersistedDialogFrame(string Id, int Version, JsonElement State);
