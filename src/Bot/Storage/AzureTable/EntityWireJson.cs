using System.Globalization;
using System.Text.Json;
using MentorBot.Core.Persistence;

namespace MentorBot.Bot.Storage.AzureTable;

/// <summary>
/// Entities in the Table service's JSON (OData v3 "light"): values with <c>@odata.type</c> annotations for every type
/// JSON cannot carry by itself, Int64 as a string of digits, DateTime with 7 fractional digits.
/// </summary>
internal static class EntityWireJson
{
    public static byte[] Write(TableEntity entity)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("PartitionKey", entity.PartitionKey);
            writer.WriteString("RowKey", entity.RowKey);
            foreach (var (name, value) in entity.Properties)
            {
                switch (value.Type)
                {
                    case EdmType.String:
                        writer.WriteString(name, value.AsString());
                        break;
                    case EdmType.Int32:
                        writer.WriteNumber(name, value.AsInt32());
                        break;
                    case EdmType.Boolean:
                        writer.WriteBoolean(name, value.AsBoolean());
                        break;
                    case EdmType.Int64:
                        writer.WriteString(name, value.AsInt64().ToString(CultureInfo.InvariantCulture));
                        writer.WriteString(name + "@odata.type", "Edm.Int64");
                        break;
                    case EdmType.Double:
                        writer.WriteNumber(name, value.AsDouble());
                        writer.WriteString(name + "@odata.type", "Edm.Double");
                        break;
                    case EdmType.DateTime:
                        writer.WriteString(name, FormatDateTime(value.AsDateTime()));
                        writer.WriteString(name + "@odata.type", "Edm.DateTime");
                        break;
                    case EdmType.Guid:
                        writer.WriteString(name, value.AsGuid().ToString("D"));
                        writer.WriteString(name + "@odata.type", "Edm.Guid");
                        break;
                    case EdmType.Binary:
                        writer.WriteBase64String(name, value.AsBinary().Span);
                        writer.WriteString(name + "@odata.type", "Edm.Binary");
                        break;
                }
            }

            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    public static string FormatDateTime(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static TableEntity Read(JsonElement element, ETag? etagHeader)
    {
        string? partitionKey = null, rowKey = null, etag = null;
        DateTimeOffset? timestamp = null;
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            var at = property.Name.IndexOf("@odata.type", StringComparison.Ordinal);
            if (at > 0)
            {
                types[property.Name[..at]] = property.Value.GetString() ?? string.Empty;
            }
        }

        var values = new List<(string Name, EntityProperty Value)>();
        foreach (var property in element.EnumerateObject())
        {
            switch (property.Name)
            {
                case "PartitionKey":
                    partitionKey = property.Value.GetString();
                    continue;
                case "RowKey":
                    rowKey = property.Value.GetString();
                    continue;
                case "Timestamp":
                    timestamp = ParseDateTime(property.Value.GetString()!);
                    continue;
                case "odata.etag":
                    etag = property.Value.GetString();
                    continue;
            }

            if (property.Name.StartsWith("odata.", StringComparison.Ordinal) || property.Name.Contains('@', StringComparison.Ordinal))
            {
                continue;
            }

            types.TryGetValue(property.Name, out var type);
            values.Add((property.Name, ReadValue(property.Value, type)));
        }

        var entity = new TableEntity(partitionKey ?? string.Empty, rowKey ?? string.Empty)
        {
            ETag = etagHeader ?? (etag is null ? null : new ETag(etag)),
            Timestamp = timestamp,
        };
        foreach (var (name, value) in values)
        {
            entity.Properties[name] = value;
        }

        return entity;
    }

    private static EntityProperty ReadValue(JsonElement value, string? type) => type switch
    {
        "Edm.Int64" => EntityProperty.Int64(long.Parse(value.GetString()!, CultureInfo.InvariantCulture)),
        "Edm.Double" => value.ValueKind == JsonValueKind.String
            ? EntityProperty.Double(double.Parse(value.GetString()!, CultureInfo.InvariantCulture))
            : EntityProperty.Double(value.GetDouble()),
        "Edm.DateTime" => EntityProperty.DateTime(ParseDateTime(value.GetString()!)),
        "Edm.Guid" => EntityProperty.Guid(Guid.Parse(value.GetString()!)),
        "Edm.Binary" => EntityProperty.Binary(value.GetBytesFromBase64()),
        "Edm.Int32" => EntityProperty.Int32(value.GetInt32()),
        "Edm.Boolean" => EntityProperty.Boolean(value.GetBoolean()),
        _ => value.ValueKind switch
        {
            JsonValueKind.True or JsonValueKind.False => EntityProperty.Boolean(value.GetBoolean()),
            JsonValueKind.Number when value.TryGetInt32(out var i) => EntityProperty.Int32(i),
            JsonValueKind.Number => EntityProperty.Double(value.GetDouble()),
            _ => EntityProperty.String(value.GetString() ?? string.Empty),
        },
    };

    private static DateTimeOffset ParseDateTime(string value) =>
        DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
