using System.Net;
using System.Net.Sockets;

namespace MentorBot.Testing;

/// <summary>
/// A minimal HTTP stub on <c>http://127.0.0.1:{free port}/</c> (<see cref="HttpListener"/>): every request is handed to
/// <paramref name="respond"/>, which answers and closes it, until the stub is disposed. For stand-ins that only accept and
/// record (the Connector's welcome, an OTLP collector); one copy of the accept loop, where each stub had its own.
/// </summary>
public sealed class LoopbackHttpListener : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<HttpListenerContext, Task> _respond;
    private readonly Task _loop;

    private LoopbackHttpListener(int port, Func<HttpListenerContext, Task> respond)
    {
        Address = $"http://127.0.0.1:{port}/";
        _respond = respond;
        _listener.Prefixes.Add(Address);
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    /// <summary>The base address, with a trailing slash.</summary>
    public string Address { get; }

    public static LoopbackHttpListener Start(Func<HttpListenerContext, Task> respond) => new(FreePort(), respond);

    /// <summary>A loopback port nobody listens on right now.</summary>
    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            await _respond(context);
        }
    }
}
