using System.IO.Compression;
using System.Text.Json.Nodes;

namespace MentorBot.Bot.Tests.Manifest;

public sealed class TeamsAppPackageTests
{
    private const string BotId = "5E3A4C1D-90AB-4F2E-8C7D-112233445566";

    private static string Script => RepositoryRoot.Combine("scripts", "package-teams-app.sh");

    [Fact]
    public async Task Package_WithBotIdAndDomain_HoldsManifestAndIconsAtTheRoot()
    {
        using var folder = new TemporaryFolder();
        var zipPath = folder.Combine("MentorBot.zip");

        var run = await ToolRun.StartAsync(
            "bash", Script, "--bot-id", BotId, "--domain", "mentorbot.contoso.com", "--out", zipPath);

        Assert.True(run.ExitCode == 0, run.Output);
        using var zip = ZipFile.OpenRead(zipPath);
        Assert.Equal(["manifest.json", "color.png", "outline.png", "sv.json"], zip.Entries.Select(e => e.FullName));
        var manifest = ReadManifest(zip);
        Assert.Equal(BotId.ToLowerInvariant(), manifest["bots"]![0]!["botId"]!.GetValue<string>());
        Assert.Equal(
            "https://mentorbot.contoso.com/dashboard", manifest["staticTabs"]![0]!["contentUrl"]!.GetValue<string>());
        Assert.Equal("mentorbot.contoso.com", manifest["validDomains"]![0]!.GetValue<string>());
        Assert.Equal(BotId.ToLowerInvariant(), manifest["webApplicationInfo"]!["id"]!.GetValue<string>());
        Assert.Equal($"api://mentorbot.contoso.com/{BotId.ToLowerInvariant()}", manifest["webApplicationInfo"]!["resource"]!.GetValue<string>());
        Assert.DoesNotContain("${{", manifest.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Package_Extracted_PassesTheManifestValidator()
    {
        using var folder = new TemporaryFolder();
        var zipPath = folder.Combine("MentorBot.zip");
        var packaging = await ToolRun.StartAsync(
            "bash", Script, "--bot-id", BotId, "--domain", "mentorbot.contoso.com", "--out", zipPath);
        Assert.True(packaging.ExitCode == 0, packaging.Output);
        var extracted = folder.Combine("extracted");
        ZipFile.ExtractToDirectory(zipPath, extracted);

        var run = await ToolRun.NodeAsync("validate-manifest.mjs", Path.Combine(extracted, "manifest.json"));

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Equal(
            File.ReadAllBytes(ManifestFiles.OutlineIconPath), File.ReadAllBytes(Path.Combine(extracted, "outline.png")));
    }

    [Fact]
    public async Task Package_WithoutDomain_LeavesOutTheDashboardTab()
    {
        using var folder = new TemporaryFolder();
        var zipPath = folder.Combine("MentorBot.zip");

        var run = await ToolRun.StartAsync("bash", Script, "--bot-id", BotId, "--out", zipPath);

        Assert.True(run.ExitCode == 0, run.Output);
        using var zip = ZipFile.OpenRead(zipPath);
        var manifest = ReadManifest(zip);
        Assert.False(manifest.ContainsKey("staticTabs"));
        Assert.False(manifest.ContainsKey("validDomains"));
        Assert.False(manifest.ContainsKey("webApplicationInfo"));
        Assert.Contains("packaged without the dashboard tab", run.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Package_WithAppIdAndVersion_UsesThem()
    {
        using var folder = new TemporaryFolder();
        var zipPath = folder.Combine("MentorBot.zip");
        const string appId = "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9";

        var run = await ToolRun.StartAsync(
            "bash", Script, "--bot-id", BotId, "--app-id", appId, "--version", "1.4.2", "--out", zipPath);

        Assert.True(run.ExitCode == 0, run.Output);
        using var zip = ZipFile.OpenRead(zipPath);
        var manifest = ReadManifest(zip);
        Assert.Equal(appId, manifest["id"]!.GetValue<string>());
        Assert.Equal("1.4.2", manifest["version"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("is not a GUID", "--bot-id", "5E3A4C1D-90AB-4F2E-8C7D-11223344556")]
    [InlineData("is not a GUID", "--bot-id", "{5E3A4C1D-90AB-4F2E-8C7D-112233445566}")]
    [InlineData("all-zero placeholder GUID", "--bot-id", "00000000-0000-0000-0000-000000000000")]
    [InlineData("--bot-id is required", "--domain", "mentorbot.contoso.com")]
    [InlineData("host name only", "--bot-id", BotId, "--domain", "https://mentorbot.contoso.com/")]
    [InlineData("not a public host name", "--bot-id", BotId, "--domain", "localhost")]
    [InlineData("must look like 1.2.3", "--bot-id", BotId, "--version", "1.0")]
    [InlineData("unknown argument \"--botid\"", "--botid", BotId)]
    public async Task Package_BadArguments_AreRefusedWithoutWritingAPackage(
        string expectedMessage, params string[] arguments)
    {
        using var folder = new TemporaryFolder();
        var zipPath = folder.Combine("MentorBot.zip");

        var run = await ToolRun.StartAsync("bash", [Script, .. arguments, "--out", zipPath]);

        Assert.True(run.ExitCode == 2, run.Output);
        Assert.Contains(expectedMessage, run.StandardError, StringComparison.Ordinal);
        Assert.Contains("usage: scripts/package-teams-app.sh", run.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(zipPath));
    }

    private static JsonObject ReadManifest(ZipArchive zip)
    {
        using var reader = new StreamReader(zip.GetEntry("manifest.json")!.Open());
        return ManifestFiles.Parse(reader.ReadToEnd());
    }
}
