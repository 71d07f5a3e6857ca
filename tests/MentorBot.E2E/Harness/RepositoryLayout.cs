using System.Reflection;

namespace MentorBot.E2E.Harness;

/// <summary>
/// Where the pieces the harness runs live: the repository root (the folder holding <c>MentorBot.sln</c>), the bot
/// already built in this test assembly's configuration, and the npm tools. Nothing here builds anything.
/// </summary>
public sealed record RepositoryLayout(string Root, string Configuration)
{
    public string BotFolder => Path.Combine(Root, "src", "Bot", "bin", Configuration, "net10.0");

    public string BotAssembly => Path.Combine(BotFolder, "MentorBot.Bot.dll");

    public string AzuriteTable => Tool("azurite-table");

    public string AgentsPlayground => Tool("agentsplayground");

    public static RepositoryLayout Discover()
    {
        var configuration = typeof(RepositoryLayout).Assembly
            .GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "Configuration")?.Value ?? "Debug";

        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "MentorBot.sln")))
            {
                return new RepositoryLayout(folder.FullName, configuration);
            }
        }

        throw new HarnessException($"No MentorBot.sln in {AppContext.BaseDirectory} or any folder above it.");
    }

    /// <summary>Fails early, with the command that fixes it, instead of a timeout deep inside a scenario.</summary>
    public void EnsureReady(string chromium)
    {
        if (!File.Exists(BotAssembly))
        {
            throw new HarnessException(
                $"The bot is not built: {BotAssembly} is missing. The end-to-end fixture runs the built bot and builds nothing; " +
                $"run `dotnet build MentorBot.sln -c {Configuration}` (or scripts/test) first.");
        }

        foreach (var tool in new[] { AzuriteTable, AgentsPlayground })
        {
            if (!File.Exists(tool))
            {
                throw new HarnessException($"{tool} is missing; run `npm ci --prefix tools` first.");
            }
        }

        if (!File.Exists(chromium))
        {
            throw new HarnessException(
                $"No browser at {chromium}. Install Debian's chromium (`apt-get install chromium`) or point {E2ESettings.ChromiumVariable} at one; " +
                "the tests never download a browser.");
        }
    }

    private string Tool(string name) => Path.Combine(Root, "tools", "node_modules", ".bin", name);
}
