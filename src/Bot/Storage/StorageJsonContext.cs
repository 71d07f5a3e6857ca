using System.Text.Json.Serialization;

namespace MentorBot.Bot.Storage;

[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class StorageJsonContext : JsonSerializerContext;
