using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Assessment.Tests.Browser;

/// <summary>
/// A TCP relay on its own loopback port in front of the app: the browser talks to <see cref="Address"/>, the
/// relay forwards every connection to the app's Kestrel port. <see cref="TurnOff"/> is "no signal" for
/// everything the browser does, service workers included: the port refuses new connections and every open
/// (kept-alive) connection is cut with a reset. <see cref="TurnOn"/> listens on the same port again.
/// </summary>
public sealed class NetworkSwitch : IAsyncDisposable
{
    private readonly IPEndPoint target;
    private readonly ConcurrentDictionary<int, Relay> relays = new();
    private readonly Lock gate = new();
    private TcpListener? listener;
    private CancellationTokenSource? accepting;
    private Task acceptLoop = Task.CompletedTask;
    private int nextRelayId;
    private int connections;

    public NetworkSwitch(IPEndPoint target)
    {
        ArgumentNullException.ThrowIfNull(target);
        this.target = target;
        Port = Listen(0);
    }

    /// <summary>The loopback port the browser connects to; it stays the same across off and on.</summary>
    public int Port { get; }

    /// <summary>The address the browser uses, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Address => new($"http://127.0.0.1:{Port}/");

    public bool IsOn
    {
        get
        {
            lock (gate)
            {
                return listener is not null;
            }
        }
    }

    /// <summary>How many connections the relay has accepted since it was created (to prove traffic went through it).</summary>
    public int ConnectionsAccepted => Volatile.Read(ref connections);

    /// <summary>Refuses new connections and resets the open ones. Does nothing when already off.</summary>
    public void TurnOff()
    {
        Task loop;
        lock (gate)
        {
            if (listener is null)
            {
                return;
            }

            accepting!.Cancel();
            listener.Stop();
            listener.Dispose();
            listener = null;
            loop = acceptLoop;
        }

        // The accept loop ends on the stopped listener; no relay can start after this.
        loop.Wait(TimeSpan.FromSeconds(5));
        foreach (var relay in relays.Values)
        {
            relay.Reset();
        }
    }

    /// <summary>Listens again on <see cref="Port"/>. Does nothing when already on.</summary>
    public void TurnOn()
    {
        lock (gate)
        {
            if (listener is null)
            {
                Listen(Port);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        TurnOff();
        await Task.WhenAll(relays.Values.Select(r => r.Completion));
    }

    private int Listen(int port)
    {
        var socket = new TcpListener(IPAddress.Loopback, port);
        socket.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        socket.Start();
        listener = socket;
        accepting = new CancellationTokenSource();
        var token = accepting.Token;
        acceptLoop = Task.Run(() => AcceptAsync(socket, token), CancellationToken.None);
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    private async Task AcceptAsync(TcpListener socket, CancellationToken token)
    {
        while (!token.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await socket.AcceptSocketAsync(token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            Interlocked.Increment(ref connections);
            var id = Interlocked.Increment(ref nextRelayId);
            var relay = new Relay(client);
            relays[id] = relay;
            relay.Completion = Task.Run(async () =>
            {
                try
                {
                    await relay.RunAsync(target);
                }
                finally
                {
                    relays.TryRemove(id, out _);
                }
            }, CancellationToken.None);
        }
    }

    /// <summary>One browser connection and its connection to the app, copied both ways until either side closes.</summary>
    private sealed class Relay(Socket client) : IDisposable
    {
        private readonly Socket upstream = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        private int closed;

        public Task Completion { get; set; } = Task.CompletedTask;

        public async Task RunAsync(IPEndPoint target)
        {
            try
            {
                client.NoDelay = true;
                await upstream.ConnectAsync(target);
                await Task.WhenAll(PumpAsync(client, upstream), PumpAsync(upstream, client));
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or IOException)
            {
                // Cut by TurnOff or closed by a peer: nothing to relay any more.
            }
            finally
            {
                Dispose();
            }
        }

        /// <summary>Cuts both sides with a TCP reset, as a dropped link looks to the browser.</summary>
        public void Reset() => Close(reset: true);

        public void Dispose() => Close(reset: false);

        private static async Task PumpAsync(Socket from, Socket to)
        {
            var buffer = new byte[16 * 1024];
            try
            {
                while (true)
                {
                    var read = await from.ReceiveAsync(buffer, SocketFlags.None);
                    if (read == 0)
                    {
                        to.Shutdown(SocketShutdown.Send);
                        return;
                    }

                    await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None);
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // The other pump or Reset closed the sockets.
            }
        }

        private void Close(bool reset)
        {
            if (Interlocked.Exchange(ref closed, 1) == 1)
            {
                return;
            }

            foreach (var socket in new[] { client, upstream })
            {
                if (reset)
                {
                    socket.LingerState = new LingerOption(true, 0);
                }

                socket.Close();
            }
        }
    }
}
