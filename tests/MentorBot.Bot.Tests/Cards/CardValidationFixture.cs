using System.Diagnostics;
using System.Text.Json;
using MentorBot.Bot.Cards;

namespace MentorBot.Bot.Tests.Cards;

/// <summary>
/// Writes every sample card (plus deliberately broken ones) to a temp folder and runs the official Adaptive Cards
/// library over all of them in one <c>node tools/validate-cards.mjs</c> call, so the suite pays for Node once.
/// </summary>
public sealed class CardValidationFixture : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mentorbot-cards-" + Guid.NewGuid().ToString("N"));

    public CardValidationFixture()
    {
        Directory.CreateDirectory(_folder);
        foreach (var (name, card) in CardSamples.All.Concat(Sessions.SessionCardSamples.All))
        {
            File.WriteAllText(Path.Combine(_folder, name + ".json"), CardJson.Serialize(card));
        }

        foreach (var (name, (json, _)) in BrokenCards.All)
        {
            File.WriteAllText(Path.Combine(_folder, name + ".json"), json);
        }

        Problems = RunValidator(_folder);
    }

    /// <summary>Card name → the problems the library reported (empty when valid).</summary>
    public IReadOnlyDictionary<string, string[]> Problems { get; }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static Dictionary<string, string[]> RunValidator(string folder)
    {
        var root = RepositoryRoot.Path;
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(root, "tools", "validate-cards.mjs"));
        start.ArgumentList.Add(folder);

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("validate-cards.mjs did not finish within 60 s.");
        }

        // Exit 1 only means "some card has problems" (the broken ones always do); anything else is a harness failure.
        if (process.ExitCode is not (0 or 1))
        {
            throw new InvalidOperationException($"validate-cards.mjs exited with {process.ExitCode}: {stderr.Result}");
        }

        var results = JsonSerializer.Deserialize<Dictionary<string, string[]>>(stdout.Result)
            ?? throw new InvalidOperationException("validate-cards.mjs printed no result.");
        return results.ToDictionary(r => Path.GetFileNameWithoutExtension(r.Key), r => r.Value);
    }
}

[CollectionDefinition(Name)]
public sealed class CardValidationGroup : ICollectionFixture<CardValidationFixture>
{
    public const string Name = "Card validation";
}

internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "MentorBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("MentorBot.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>Cards with one known mistake each, and a fragment of the problem the harness must report for it.</summary>
internal static class BrokenCards
{
    private const string Head = """{"type":"AdaptiveCard","version":"1.5","body":[""";

    public static IReadOnlyDictionary<string, (string Json, string Expected)> All { get; } = new Dictionary<string, (string, string)>
    {
        ["_broken.UnknownElement"] = (Head + """{"type":"Input.Slider","id":"x"}]}""", "Unknown element type \"Input.Slider\""),
        ["_broken.UnknownAction"] = (Head + """],"actions":[{"type":"Action.Http","title":"Go","url":"https://example.com"}]}""", "Unknown action type \"Action.Http\""),
        ["_broken.DuplicateInputIds"] = (Head + """{"type":"Input.Text","id":"goal"},{"type":"Input.Text","id":"goal"}]}""", "Duplicate Id \"goal\""),
        ["_broken.InputWithoutId"] = (Head + """{"type":"Input.Text","label":"Goal"}]}""", "id"),
        ["_broken.MissingUrl"] = (Head + """],"actions":[{"type":"Action.OpenUrl","title":"Open"}]}""", "\"url\" must be set"),
        ["_broken.MisspelledProperty"] = (Head + """{"type":"Input.ChoiceSet","id":"c","isMultiselect":true,"choices":[{"title":"A","value":"a"}]}]}""", "isMultiselect"),
        ["_broken.NewerThan15"] = (Head + """{"type":"Input.Text","id":"t","label":"Name","valueChangedAction":{"type":"Action.ResetInputs"}}]}""", "valueChangedAction"),
        ["_broken.MissingToggleTarget"] = (Head + """{"type":"TextBlock","text":"Hi"}],"actions":[{"type":"Action.ToggleVisibility","title":"More","targetElements":["details"]}]}""", "\"details\""),
        ["_broken.BadFallback"] = (Head + """],"actions":[{"type":"Action.Execute","title":"Go","verb":"go","data":{"verb":"go"},"fallback":{"type":"Action.Submit","title":"Go","dataa":{}}}]}""", "dataa"),
        ["_broken.RefreshWithoutType"] = (Head + """],"refresh":{"action":{"title":"Refresh","verb":"card.refresh"}}}""", "\"action\" must be set"),
        ["_broken.DataQueryMisspelled"] = (Head + """{"type":"Input.ChoiceSet","id":"s","choices":[],"choices.data":{"type":"Data.Query","datset":"skills"}}]}""", "datset"),
        ["_broken.DataQueryWrongType"] = (Head + """{"type":"Input.ChoiceSet","id":"s","choices":[],"choices.data":{"type":"Data.Search","dataset":"skills"}}]}""", "Invalid value \"Data.Search\""),
    };
}
