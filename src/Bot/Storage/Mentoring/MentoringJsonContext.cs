using System.Text.Json;
using System.Text.Json.Serialization;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Requests;

namespace MentorBot.Bot.Storage.Mentoring;

/// <summary>Requests and mentorships are stored whole as JSON (enums by name, so a reordered enum cannot corrupt rows).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(MentoringRequest))]
[JsonSerializable(typeof(Mentorship))]
internal sealed partial class MentoringJsonContext : JsonSerializerContext;
