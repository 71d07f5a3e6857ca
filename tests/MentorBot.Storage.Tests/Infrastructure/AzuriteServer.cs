using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MentorBot.Storage.Tests.Infrastructure;

/// <summary>
/// An Azurite Table service on loopback, in memory, started from <c>tools/node_modules/.bin/azurite-table</c> under
/// the repository root (found by walking up from the test assembly to MentorBot.sln). Killed, with its process
/// tree, on dispose, also when a test or start-up fails.
/// </summary>
internal sealed class AzuriteServer : IAsyncDisposable
{
    public const string RelativeBinaryPath = "tools/node_modules/.bin/azurite-table";

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private AzuriteServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:{Port}/devstoreaccount1;";

    public static string BinaryPath => Path.Combine(RepositoryRoot.Find(), RelativeBinaryPath);

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static string ConnectionStringFor(int port) =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";

    public static async Task<AzuriteServer> StartAsync(int? port = null, CancellationToken cancellationToken = default)
    {
        var binary = BinaryPath;
        if (!File.Exists(binary))
        {
            throw new FileNotFoundException($"Azurite not found at {binary}; run 'npm ci' in tools/.", binary);
        }

        var chosenPort = port ?? FreePort();
        var start = new ProcessStartInfo(binary)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var arg in new[]
        {
            "--inMemoryPersistence", "--tableHost", "127.0.0.1", "--tablePort", chosenPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--skipApiVersionCheck", "--disableTelemetry",
        })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Azurite did not start.");
        var server = new AzuriteServer(process, chosenPort);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server.WaitUntilReadyAsync(TimeSpan.FromSeconds(30), cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        catch (TimeoutException)
        {
            // Leave it to the OS; nothing more we can do here.
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Azurite exited with {_process.ExitCode}: {Output()}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port, cancellationToken);
                return;
            }
            catch (SocketException)
            {
                // Not listening yet.
            }

            await Task.Delay(50, cancellationToken);
        }

        throw new TimeoutException($"Azurite did not listen on {Port} within {timeout}: {Output()}");
    }

    private string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }
}
