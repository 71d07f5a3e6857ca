using MentorBot.Bot.Operations;

namespace MentorBot.Bot.Tests.Operations;

/// <summary><c>dotnet MentorBot.Bot.dll --check</c> through the real entry point.</summary>
public sealed class ProductionCheckTests
{
    [Fact]
    public async Task Check_BrokenConfiguration_PrintsEveryProblemAndFails()
    {
        var settings = new Dictionary<string, string>
        {
            ["MicrosoftAppType"] = "SingleTenant",
            ["MicrosoftAppId"] = "00000000-0000-0000-0000-0000000000a1",
            ["Storage:TablePrefix"] = "mentor-bot",
            ["Graph:ClientSecret"] = "s",
        };

        var result = await BotProcess.RunAsync(settings, StartupGate.CheckSwitch);

        Assert.Equal(StartupGate.ConfigurationErrorExitCode, result.ExitCode);
        var failures = result.OutputLines.Where(l => l.StartsWith("FAIL", StringComparison.Ordinal)).ToList();
        Assert.Contains(failures, l => l.Contains("MicrosoftAppTenantId", StringComparison.Ordinal));
        Assert.Contains(failures, l => l.Contains("MicrosoftAppPassword", StringComparison.Ordinal));
        Assert.Contains(failures, l => l.Contains("Storage:TablePrefix", StringComparison.Ordinal));
        Assert.Contains(failures, l => l.Contains("Graph:TenantId", StringComparison.Ordinal));
        Assert.Contains("Result: 4 problems to fix", result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.StandardOutput + result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_GraphCertificateMissing_OneFailLineNamingTheSetting()
    {
        var settings = new Dictionary<string, string>
        {
            ["Graph:TenantId"] = "00000000-0000-0000-0000-0000000000f1",
            ["Graph:ClientId"] = "00000000-0000-0000-0000-0000000000a1",
            ["Graph:SyncDirectory"] = "true",
            ["Graph:ClientCertificatePath"] = "/nonexistent/mentorbot-graph.pem",
        };

        var result = await BotProcess.RunAsync(settings, StartupGate.CheckSwitch);

        Assert.Equal(StartupGate.ConfigurationErrorExitCode, result.ExitCode);
        var failure = Assert.Single(result.OutputLines, l => l.StartsWith("FAIL", StringComparison.Ordinal));
        Assert.Contains("Graph:ClientCertificatePath names a file that does not exist", failure, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.StandardOutput + result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_WorkingLocalConfiguration_TriesStorageAndPasses()
    {
        var result = await BotProcess.RunAsync(new Dictionary<string, string>(), StartupGate.CheckSwitch);

        Assert.True(result.ExitCode == 0, result.StandardOutput + result.StandardError);
        Assert.Contains(result.OutputLines, l => l.StartsWith("ok", StringComparison.Ordinal) && l.Contains("Storage: sqlite storage answers", StringComparison.Ordinal));
        Assert.Contains(result.OutputLines, l => l.StartsWith("warn", StringComparison.Ordinal) && l.Contains("MicrosoftAppId is empty", StringComparison.Ordinal));
        Assert.Contains(result.OutputLines, l => l.Contains("Telemetry: no exporter", StringComparison.Ordinal));
        Assert.Contains("Result: ready to run.", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_StorageUnreachable_FailsNamingTheStorageSettings()
    {
        // A loopback port nothing listens on: refused at once, and the retries are cut short.
        var settings = new Dictionary<string, string>
        {
            ["Storage:ConnectionString"] = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:9/devstoreaccount1",
            ["Storage:MaxRetries"] = "0",
        };

        var result = await BotProcess.RunAsync(settings, StartupGate.CheckSwitch);

        Assert.Equal(StartupGate.ConfigurationErrorExitCode, result.ExitCode);
        Assert.Contains(result.OutputLines, l => l.StartsWith("FAIL", StringComparison.Ordinal) && l.Contains("Storage:ConnectionString", StringComparison.Ordinal));
        Assert.DoesNotContain("AccountKey", result.StandardOutput, StringComparison.Ordinal);
    }
}
