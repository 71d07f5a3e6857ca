using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace MentorBot.E2E.Harness;

/// <summary>
/// Debian's chromium driven by Playwright, unable to reach anything but loopback: every host name except
/// <c>localhost</c> resolves to nothing, and each context aborts any request to another host (the Playground asks for
/// web fonts; it falls back fine). Playwright gives the browser a fresh temporary profile and removes it on close.
/// </summary>
public sealed class LoopbackBrowser : IAsyncDisposable
{
    private static readonly string[] LaunchArguments =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
    ];

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly string _blockedLog;
    private readonly ConcurrentQueue<string> _blocked = new();

    private LoopbackBrowser(IPlaywright playwright, IBrowser browser, string blockedLog)
    {
        _playwright = playwright;
        _browser = browser;
        _blockedLog = blockedLog;
    }

    /// <summary>Requests the page tried to send off the machine (and did not).</summary>
    public IReadOnlyCollection<string> Blocked => _blocked;

    public static async Task<LoopbackBrowser> LaunchAsync(string chromium, RunFolder run)
    {
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = chromium,
                Headless = true,
                Args = LaunchArguments,
                DownloadsPath = Path.Combine(run.Scratch, "downloads"),
                Timeout = (float)E2ESettings.StartupTimeout.TotalMilliseconds,
            });
            return new LoopbackBrowser(playwright, browser, run.File("blocked-requests.txt"));
        }
        catch (PlaywrightException e)
        {
            playwright.Dispose();
            throw new HarnessException($"Could not launch {chromium}: {e.Message}", e);
        }
    }

    /// <summary>A new, isolated browser profile (cookies, storage) — one per person per scenario.</summary>
    public async Task<IBrowserContext> NewContextAsync()
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            Locale = "en-US",
            TimezoneId = "Europe/Berlin",
            ServiceWorkers = ServiceWorkerPolicy.Block,
        });
        await context.RouteAsync("**/*", route =>
        {
            if (IsLoopback(route.Request.Url))
            {
                return route.ContinueAsync();
            }

            _blocked.Enqueue(route.Request.Url);
            return route.AbortAsync("blockedbyclient");
        });
        context.SetDefaultTimeout((float)E2ESettings.ReplyTimeout.TotalMilliseconds);
        context.SetDefaultNavigationTimeout((float)E2ESettings.PageTimeout.TotalMilliseconds);
        return context;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_blocked.IsEmpty)
        {
            await File.WriteAllLinesAsync(_blockedLog, _blocked.Distinct());
        }

        try
        {
            await _browser.CloseAsync();
        }
        finally
        {
            _playwright.Dispose();
        }
    }

    internal static bool IsLoopback(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme is "data" or "blob" or "about"
            || (uri.Scheme is "http" or "https" or "ws" or "wss" && (uri.IsLoopback || uri.Host == "localhost")));
}
