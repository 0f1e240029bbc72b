using System.Globalization;
using System.Net.Sockets;

namespace WebmailLite.Tests.Infrastructure;

/// <summary>Whether a rig's server accepts connections, to use one already running rather than start it again.</summary>
public static class LoopbackPort
{
    public static bool IsOpen(string port)
    {
        try
        {
            using var socket = new TcpClient();
            return socket.ConnectAsync("127.0.0.1", int.Parse(port, CultureInfo.InvariantCulture)).Wait(TimeSpan.FromSeconds(2));
        }
        catch (Exception e) when (e is AggregateException or SocketException)
        {
            return false;
        }
    }
}
