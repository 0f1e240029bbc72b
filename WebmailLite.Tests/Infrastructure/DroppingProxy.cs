using System.Net;
using System.Net.Sockets;

namespace WebmailLite.Tests.Infrastructure;

/// <summary>A loopback TCP relay to the real server that can cut every connection at once, like a restart would.</summary>
public sealed class DroppingProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly System.Collections.Concurrent.ConcurrentBag<Socket> _sockets = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly string _host;
    private readonly int _port;
    private Task _accepting = Task.CompletedTask;
    private int _accepted;

    private DroppingProxy(string host, int port)
    {
        _host = host;
        _port = port;
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int Accepted => Volatile.Read(ref _accepted);

    public static DroppingProxy Start(string host, int port)
    {
        var proxy = new DroppingProxy(host, port);
        proxy._listener.Start();
        proxy._accepting = proxy.AcceptAsync();
        return proxy;
    }

    public void CutAll()
    {
        foreach (var socket in _sockets)
        {
            socket.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        CutAll();
        await _accepting;
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptSocketAsync(_stop.Token);
                Interlocked.Increment(ref _accepted);
                var upstream = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                _sockets.Add(client);
                _sockets.Add(upstream);
                await upstream.ConnectAsync(_host, _port, _stop.Token);
                _ = RelayAsync(client, upstream);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }

    private static async Task RelayAsync(Socket client, Socket upstream)
    {
        using var toServer = new NetworkStream(client, ownsSocket: true);
        using var toClient = new NetworkStream(upstream, ownsSocket: true);
        try
        {
            await Task.WhenAny(toServer.CopyToAsync(toClient), toClient.CopyToAsync(toServer));
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            // Cut.
        }
    }
}
