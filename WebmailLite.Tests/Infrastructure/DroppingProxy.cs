using System.Net;
using System.Net.Sockets;

namespace WebmailLite.Tests.Infrastructure;

/// <summary>
/// A loopback TCP relay to the real server that can cut every connection at once, like a restart would, or hold the
/// server's replies back, like a slow server: a command then stays in progress until they are let through.
/// </summary>
public sealed class DroppingProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly System.Collections.Concurrent.ConcurrentBag<Socket> _sockets = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly string _host;
    private readonly int _port;
    private Task _accepting = Task.CompletedTask;
    private int _accepted;
    private volatile TaskCompletionSource _replies = Open();

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

    /// <summary>From now on, what the server sends waits in the proxy until <see cref="LetRepliesThrough"/>.</summary>
    public void HoldReplies() => _replies = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void LetRepliesThrough() => _replies.TrySetResult();

    private static TaskCompletionSource Open()
    {
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        open.SetResult();
        return open;
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

    private async Task RelayAsync(Socket client, Socket upstream)
    {
        using var clientSide = new NetworkStream(client, ownsSocket: true);
        using var serverSide = new NetworkStream(upstream, ownsSocket: true);
        try
        {
            await Task.WhenAny(clientSide.CopyToAsync(serverSide), RepliesAsync(serverSide, clientSide));
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            // Cut.
        }
    }

    private async Task RepliesAsync(Stream serverSide, Stream clientSide)
    {
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await serverSide.ReadAsync(buffer)) > 0)
        {
            await _replies.Task;
            await clientSide.WriteAsync(buffer.AsMemory(0, read));
        }
    }
}
