using System.Text.Json.Nodes;
using MentorBot.Bot.Flows;

namespace MentorBot.Bot.Tests.Manifest;

/// <summary>
/// The Swedish manifest strings (manifest/sv.json via localizationInfo): valid against the localization schema the
/// tools use, covering every command, and every localized command title is one the bot recognises — Teams sends
/// the title a Swedish user clicks, untranslated, as the message text.
/// </summary>
public sealed class ManifestLocalizationTests
{
    private static JsonObject Swedish() =>
        ManifestFiles.Parse(File.ReadAllText(Path.Combine(ManifestFiles.Folder, "sv.json")));

    [Fact]
    public void LocalizationInfo_EnglishDefault_SwedishFileBesideTheManifest()
    {
        var info = ManifestFiles.Load()["localizationInfo"]!;

        Assert.Equal("en", info["defaultLanguageTag"]!.GetValue<string>());
        var swedish = Assert.Single(info["additionalLanguages"]!.AsArray())!;
        Assert.Equal(("sv", "sv.json"), (swedish["languageTag"]!.GetValue<string>(), swedish["file"]!.GetValue<string>()));
        Assert.True(File.Exists(Path.Combine(ManifestFiles.Folder, "sv.json")));
    }

    [Fact]
    public void SwedishFile_LocalizesEveryCommandTitleAndDescription()
    {
        var strings = Swedish();
        var lists = ManifestFiles.CommandLists(ManifestFiles.Load()).ToList();

        var expected = lists.SelectMany((list, l) => list["commands"]!.AsArray().SelectMany((_, c) => new[]
        {
            $"bots[0].commandLists[{l}].commands[{c}].title",
            $"bots[0].commandLists[{l}].commands[{c}].description",
        }));

        Assert.All(expected, key => Assert.True(strings.ContainsKey(key), $"sv.json has no {key}"));
    }

    [Fact]
    public void SwedishCommandTitles_AreRecognisedAsTheSameCommandsAsTheEnglish()
    {
        var strings = Swedish();
        var lists = ManifestFiles.CommandLists(ManifestFiles.Load()).ToList();

        for (var l = 0; l < lists.Count; l++)
        {
            var english = ManifestFiles.Titles(lists[l]).ToList();
            for (var c = 0; c < english.Count; c++)
            {
                var swedish = strings[$"bots[0].commandLists[{l}].commands[{c}].title"]!.GetValue<string>();

                // Group-session commands are the session flow's own words (decision 0445), not the command table's.
                if (SessionFlow.Recognize(english[c]) is not SessionFlow.TextCommand.None and var session)
                {
                    Assert.Equal(session, SessionFlow.Recognize(swedish));
                    continue;
                }

                var kind = Commands.Recognize(swedish).Kind;
                Assert.True(kind != CommandKind.None, $"\"{swedish}\" is not recognised");
                Assert.Equal(Commands.Recognize(english[c]).Kind, kind);
            }
        }
    }

    [Fact]
    public async Task BrokenSwedishFile_ValidatorListsEveryProblem()
    {
        using var folder = new TemporaryFolder();
        File.Copy(ManifestFiles.ManifestPath, folder.Combine("manifest.json"));
        File.Copy(ManifestFiles.ColorIconPath, folder.Combine("color.png"));
        File.Copy(ManifestFiles.OutlineIconPath, folder.Combine("outline.png"));
        var strings = Swedish();
        strings["name.fulll"] = "MentorBot";
        strings["name.short"] = new string('M', 31);
        strings["bots[0].commandLists[0].commands[11].title"] = "finns inte";
        File.WriteAllText(folder.Combine("sv.json"), strings.ToJsonString());

        var run = await ToolRun.NodeAsync("validate-manifest.mjs", folder.Combine("manifest.json"));

        Assert.True(run.ExitCode == 1, run.Output);
        Assert.Contains("sv.json: (root): must NOT have additional properties {\"additionalProperty\":\"name.fulll\"}", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("sv.json: /name.short: must NOT have more than 30 characters", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("sv.json: \"bots[0].commandLists[0].commands[11].title\" names nothing in the manifest", run.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingSwedishFile_IsReported()
    {
        using var folder = new TemporaryFolder();
        File.Copy(ManifestFiles.ManifestPath, folder.Combine("manifest.json"));
        File.Copy(ManifestFiles.ColorIconPath, folder.Combine("color.png"));
        File.Copy(ManifestFiles.OutlineIconPath, folder.Combine("outline.png"));

        var run = await ToolRun.NodeAsync("validate-manifest.mjs", folder.Combine("manifest.json"));

        Assert.True(run.ExitCode == 1, run.Output);
        Assert.Contains("localization sv: \"sv.json\" not found next to the manifest", run.StandardOutput, StringComparison.Ordinal);
    }
}
