using MentorBot.Bot.Calendar;
using MentorBot.Bot.Protocol;
using MentorBot.Bot.Protocol.Connector;
using MentorBot.Bot.Storage;
using MentorBot.Bot.Storage.Profiles;
using Microsoft.Extensions.Options;

namespace MentorBot.Bot.Operations;

/// <summary>
/// <c>dotnet MentorBot.Bot.dll --check</c>: reads the configuration the way start-up does, validates it, tries storage
/// and (when credentials are configured) the Connector's token endpoint, and prints one plain line per finding.
/// Non-zero exit when anything would stop the bot from working. Nothing secret is printed: settings are named,
/// never echoed.
/// </summary>
public static class ProductionCheck
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(20);

    public static async Task<int> RunAsync(IServiceProvider services, TextWriter output, CancellationToken cancellationToken)
    {
        var report = new CheckReport(output);
        output.WriteLine("MentorBot production check");

        var problems = ConfigurationProblems.Find(services);
        foreach (var problem in problems)
        {
            report.Fail(problem);
        }

        if (problems.Count == 0)
        {
            report.Ok("Configuration: every setting validates.");
            await CheckStorageAsync(services, report, cancellationToken);
            await CheckConnectorTokenAsync(services, report, cancellationToken);
            DescribeGraph(services, report);
        }
        else
        {
            report.Info("Storage and the Connector token were not tried: fix the configuration first.");
        }

        DescribeTelemetry(services.GetRequiredService<IConfiguration>(), report);

        output.WriteLine(report.Failures == 0
            ? "Result: ready to run."
            : $"Result: {report.Failures} problem{(report.Failures == 1 ? "" : "s")} to fix before this bot can run.");
        return report.Failures == 0 ? 0 : StartupGate.ConfigurationErrorExitCode;
    }

    // Creates the profile table if needed (start-up would do the same) and reads a row that never exists: proves the
    // address, the credential and the right to create and read tables, which a bare read of a fresh SQLite file cannot.
    private static async Task CheckStorageAsync(IServiceProvider services, CheckReport report, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ProbeTimeout);
        var engine = services.GetRequiredService<ITableEngine>();
        try
        {
            var table = engine.GetTable(TableProfileStore.TableName);
            await table.CreateIfNotExistsAsync(timeout.Token);
            await table.GetAsync("healthz", "probe", timeout.Token);
            report.Ok($"Storage: {engine.Backend} storage answers (tables can be created and read).");
        }
        catch (Exception exception) when (exception is not OperationCanceledException || timeout.IsCancellationRequested)
        {
            report.Fail($"Storage: {engine.Backend} storage does not answer ({exception.GetType().Name}). Check Storage:ConnectionString or Storage:TableEndpoint, the network path and the identity's table role (Storage Table Data Contributor).");
        }
    }

    private static async Task CheckConnectorTokenAsync(IServiceProvider services, CheckReport report, CancellationToken cancellationToken)
    {
        var bot = services.GetRequiredService<IOptions<BotFrameworkOptions>>().Value;
        if (bot.IsAnonymous)
        {
            report.Warn("MicrosoftAppId is empty: anonymous mode, for local tools only (Agents Playground). Teams needs an app registration.");
            return;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ProbeTimeout);
        try
        {
            var token = await services.GetRequiredService<IConnectorTokenProvider>().GetTokenAsync(forceRefresh: true, timeout.Token);
            if (string.IsNullOrEmpty(token))
            {
                report.Fail("Connector token: the token endpoint returned no token.");
            }
            else
            {
                report.Ok($"Connector token: {bot.MicrosoftAppType} credentials get a token for the Bot Connector.");
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException || timeout.IsCancellationRequested)
        {
            // MSAL and Azure.Identity messages carry AADSTS codes and correlation ids, never the secret itself.
            var detail = exception.Message.Split('\n', 2)[0].Trim();
            report.Fail($"Connector token: {bot.MicrosoftAppType} credentials got no token ({exception.GetType().Name}: {detail}). Check MicrosoftAppId, MicrosoftAppPassword and MicrosoftAppTenantId, or the managed identity.");
        }
    }

    private static void DescribeGraph(IServiceProvider services, CheckReport report)
    {
        var graph = services.GetService<IOptions<GraphOptions>>()?.Value;
        report.Info(graph?.IsConfigured == true
            ? "Graph: configured; check-ins become Teams meetings in the organizer's calendar (not tried: it needs the tenant)."
            : "Graph: not configured; check-ins come as .ics invites.");
    }

    private static void DescribeTelemetry(IConfiguration configuration, CheckReport report)
    {
        var exporters = Telemetry.TelemetryExporters.From(configuration);
        report.Info(exporters.Count == 0
            ? "Telemetry: no exporter (set OTEL_EXPORTER_OTLP_ENDPOINT or APPLICATIONINSIGHTS_CONNECTION_STRING to send traces and metrics)."
            : $"Telemetry: exporting to {string.Join(" and ", exporters)}.");
    }

    private sealed class CheckReport(TextWriter output)
    {
        public int Failures { get; private set; }

        public void Ok(string line) => output.WriteLine($"  ok    {line}");

        public void Info(string line) => output.WriteLine($"  info  {line}");

        public void Warn(string line) => output.WriteLine($"  warn  {line}");

        public void Fail(string line)
        {
            Failures++;
            output.WriteLine($"  FAIL  {line}");
        }
    }
}
