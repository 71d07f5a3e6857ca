using MentorBot.Bot.Operations;

namespace MentorBot.Bot.Tests.Operations;

/// <summary>
/// Every configuration mistake refuses to start with a sentence naming the setting to fix: exit code 78, only
/// "MentorBot cannot start: …" lines on stderr, no stack trace, nothing on stdout. Runs the real entry point.
/// </summary>
public sealed class ConfigurationMistakesTests
{
    private const string App = "00000000-0000-0000-0000-0000000000a1";
    private const string Tenant = "00000000-0000-0000-0000-0000000000f1";

    public static TheoryData<string, Dictionary<string, string>, string> Mistakes => new()
    {
        // App types × missing id / password / tenant / certificate.
        { "single tenant, no password, no tenant", new() { ["MicrosoftAppType"] = "SingleTenant", ["MicrosoftAppId"] = App }, "MicrosoftAppTenantId" },
        { "single tenant, no password", new() { ["MicrosoftAppType"] = "SingleTenant", ["MicrosoftAppId"] = App, ["MicrosoftAppTenantId"] = Tenant }, "MicrosoftAppPassword" },
        { "single tenant, no tenant", new() { ["MicrosoftAppType"] = "SingleTenant", ["MicrosoftAppId"] = App, ["MicrosoftAppPassword"] = "s" }, "MicrosoftAppTenantId" },
        { "single tenant, no app id", new() { ["MicrosoftAppType"] = "SingleTenant", ["MicrosoftAppTenantId"] = Tenant }, "MicrosoftAppId" },
        { "multi tenant, no password", new() { ["MicrosoftAppType"] = "MultiTenant", ["MicrosoftAppId"] = App }, "MicrosoftAppPassword" },
        // A MultiTenant registration must say which tenants it serves (decision 0232).
        { "multi tenant, no allowed tenants", new() { ["MicrosoftAppType"] = "MultiTenant", ["MicrosoftAppId"] = App, ["MicrosoftAppPassword"] = "s" }, "Bot:AllowedTenants" },
        { "multi tenant, blank password", new() { ["MicrosoftAppType"] = "MultiTenant", ["MicrosoftAppId"] = App, ["MicrosoftAppPassword"] = " " }, "MicrosoftAppPassword" },
        { "password without app id", new() { ["MicrosoftAppPassword"] = "s" }, "MicrosoftAppId" },
        { "managed identity, no tenant", new() { ["MicrosoftAppType"] = "UserAssignedMSI", ["MicrosoftAppId"] = App }, "MicrosoftAppTenantId" },
        { "managed identity with a password", new() { ["MicrosoftAppType"] = "UserAssignedMSI", ["MicrosoftAppId"] = App, ["MicrosoftAppTenantId"] = Tenant, ["MicrosoftAppPassword"] = "s" }, "MicrosoftAppPassword" },
        { "managed identity, no client id", new() { ["MicrosoftAppType"] = "UserAssignedMSI", ["MicrosoftAppTenantId"] = Tenant }, "MicrosoftAppId" },
        { "certificate instead of a secret", new() { ["MicrosoftAppType"] = "SingleTenant", ["MicrosoftAppId"] = App, ["MicrosoftAppTenantId"] = Tenant, ["MicrosoftAppPassword"] = "s", ["MicrosoftAppCertificateThumbprint"] = "AB12" }, "MicrosoftAppCertificateThumbprint" },
        { "unknown app type", new() { ["MicrosoftAppType"] = "Sometimes", ["MicrosoftAppId"] = App, ["MicrosoftAppPassword"] = "s" }, "MicrosoftAppType" },
        // Storage.
        { "storage connection string not key=value", new() { ["Storage:ConnectionString"] = "garbage" }, "Storage connection string" },
        { "storage account key not base64", new() { ["Storage:ConnectionString"] = "AccountName=a;AccountKey=%%%;EndpointSuffix=core.windows.net" }, "AccountKey" },
        { "storage connection string and endpoint", new() { ["Storage:ConnectionString"] = "UseDevelopmentStorage=true", ["Storage:TableEndpoint"] = "https://a.table.core.windows.net" }, "Storage:TableEndpoint" },
        { "storage endpoint over http", new() { ["Storage:TableEndpoint"] = "http://a.table.core.windows.net" }, "Storage:TableEndpoint" },
        { "storage prefix with a dash", new() { ["Storage:TablePrefix"] = "mentor-bot" }, "Storage:TablePrefix" },
        { "storage retry delay not a duration", new() { ["Storage:RetryDelay"] = "soon" }, "Storage:RetryDelay" },
        // Graph.
        { "graph without secret or organizer", new() { ["Graph:TenantId"] = Tenant, ["Graph:ClientId"] = App }, "Graph:OrganizerUserId" },
        { "graph secret only", new() { ["Graph:ClientSecret"] = "s" }, "Graph:TenantId" },
        { "graph base url over http", new() { ["Graph:BaseUrl"] = "http://graph.example.com/v1.0" }, "Graph:BaseUrl" },
        { "graph certificate file missing", new() { ["Graph:TenantId"] = Tenant, ["Graph:ClientId"] = App, ["Graph:SyncDirectory"] = "true", ["Graph:ClientCertificatePath"] = "/nonexistent/mentorbot-graph.pem" }, "Graph:ClientCertificatePath" },
        { "graph certificate file not a certificate", new() { ["Graph:TenantId"] = Tenant, ["Graph:ClientId"] = App, ["Graph:SyncDirectory"] = "true", ["Graph:ClientCertificatePath"] = NotACertificate() }, "Graph:ClientCertificatePath" },
        { "graph certificate thumbprint not in the store", new() { ["Graph:TenantId"] = Tenant, ["Graph:ClientId"] = App, ["Graph:SyncDirectory"] = "true", ["Graph:ClientCertificateThumbprint"] = "0123456789ABCDEF0123456789ABCDEF01234567" }, "Graph:ClientCertificateThumbprint" },
        // Hosting.
        { "request body limit too small", new() { ["Bot:MaxRequestBodyBytes"] = "5" }, "Bot:MaxRequestBodyBytes" },
        // Telemetry.
        { "gauge refresh every second", new() { ["Telemetry:GaugeRefreshInterval"] = "00:00:01" }, "Telemetry:GaugeRefreshInterval" },
        { "gauge refresh not a duration", new() { ["Telemetry:GaugeRefreshInterval"] = "often" }, "Telemetry:GaugeRefreshInterval" },
    };

    private static string NotACertificate()
    {
        var path = Path.Combine(Path.GetTempPath(), "mentorbot-not-a-certificate.pfx");
        File.WriteAllText(path, "this is not a certificate");
        return path;
    }

    [Theory]
    [MemberData(nameof(Mistakes))]
    public async Task Start_ConfigurationMistake_RefusesWithOneSentenceNamingTheSetting(string mistake, Dictionary<string, string> settings, string setting)
    {
        var result = await BotProcess.RunAsync(settings);

        Assert.True(result.ExitCode == StartupGate.ConfigurationErrorExitCode, $"{mistake}: exit {result.ExitCode}\n{result.StandardOutput}{result.StandardError}");
        Assert.NotEmpty(result.ErrorLines);
        Assert.All(result.ErrorLines, line => Assert.StartsWith("MentorBot cannot start: ", line, StringComparison.Ordinal));
        Assert.Contains(result.ErrorLines, line => line.Contains(setting, StringComparison.Ordinal));
        Assert.DoesNotContain(" at ", result.StandardError.Replace("is not one of", "", StringComparison.Ordinal).Replace("at '", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.StandardError, StringComparison.Ordinal);
        Assert.Empty(result.StandardOutput.Trim());
    }
}
