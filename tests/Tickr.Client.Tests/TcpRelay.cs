using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Tickr.Client.Tests;

/// <summary>
/// A loopback TCP relay in front of a server: <see cref="Drop"/> resets every relayed connection at once, as a lost
/// network does (no close frame, no protocol goodbye), while the server itself keeps running.
/// </summary>
public sealed class TcpRelay : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _target;
    private readonly ConcurrentBag<(TcpClient, TcpClient)> _pairs = [];
    private readonly CancellationTokenSource _stop = new();

    public TcpRelay(int targetPort)
    {
        _target = targetPort;
        _listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int Accepted { get; private set; }

    public void Drop()
    {
        while (_pairs.TryTake(out var pair))
        {
            Reset(pair.Item1);
            Reset(pair.Item2);
        }
    }

    private static void Reset(TcpClient client)
    {
        try
        {
            client.Client.LingerState = new LingerOption(true, 0); // RST, not FIN
            client.Close();
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient inbound;
            try
            {
                inbound = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            Accepted++;
            var outbound = new TcpClient();
            await outbound.ConnectAsync(IPAddress.Loopback, _target);
            _pairs.Add((inbound, outbound));
            _ = PumpAsync(inbound, outbound);
            _ = PumpAsync(outbound, inbound);
        }
    }

    private static async Task PumpAsync(TcpClient from, TcpClient to)
    {
        try
        {
            await from.GetStream().CopyToAsync(to.GetStream());
            to.Client.Shutdown(SocketShutdown.Send);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            Reset(from);
            Reset(to);
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        Drop();
        _stop.Dispose();
    }
}
