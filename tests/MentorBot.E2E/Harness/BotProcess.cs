using System.Diagnostics;
using System.Text.RegularExpressions;

namespace MentorBot.E2E.Harness;

/// <summary>
/// The built bot as its own process, as in production: <c>dotnet MentorBot.Bot.dll</c> in the <c>Testing</c>
/// environment, anonymous local mode (no app id: the Playground sends no tokens), Kestrel on a loopback port it picks
/// itself, storage pointed at this run's Azurite or scratch folder.
/// </summary>
public sealed partial class BotProcess : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private BotProcess(ChildProcess process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    /// <summary><c>http://127.0.0.1:&lt;port&gt;/</c>.</summary>
    public Uri BaseAddress { get; }

    public Uri MessagingEndpoint => new(BaseAddress, "api/messages");

    public string LogPath => _process.LogPath;

    public static Task<BotProcess> StartAsync(
        RepositoryLayout layout, RunFolder run, string? storageConnectionString, string tenantId, CancellationToken cancellationToken) =>
        StartAsync(layout, run, "bot", storageConnectionString, tenantId, cancellationToken);

    /// <summary>
    /// A bot named <paramref name="name"/> (its log and SQLite folder are named after it), on <paramref name="port"/>
    /// (0: any free one), keeping its tables under <paramref name="tablePrefix"/> when given — a fresh prefix is fresh
    /// storage on the same Azurite.
    /// </summary>
    public static async Task<BotProcess> StartAsync(
        RepositoryLayout layout, RunFolder run, string name, string? storageConnectionString, string tenantId, CancellationToken cancellationToken,
        int port = 0, string? tablePrefix = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        var dataFolder = Path.Combine(run.Scratch, $"{name}-data");
        Directory.CreateDirectory(dataFolder);
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["DOTNET_ENVIRONMENT"] = "Testing",
            // Anonymous local mode whatever the developer's shell exports.
            ["MicrosoftAppId"] = "",
            ["MicrosoftAppPassword"] = "",
            ["MicrosoftAppTenantId"] = "",
            ["Storage__DataFolder"] = dataFolder,
            ["Storage__ConnectionString"] = storageConnectionString ?? "",
            ["Storage__TablePrefix"] = tablePrefix ?? "mentorbot",
            // Exercise the tenant filter with the Playground's Teams-like tenant instead of switching it off.
            ["Bot__AllowedTenants__0"] = tenantId,
            ["Logging__LogLevel__Default"] = "Information",
            ["Logging__LogLevel__MentorBot"] = "Debug",
            ["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning",
            // The connector logs each call at Debug already; the HttpClient factory's four lines per call are noise.
            ["Logging__LogLevel__System.Net.Http.HttpClient"] = "Warning",
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
            ["Logging__Console__FormatterName"] = "simple",
            ["Logging__Console__FormatterOptions__SingleLine"] = "true",
            ["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss.fff ",
            ["Logging__Console__FormatterOptions__ColorBehavior"] = "Disabled",
        };

        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        var process = ChildProcess.Start(
            name, "dotnet", [layout.BotAssembly, "--urls", $"http://127.0.0.1:{port.ToString(System.Globalization.CultureInfo.InvariantCulture)}"], layout.BotFolder, environment, run);
        try
        {
            var listening = await process.WaitForLineAsync(NowListening(), E2ESettings.StartupTimeout, cancellationToken);
            var bot = new BotProcess(process, new Uri(listening.Groups["url"].Value.TrimEnd('/') + "/"));
            await bot.WaitUntilHealthyAsync(cancellationToken);
            return bot;
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    public void EnsureRunning() => _process.EnsureRunning();

    /// <summary>SIGKILL, as <c>kill -9</c>: no shutdown hooks, no flushing, whatever was in flight is cut off.</summary>
    public ValueTask KillAsync() => _process.DisposeAsync();

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    private async Task WaitUntilHealthyAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var waited = Stopwatch.StartNew();
        string last = "no answer";
        while (waited.Elapsed < E2ESettings.StartupTimeout)
        {
            _process.EnsureRunning();
            try
            {
                using var response = await http.GetAsync(new Uri("healthz", UriKind.Relative), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}";
            }
            catch (HttpRequestException e)
            {
                last = e.Message;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }

        throw new HarnessException($"The bot at {BaseAddress} never became healthy (last: {last}). Last lines of {LogPath}:\n{_process.Tail()}");
    }

    [GeneratedRegex(@"Now listening on: (?<url>http://127\.0\.0\.1:\d+)")]
    private static partial Regex NowListening();
}
