using System.Globalization;
using System.Text.Json;

namespace MentorBot.Bot.Storage.Sqlite;

/// <summary>
/// Properties as one JSON object with a type tag per value (<c>{"Big":["I64","9223372036854775807"]}</c>), so every
/// EDM type survives the round trip exactly. Top-level keys make SQLite's <c>json_patch</c> a faithful Merge.
/// </summary>
internal static class PropertyJson
{
    public static string Write(IReadOnlyDictionary<string, EntityProperty> properties)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in properties)
            {
                writer.WriteStartArray(name);
                switch (value.Type)
                {
                    case EdmType.String:
                        writer.WriteStringValue("S");
                        writer.WriteStringValue(value.AsString());
                        break;
                    case EdmType.Int32:
                        writer.WriteStringValue("I32");
                        writer.WriteNumberValue(value.AsInt32());
                        break;
                    case EdmType.Int64:
                        writer.WriteStringValue("I64");
                        writer.WriteStringValue(value.AsInt64().ToString(CultureInfo.InvariantCulture));
                        break;
                    case EdmType.Double:
                        writer.WriteStringValue("D");
                        writer.WriteNumberValue(value.AsDouble());
                        break;
                    case EdmType.Boolean:
                        writer.WriteStringValue("B");
                        writer.WriteBooleanValue(value.AsBoolean());
                        break;
                    case EdmType.DateTime:
                        writer.WriteStringValue("DT");
                        writer.WriteStringValue(value.AsDateTime().UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
                        break;
                    case EdmType.Guid:
                        writer.WriteStringValue("G");
                        writer.WriteStringValue(value.AsGuid().ToString("D"));
                        break;
                    case EdmType.Binary:
                        writer.WriteStringValue("BIN");
                        writer.WriteBase64StringValue(value.AsBinary().Span);
                        break;
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public static void Read(string json, TableEntity into)
    {
        using var document = JsonDocument.Parse(json);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            var tag = property.Value[0].GetString();
            var raw = property.Value[1];
            into.Properties[property.Name] = tag switch
            {
                "S" => EntityProperty.String(raw.GetString()!),
                "I32" => EntityProperty.Int32(raw.GetInt32()),
                "I64" => EntityProperty.Int64(long.Parse(raw.GetString()!, CultureInfo.InvariantCulture)),
                "D" => EntityProperty.Double(raw.GetDouble()),
                "B" => EntityProperty.Boolean(raw.GetBoolean()),
                "DT" => EntityProperty.DateTime(DateTimeOffset.Parse(raw.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal)),
                "G" => EntityProperty.Guid(Guid.Parse(raw.GetString()!)),
                "BIN" => EntityProperty.Binary(raw.GetBytesFromBase64()),
                _ => throw new InvalidDataException($"Unknown property type tag '{tag}' in stored entity."),
            };
        }
    }
}
