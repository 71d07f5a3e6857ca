using System.Collections.Concurrent;

namespace MentorBot.LoadHost;

/// <summary>
/// A loopback proxy in front of Azurite that waits <c>delay</c> before forwarding each request (a stand-in for the
/// network distance to Azure Table storage) and counts the requests by method and table, so a turn's number of storage
/// round trips shows in its latency and can be read from <c>GET /_shim/stats</c> (reset with <c>POST /_shim/reset</c>).
/// Stats also carry <c>_rounds</c>: how many times the shim went from idle to busy, i.e. sequential round trips (reads
/// sent together overlap and count once); <c>GET /_shim/log</c> lists the last requests in order (method, table, kind
/// of access, start and end in ms since the reset) to see what one turn does. Shared Key signatures do not cover the
/// host, so the bot signs for the shim and Azurite accepts what it forwards.
/// </summary>
public static class LatencyShim
{
    private static readonly HashSet<string> HopHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Connection", "Transfer-Encoding", "Keep-Alive", "Upgrade", "Proxy-Connection", "Content-Length",
    };

    public static WebApplication Build(string url, string target, TimeSpan delay)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(url);
        var app = builder.Build();
        var counts = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var log = new ConcurrentQueue<string>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var inFlight = 0;
        var rounds = 0;
        var client = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = new Uri(target) };

        app.Lifetime.ApplicationStopped.Register(client.Dispose);
        app.Run(async context =>
        {
            try
            {
                await ForwardAsync(context);
            }
            catch (Exception error) when (!context.RequestAborted.IsCancellationRequested)
            {
                Console.Error.WriteLine($"shim: {context.Request.Method} {context.Request.Path}: {error.GetType().Name}: {error.Message}");
                throw;
            }
        });
        return app;

        async Task ForwardAsync(HttpContext context)
        {
            var request = context.Request;
            if (request.Path == "/_shim/stats")
            {
                var stats = new SortedDictionary<string, int>(counts, StringComparer.Ordinal) { ["_rounds"] = Volatile.Read(ref rounds) };
                await context.Response.WriteAsJsonAsync(stats, context.RequestAborted);
                return;
            }

            if (request.Path == "/_shim/log")
            {
                await context.Response.WriteAsync(string.Join('\n', log) + "\n", context.RequestAborted);
                return;
            }

            if (request.Path == "/_shim/reset")
            {
                counts.Clear();
                log.Clear();
                Volatile.Write(ref rounds, 0);
                clock.Restart();
                return;
            }

            var what = $"{request.Method} {TableOf(request.Path)}";
            counts.AddOrUpdate(what, 1, (_, n) => n + 1);
            if (Interlocked.Increment(ref inFlight) == 1)
            {
                Interlocked.Increment(ref rounds);
            }

            var started = clock.Elapsed.TotalMilliseconds;
            try
            {
                await Task.Delay(delay, context.RequestAborted);
                await SendAsync(context, request);
            }
            finally
            {
                Interlocked.Decrement(ref inFlight);
                if (log.Count < 5000)
                {
                    log.Enqueue(FormattableString.Invariant($"{started,9:F1} {clock.Elapsed.TotalMilliseconds,9:F1}  {what} {AccessOf(request)}"));
                }
            }
        }

        async Task SendAsync(HttpContext context, HttpRequest request)
        {

            // The raw target, not Path (decoded): the Shared Key signature covers the path exactly as the client encoded it.
            var raw = context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()?.RawTarget ?? request.Path + request.QueryString;
            using var forward = new HttpRequestMessage(new HttpMethod(request.Method), raw);
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body, context.RequestAborted);
            if (body.Length > 0)
            {
                // Buffered, so Azurite gets a Content-Length as from the real client (it does not take chunked bodies).
                forward.Content = new ByteArrayContent(body.ToArray());
            }

            foreach (var (name, values) in request.Headers)
            {
                if (HopHeaders.Contains(name))
                {
                    continue;
                }

                if (!forward.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
                {
                    forward.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
                }
            }

            using var response = await client.SendAsync(forward, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
            context.Response.StatusCode = (int)response.StatusCode;
            foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
            {
                if (!HopHeaders.Contains(name))
                {
                    context.Response.Headers[name] = values.ToArray();
                }
            }

            await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
        }
    }

    // Point read/write (keys in the path), query (a filter or none), or batch.
    private static string AccessOf(HttpRequest request) =>
        request.Path.Value?.Contains("PartitionKey=", StringComparison.Ordinal) == true ? "point"
        : request.Path.Value?.EndsWith("$batch", StringComparison.Ordinal) == true ? "batch"
        : request.QueryString.Value?.Contains("filter", StringComparison.OrdinalIgnoreCase) == true ? "query"
        : request.Method == "GET" ? "scan" : "table";

    // "/devstoreaccount1/profiles(PartitionKey='…',RowKey='…')" → "profiles"; "/devstoreaccount1/$batch" → "$batch".
    private static string TableOf(PathString path)
    {
        var segments = (path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        var table = segments.Length > 1 ? segments[1] : segments.FirstOrDefault() ?? "";
        var paren = table.IndexOf('(', StringComparison.Ordinal);
        return paren >= 0 ? table[..paren] : table;
    }
}
