using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using MentorBot.E2E.Pages;
using Microsoft.Playwright;

namespace MentorBot.E2E.Harness;

/// <summary>
/// Everything an end-to-end scenario runs against, started once per test run: Azurite (or a scratch SQLite folder),
/// the built bot, one Agents Playground per person and a loopback-only chromium. Stops exactly what it started, in
/// reverse order, whether the run passed, failed or never finished starting. Each scenario gets fresh pages in each
/// person's browser context (a page load is a new Teams session: the Playground re-sends install events) against the
/// same bot.
/// </summary>
public sealed partial class E2EEnvironment : IAsyncLifetime
{
    private readonly ConcurrentStack<IAsyncDisposable> _started = new();
    private readonly Stopwatch _sinceStart = Stopwatch.StartNew();
    private readonly ConcurrentDictionary<string, Lazy<Task<IBrowserContext>>> _browserOf = new();
    private RunFolder? _run;
    private BotProcess? _bot;
    private RepositoryLayout? _layout;
    private string? _storageConnectionString;
    private int _scenarios;
    private PlaygroundInstance? _senior;
    private PlaygroundInstance? _junior;
    private PlaygroundInstance? _secondJunior;
    private LoopbackBrowser? _browser;
    private bool _disposed;

    public RunFolder Run => _run ?? throw NotStarted();

    public BotProcess Bot => _bot ?? throw NotStarted();

    public LoopbackBrowser Browser => _browser ?? throw NotStarted();

    /// <summary>Moves the bot's clock (once the bot exposes its Testing-only clock endpoint; see decision 0091).</summary>
    public TestClock Clock => new(Bot.BaseAddress);

    /// <summary>How long starting everything took, for the run summary.</summary>
    public TimeSpan StartupTime { get; private set; }

    /// <summary>
    /// The person's browser profile, kept for the whole run as a person keeps their Teams client: each scenario opens
    /// fresh pages in it, and later page loads reuse the cached Playground bundle.
    /// </summary>
    public Task<IBrowserContext> BrowserOf(TeamsPerson person) =>
        _browserOf.GetOrAdd(person.Key, _ => new Lazy<Task<IBrowserContext>>(Browser.NewContextAsync)).Value;

    public PlaygroundInstance PlaygroundOf(TeamsPerson person) =>
        person == TestTenant.Senior ? _senior ?? throw NotStarted()
        : person == TestTenant.Junior ? _junior ?? throw NotStarted()
        : person == TestTenant.SecondJunior ? _secondJunior ?? throw NotStarted()
        : _others.TryGetValue(person.Key, out var other) && other.IsCompletedSuccessfully ? other.Result
        : throw new ArgumentException($"{person.Name} has no Playground; only the senior and the two juniors do.", nameof(person));

    public async Task InitializeAsync()
    {
        var layout = RepositoryLayout.Discover();
        var settings = E2ESettings.FromEnvironment(layout);
        layout.EnsureReady(settings.Chromium);
        _run = RunFolder.Create(settings.ResultsRoot);

        using var startup = new CancellationTokenSource(E2ESettings.StartupTimeout * 2);
        var services = StartServicesAsync(layout, settings, _run, startup.Token);
        var browser = StartAsync(() => LoopbackBrowser.LaunchAsync(settings.Chromium, _run));
        try
        {
            await Task.WhenAll(services, browser);
            _browser = browser.Result;
            StartupTime = _sinceStart.Elapsed;
            _run.RecordTiming("environment started", StartupTime);
            await File.WriteAllTextAsync(_run.File("summary.txt"), Summary(settings), startup.Token);
        }
        catch
        {
            // Let whatever is still starting finish, so nothing is left running, then stop it all.
            await Task.WhenAll(services, browser).ContinueWith(_ => { }, TaskScheduler.Default);
            try
            {
                await StopAllAsync();
            }
            catch (AggregateException)
            {
                // The start-up failure is the news; the logs hold the rest.
            }

            throw;
        }
    }

    /// <summary>
    /// Runs one scenario with fresh browser contexts. On failure it saves a screenshot and the transcript of every
    /// open chat and a copy of the bot log as it was (<c>screenshot-&lt;person&gt;-&lt;test&gt;.png</c>,
    /// <c>bot-&lt;test&gt;.log</c>) in the run folder, and says where in the exception.
    /// </summary>
    public async Task RunScenarioAsync(Func<Scenario, Task> body, [CallerMemberName] string test = "")
    {
        EnsureRunning();
        await StartFreshBotAsync();
        await using var scenario = new Scenario(this, test);
        var took = Stopwatch.StartNew();
        try
        {
            await body(scenario).WaitAsync(E2ESettings.ScenarioTimeout);
            Run.RecordTiming($"{test}: passed", took.Elapsed);
        }
        catch (Exception e)
        {
            Run.RecordTiming($"{test}: failed", took.Elapsed);
            var saved = await scenario.SaveFailureArtifactsAsync(e);
            var health = Health();
            throw new ScenarioFailedException(
                $"Scenario {test} failed{(health is null ? "" : $" ({health})")}. Screenshots, transcripts and logs: {saved}", e);
        }
    }

    public async Task DisposeAsync()
    {
        await StopAllAsync();
    }

