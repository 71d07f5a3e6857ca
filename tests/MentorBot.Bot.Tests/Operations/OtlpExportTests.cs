using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MentorBot.Testing;

namespace MentorBot.Bot.Tests.Operations;

/// <summary>
/// The real bot process with an OTLP/HTTP receiver stub on loopback: <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set makes
/// spans arrive; unset, nothing is exported and nothing is attempted, not even to the default collector ports.
/// </summary>
public sealed class OtlpExportTests
{
    // Short batch and metric intervals, so an exporter that existed would have tried within a second.
    private static readonly Dictionary<string, string> FastExport = new()
    {
        ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
        ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
    };

    [Fact]
    public async Task Endpoint_Set_SpansArriveAtTheCollector()
    {
        using var collector = OtlpCollectorStub.Start();
        var settings = new Dictionary<string, string>(FastExport)
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        };
        using var bot = await BotProcess.StartAsync(FreePort(), settings);

        using var response = await bot.Client.GetAsync("no-such-page");
        var traces = await collector.WaitForAsync("/v1/traces", TimeSpan.FromSeconds(30));

        Assert.Equal("application/x-protobuf", traces.ContentType);
        Assert.True(traces.Length > 0);
    }

    [Fact]
    public async Task Endpoint_Unset_NothingIsExportedOrAttempted()
    {
        using var collector = OtlpCollectorStub.Start();
        using var defaultGrpc = TryListen(4317);
        using var defaultHttp = TryListen(4318);
        using var bot = await BotProcess.StartAsync(FreePort(), FastExport);

        using var response = await bot.Client.GetAsync("no-such-page");
        await Task.Delay(TimeSpan.FromSeconds(3));

        Assert.Empty(collector.Received);
        Assert.False(defaultGrpc?.Pending() ?? false, "something connected to localhost:4317");
        Assert.False(defaultHttp?.Pending() ?? false, "something connected to localhost:4318");
    }

    private static int FreePort() => LoopbackHttpListener.FreePort();

    // In the tests' private network namespace the default ports are free; elsewhere they may not be, and then only the
    // stub's silence is checked.
    private static DisposableListener? TryListen(int port)
    {
        try
        {
            var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return new DisposableListener(listener);
        }
        catch (SocketException)
        {
            return null;
        }
    }

    private sealed class DisposableListener(TcpListener listener) : IDisposable
    {
        public bool Pending() => listener.Pending();

        public void Dispose() => listener.Stop();
    }

    private sealed record Export(string Path, string? ContentType, long Length);

    /// <summary>Answers every OTLP/HTTP export with 200 and remembers what came.</summary>
    private sealed class OtlpCollectorStub : IDisposable
    {
        private readonly LoopbackHttpListener _listener;

        private OtlpCollectorStub() => _listener = LoopbackHttpListener.Start(RecordAsync);

        /// <summary>The collector's base address, without a trailing slash.</summary>
        public string Endpoint => _listener.Address.TrimEnd('/');

        public ConcurrentQueue<Export> Received { get; } = new();

        public static OtlpCollectorStub Start() => new();

        public async Task<Export> WaitForAsync(string path, TimeSpan within)
        {
            using var timeout = new CancellationTokenSource(within);
            while (!Received.Any(e => e.Path == path))
            {
                await Task.Delay(100, timeout.Token);
            }

            return Received.First(e => e.Path == path);
        }

        public void Dispose() => _listener.Dispose();

        private async Task RecordAsync(HttpListenerContext context)
        {
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            Received.Enqueue(new Export(context.Request.Url!.AbsolutePath, context.Request.ContentType, body.Length));
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }
}
