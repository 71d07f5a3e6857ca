using System.Text.Json.Nodes;

namespace MentorBot.Bot.Tests.Manifest;

internal static class ManifestFiles
{
    public const string PlaceholderBotId = "00000000-0000-0000-0000-000000000000";
    public const string DomainToken = "${{BOT_DOMAIN}}";

    public static string Folder => RepositoryRoot.Combine("manifest");

    public static string ManifestPath => RepositoryRoot.Combine("manifest", "manifest.json");

    public static string ColorIconPath => RepositoryRoot.Combine("manifest", "color.png");

    public static string OutlineIconPath => RepositoryRoot.Combine("manifest", "outline.png");

    public static JsonObject Load() => Parse(File.ReadAllText(ManifestPath));

    public static JsonObject Parse(string json) =>
        JsonNode.Parse(json)?.AsObject() ?? throw new InvalidDataException("The manifest is not a JSON object.");

    public static IEnumerable<JsonObject> CommandLists(JsonObject manifest) =>
        manifest["bots"]!.AsArray().Single()!["commandLists"]!.AsArray().Select(list => list!.AsObject());

    public static IEnumerable<string> Scopes(JsonObject commandList) =>
        commandList["scopes"]!.AsArray().Select(scope => scope!.GetValue<string>());

    public static IEnumerable<string> Titles(JsonObject commandList) =>
        commandList["commands"]!.AsArray().Select(command => command!["title"]!.GetValue<string>());
}