    /// <summary>
    /// Every scenario after the first gets a new bot process on the same port (the Playgrounds keep their endpoint)
    /// with fresh storage (a new table prefix, a new SQLite folder): no profile, pairing or welcome of an earlier
    /// scenario leaks into the next, and the order of scenarios never matters.
    /// </summary>
    private async Task StartFreshBotAsync()
    {
        var number = Interlocked.Increment(ref _scenarios);
        if (number == 1)
        {
            return;
        }

        var port = Bot.BaseAddress.Port;
        await Bot.DisposeAsync();
        _bot = null;
        var took = Stopwatch.StartNew();
        _bot = await BotProcess.StartAsync(
            _layout ?? throw NotStarted(), Run, $"bot-{number}", _storageConnectionString, TestTenant.TenantId, CancellationToken.None,
            port, string.Create(CultureInfo.InvariantCulture, $"scenario{number}"), BotSettings(port));
        Run.RecordTiming($"bot-{number} started", took.Elapsed);
    }

    internal void EnsureRunning()
    {
        if (Health() is { } problem)
        {
            throw new HarnessException($"The end-to-end environment is broken: {problem}. Logs: {Run.Path}");
        }
    }

    /// <summary>What every scenario's bot is configured with beyond the harness defaults.</summary>
    private static Dictionary<string, string> BotSettings(int port) => new()
    {
        ["Calendar__PublicBaseUrl"] = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/"),
        // Helen may create programs on the settings page (decision 0440); nothing else changes until she does.
        ["Programs__Creators__0"] = TestTenant.Senior.AadObjectId,
        // The Playground has no Teams type-ahead search (its log says so) and then offers no skill to pick (0450).
        ["Skills__TypeAheadSearch"] = "false",
    };

    private static InvalidOperationException NotStarted() => new("The end-to-end environment has not started (or failed to start).");

    private async Task StartServicesAsync(RepositoryLayout layout, E2ESettings settings, RunFolder run, CancellationToken cancellationToken)
    {
        var azurite = settings.Storage == StorageBackend.Azurite
            ? await StartAsync(() => AzuriteTable.StartAsync(layout, run, cancellationToken))
            : null;
        _layout = layout;
        _storageConnectionString = azurite?.ConnectionString;
        // A port chosen here, not by the bot, so the .ics links on check-in cards can name it (Calendar:PublicBaseUrl).
        var port = LoopbackPort.Free();
        _bot = await BotProcess.StartAsync(layout, run, "bot-1", _storageConnectionString, TestTenant.TenantId, cancellationToken, port, "scenario1", BotSettings(port));
        var senior = StartAsync(() => PlaygroundInstance.StartAsync(layout, run, TestTenant.Senior, _bot.MessagingEndpoint, cancellationToken));
        var junior = StartAsync(() => PlaygroundInstance.StartAsync(layout, run, TestTenant.Junior, _bot.MessagingEndpoint, cancellationToken));
        var secondJunior = StartAsync(() => PlaygroundInstance.StartAsync(layout, run, TestTenant.SecondJunior, _bot.MessagingEndpoint, cancellationToken));
        try
        {
            await Task.WhenAll(senior, junior, secondJunior);
        }
        finally
        {
            _senior = senior.IsCompletedSuccessfully ? senior.Result : null;
            _junior = junior.IsCompletedSuccessfully ? junior.Result : null;
            _secondJunior = secondJunior.IsCompletedSuccessfully ? secondJunior.Result : null;
        }
    }

    private async Task<T> StartAsync<T>(Func<Task<T>> start)
        where T : IAsyncDisposable
    {
        var started = await start();
        _started.Push(started);
        return started;
    }

    private string? Health()
    {
        try
        {
            Bot.EnsureRunning();
            PlaygroundOf(TestTenant.Senior).EnsureRunning();
            PlaygroundOf(TestTenant.Junior).EnsureRunning();
            PlaygroundOf(TestTenant.SecondJunior).EnsureRunning();
            return null;
        }
        catch (HarnessException e)
        {
            return e.Message;
        }
    }

    private async Task StopAllAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        List<Exception> failures = [];
        if (_bot is { } bot)
        {
            await bot.DisposeAsync();
        }

        while (_started.TryPop(out var started))
        {
            try
            {
                await started.DisposeAsync();
            }
            catch (Exception e) when (e is PlaywrightException or IOException or InvalidOperationException)
            {
                failures.Add(e);
            }
        }

        _run?.Dispose();
        if (failures.Count > 0)
        {
            throw new AggregateException("Stopping the end-to-end environment failed.", failures);
        }
    }

    private string Summary(E2ESettings settings) => string.Create(CultureInfo.InvariantCulture, $"""
        started in {StartupTime.TotalSeconds:0.0} s
        storage    {settings.Storage}
        bot        {Bot.BaseAddress}
        senior     {PlaygroundOf(TestTenant.Senior).Address} as {TestTenant.Senior.Name} ({TestTenant.Senior.Id})
        junior     {PlaygroundOf(TestTenant.Junior).Address} as {TestTenant.Junior.Name} ({TestTenant.Junior.Id})
        junior 2   {PlaygroundOf(TestTenant.SecondJunior).Address} as {TestTenant.SecondJunior.Name} ({TestTenant.SecondJunior.Id})
        browser    {settings.Chromium}

        """);
}
