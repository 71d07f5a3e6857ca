using System.Text.Json.Serialization;

namespace MentorBot.Bot.Flows;

[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(OnboardingState))]
[JsonSerializable(typeof(AskState))]
[JsonSerializable(typeof(PauseState))]
internal sealed partial class FlowJsonContext : JsonSerializerContext;
