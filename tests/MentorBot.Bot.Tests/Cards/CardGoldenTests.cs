using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using MentorBot.Bot.Cards;

namespace MentorBot.Bot.Tests.Cards;

/// <summary>
/// Each sample card's JSON is pinned in <c>Cards/Golden/{name}.json</c>. After an intended change, regenerate with
/// <c>UPDATE_GOLDEN=1 dotnet test --filter CardGoldenTests</c> and review the diff like code.
/// </summary>
public sealed class CardGoldenTests
{
    public static IEnumerable<object[]> CardNames => CardSamples.Names;

    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        IndentSize = 2,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    [Theory]
    [MemberData(nameof(CardNames))]
    public void Card_Json_MatchesGoldenFile(string name)
    {
        var actual = Pretty(CardJson.Serialize(CardSamples.All[name]));
        var path = Path.Combine(RepositoryRoot.Path, "tests", "MentorBot.Bot.Tests", "Cards", "Golden", name + ".json");

        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual);
        }

        Assert.True(File.Exists(path), $"No golden file for {name}; run with UPDATE_GOLDEN=1 to create it.");
        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), actual);
    }

    [Fact]
    public void GoldenFolder_EveryFile_BelongsToASample()
    {
        var folder = Path.Combine(RepositoryRoot.Path, "tests", "MentorBot.Bot.Tests", "Cards", "Golden");

        var orphans = Directory.GetFiles(folder, "*.json")
            .Select(Path.GetFileNameWithoutExtension)
            .Where(name => !CardSamples.All.ContainsKey(name!));

        Assert.Empty(orphans);
    }

    private static string Pretty(string json) =>
        JsonNode.Parse(json)!.ToJsonString(Indented).ReplaceLineEndings("\n") + "\n";

    internal static int Utf8Size(string json) => Encoding.UTF8.GetByteCount(json);
}
