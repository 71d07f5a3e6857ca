using System.Text.Json.Serialization;
using MentorBot.Bot.Cards;
using MentorBot.Bot.Cards.Actions;
using MentorBot.Bot.Protocol.Dialogs;
using MentorBot.Bot.Protocol.Dialogs.Prompts;
using MentorBot.Bot.Protocol.Builder;
using MentorBot.Core.Profiles;
using NodaTime;

namespace MentorBot.Bot.Flows;

[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(OnboardingState))]
[JsonSerializable(typeof(AskState))]
[JsonSerializable(typeof(PauseState))]
internal sealed partial class FlowJsonContext : JsonSerializerContext;
