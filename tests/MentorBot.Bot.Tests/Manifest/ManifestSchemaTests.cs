using System.Text.Json.Nodes;

namespace MentorBot.Bot.Tests.Manifest;

// The schema check runs on node + ajv (tools/validate-manifest.mjs): the Teams schemas declare draft-04 but rely on
// "const", which NJsonSchema 10.7 silently ignores, so a wrong manifestVersion would pass a .NET-only check.
public sealed class ManifestSchemaTests
{
    [Fact]
    public async Task CommittedManifest_AgainstSchemaItDeclares_IsValid()
    {
        var run = await ToolRun.NodeAsync("validate-manifest.mjs", ManifestFiles.ManifestPath);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("valid (Teams manifest v1.25)", run.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BrokenCopy_AgainstSchemaItDeclares_ListsEveryError()
    {
        using var folder = new TemporaryFolder();
        CopyIcons(folder);
        var manifest = ManifestFiles.Load();
        manifest["manifestVersion"] = "1.24";
        manifest["bots"]![0]!["botId"] = "not-a-guid";
        manifest["accentColor"] = "purple";
        manifest["name"]!["short"] = new string('M', 31);
        manifest["unexpected"] = true;
        File.WriteAllText(folder.Combine("manifest.json"), manifest.ToJsonString());

        var run = await ToolRun.NodeAsync("validate-manifest.mjs", folder.Combine("manifest.json"));

        Assert.True(run.ExitCode == 1, run.Output);
        Assert.Contains("/manifestVersion: must be equal to constant {\"allowedValue\":\"1.25\"}", run.StandardOutput,
            StringComparison.Ordinal);
        Assert.Contains("/bots/0/botId: must match pattern", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("/accentColor: must match pattern", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("/name/short: must NOT have more than 30 characters", run.StandardOutput,
            StringComparison.Ordinal);
        Assert.Contains("must NOT have additional properties {\"additionalProperty\":\"unexpected\"}",
            run.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Manifest_SchemaVersionNotShippedOffline_IsRejected()
    {
        using var folder = new TemporaryFolder();
        CopyIcons(folder);
        var manifest = ManifestFiles.Load();
        manifest["$schema"] = "https://developer.microsoft.com/json-schemas/teams/v9.99/MicrosoftTeams.schema.json";
        File.WriteAllText(folder.Combine("manifest.json"), manifest.ToJsonString());

        var run = await ToolRun.NodeAsync("validate-manifest.mjs", folder.Combine("manifest.json"));

        Assert.True(run.ExitCode == 1, run.Output);
        Assert.Contains("no offline schema for Teams manifest v9.99", run.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Manifest_ColourIconUsedAsOutline_IsRejected()
    {
        using var folder = new TemporaryFolder();
        File.Copy(ManifestFiles.ManifestPath, folder.Combine("manifest.json"));
        File.Copy(ManifestFiles.ColorIconPath, folder.Combine("color.png"));
        File.Copy(ManifestFiles.ColorIconPath, folder.Combine("outline.png"));

        var run = await ToolRun.NodeAsync("validate-manifest.mjs", folder.Combine("manifest.json"));

        Assert.True(run.ExitCode == 1, run.Output);
        Assert.Contains("icon outline.png: must be 32×32, is 192×192", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("neither white (255,255,255) nor fully transparent", run.StandardOutput,
            StringComparison.Ordinal);
    }

    private static void CopyIcons(TemporaryFolder folder)
    {
        File.Copy(ManifestFiles.ColorIconPath, folder.Combine("color.png"));
        File.Copy(ManifestFiles.OutlineIconPath, folder.Combine("outline.png"));
    }
}
