using System.Text.Json.Serialization;

namespace MentorBot.Core.Skills;

internal sealed record SkillCatalogDocument(IReadOnlyList<SkillDocument>? Skills);

internal sealed record SkillDocument(
    string? Id,
    string? Name,
    string? Category,
    string? Direction,
    IReadOnlyList<string>? Aliases,
    Dictionary<string, LocalizedSkillDocument>? Localized = null);

internal sealed record LocalizedSkillDocument(string? Name, IReadOnlyList<string>? Aliases);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(SkillCatalogDocument))]
internal sealed partial class SkillCatalogJsonContext : JsonSerializerContext;
