using System.Globalization;
using System.Text.RegularExpressions;

namespace MentorBot.E2E.Harness;

/// <summary>A fresh, in-memory Azurite Table service for one run.</summary>
public sealed partial class AzuriteTable : IAsyncDisposable
{
    // Azurite's published development account; not a secret.
    private const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private const int Attempts = 3;

    private readonly ChildProcess _process;

    private AzuriteTable(ChildProcess process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString => string.Create(CultureInfo.InvariantCulture,
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevelopmentAccountKey};TableEndpoint=http://127.0.0.1:{Port}/devstoreaccount1;");

    public static Task<AzuriteTable> StartAsync(RepositoryLayout layout, RunFolder run, CancellationToken cancellationToken) =>
        StartAsync(layout, run, "azurite", null, null, cancellationToken);

    /// <summary>
    /// An Azurite that keeps its data in <paramref name="location"/> (so a restart finds it again) and, when
    /// <paramref name="port"/> is given, listens there (a restarted Azurite must come back where the bot looks).
    /// </summary>
    public static async Task<AzuriteTable> StartAsync(
        RepositoryLayout layout, RunFolder run, string name, string? location, int? port, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var chosenPort = port ?? LoopbackPort.Free();
            string[] persistence = location is null ? ["--inMemoryPersistence"] : ["--location", location];
            var process = ChildProcess.Start(
                attempt == 1 ? name : $"{name}-{attempt}",
                layout.AzuriteTable,
                [.. persistence, "--tableHost", "127.0.0.1", "--tablePort", chosenPort.ToString(CultureInfo.InvariantCulture),
                 "--skipApiVersionCheck", "--disableTelemetry"],
                run.Scratch,
                new Dictionary<string, string>(),
                run);
            try
            {
                await process.WaitForLineAsync(Started(), E2ESettings.StartupTimeout, cancellationToken);
                if (await LoopbackPort.AcceptsAsync(chosenPort, cancellationToken))
                {
                    return new AzuriteTable(process, chosenPort);
                }

                throw new HarnessException($"Azurite said it started but port {chosenPort} refuses connections.");
            }
            catch (HarnessException) when (port is null && attempt < Attempts && process.Tail().Contains("EADDRINUSE", StringComparison.Ordinal))
            {
                // Someone took the port between our probe and Azurite's bind: try another one.
                await process.DisposeAsync();
            }
            catch
            {
                await process.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>Stops Azurite with Ctrl+C, so a persistent instance writes its data out first.</summary>
    public Task StopAsync() => _process.StopAsync(TimeSpan.FromSeconds(10));

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    [GeneratedRegex("successfully (started|listening)")]
    private static partial Regex Started();
}
