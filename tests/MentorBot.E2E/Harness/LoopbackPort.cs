using System.Net;
using System.Net.Sockets;

namespace MentorBot.E2E.Harness;

internal static class LoopbackPort
{
    /// <summary>
    /// A port free on 127.0.0.1 a moment ago. Another process may take it before ours binds, so callers that can
    /// read the real port back (Playground, Kestrel) do, and Azurite is retried on a fresh port.
    /// </summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task<bool> AcceptsAsync(int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
