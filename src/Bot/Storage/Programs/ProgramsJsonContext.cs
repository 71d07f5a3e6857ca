using System.Text.Json;
using System.Text.Json.Serialization;
using MentorBot.Core.Programs;
using NodaTime;
using NodaTime.Text;

namespace MentorBot.Bot.Storage.Programs;

/// <summary>Programs, enrolments, concerns and audit entries stored whole as JSON (enums by name, dates as ISO).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true, Converters = [typeof(IsoLocalDateConverter)])]
[JsonSerializable(typeof(MentoringProgram))]
[JsonSerializable(typeof(Enrolment))]
[JsonSerializable(typeof(Concern))]
[JsonSerializable(typeof(ConcernAuditEntry))]
internal sealed partial class ProgramsJsonContext : JsonSerializerContext;

/// <summary>Cohort dates as <c>2026-01-31</c>; NodaTime's own serializers are not a dependency of the host.</summary>
internal sealed class IsoLocalDateConverter : JsonConverter<LocalDate>
{
    public override LocalDate Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        LocalDatePattern.Iso.Parse(reader.GetString() ?? "").GetValueOrThrow();

    public override void Write(Utf8JsonWriter writer, LocalDate value, JsonSerializerOptions options) =>
        writer.WriteStringValue(LocalDatePattern.Iso.Format(value));
}
