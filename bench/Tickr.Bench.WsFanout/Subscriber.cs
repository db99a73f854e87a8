using System.Net.WebSockets;
using System.Text;

namespace Tickr.Bench.WsFanout;

/// <summary>
/// One graphql-transport-ws client with one <c>onMessage</c> subscription. Its receive loop reports each event's
/// sequence number to <see cref="Delivery"/>; it does not parse JSON, so the client spends as little of the shared
/// CPU as possible per event.
/// </summary>
internal sealed class Subscriber : IAsyncDisposable
{
    private static readonly byte[] Next = Encoding.UTF8.GetBytes("\"type\":\"next\"");
    private static readonly byte[] Marker = Encoding.UTF8.GetBytes(Delivery.TextPrefix);

    private readonly ClientWebSocket _socket = new();
    private readonly byte[] _buffer = new byte[512];
    private Task? _receiveLoop;

    /// <summary>Opens the socket and completes the connection_init / connection_ack handshake.</summary>
    public async Task ConnectAsync(Uri url, CancellationToken cancellationToken)
    {
        _socket.Options.AddSubProtocol("graphql-transport-ws");
        // Idle means idle: no protocol pings from either side while memory and latency are measured.
        _socket.Options.KeepAliveInterval = TimeSpan.Zero;
        await _socket.ConnectAsync(url, cancellationToken);
        await SendAsync("""{"type":"connection_init"}""", cancellationToken);
        var ack = await ReceiveTextAsync(cancellationToken);
        if (!ack.Contains("\"connection_ack\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Expected connection_ack, got {ack}");
        }
    }

    /// <summary>Starts the <c>onMessage</c> subscription and the loop reporting its events to <paramref name="delivery"/>.</summary>
    public async Task SubscribeAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        await SendAsync("""{"id":"1","type":"subscribe","payload":{"query":"subscription { onMessage }"}}""", cancellationToken);
        _receiveLoop = ReceiveLoopAsync(delivery);
    }

    private async Task ReceiveLoopAsync(Delivery delivery)
    {
        while (_socket.State == WebSocketState.Open)
        {
            int length;
            try
            {
                length = await ReceiveMessageAsync(CancellationToken.None);
            }
            catch (WebSocketException)
            {
                return;
            }
            if (length < 0)
            {
                return;
            }
            var message = _buffer.AsSpan(0, length);
            if (!message.IndexOf(Next).Equals(-1) && message.IndexOf(Marker) is var at and >= 0)
            {
                // "…msg-<sequence>"…: read the digits after the marker.
                var sequence = 0;
                for (var i = at + Marker.Length; i < length && message[i] is >= (byte)'0' and <= (byte)'9'; i++)
                {
                    sequence = sequence * 10 + (message[i] - '0');
                }
                delivery.Received(sequence);
            }
            else
            {
                delivery.Unexpected(Encoding.UTF8.GetString(message));
            }
        }
    }

    private async Task<string> ReceiveTextAsync(CancellationToken cancellationToken)
    {
        var length = await ReceiveMessageAsync(cancellationToken);
        return length < 0 ? "(closed)" : Encoding.UTF8.GetString(_buffer, 0, length);
    }

    /// <summary>One whole message into the buffer; its length, or -1 when the server closed the socket.</summary>
    private async Task<int> ReceiveMessageAsync(CancellationToken cancellationToken)
    {
        var length = 0;
        while (true)
        {
            var result = await _socket.ReceiveAsync(_buffer.AsMemory(length), cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return -1;
            }
            length += result.Count;
            if (result.EndOfMessage)
            {
                return length;
            }
            if (length == _buffer.Length)
            {
                throw new InvalidOperationException("Message larger than the benchmark's 512-byte buffer.");
            }
        }
    }

    private Task SendAsync(string text, CancellationToken cancellationToken) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(text).AsMemory(), WebSocketMessageType.Text, endOfMessage: true, cancellationToken).AsTask();

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
            }
            catch (WebSocketException)
            {
            }
        }
        if (_receiveLoop is not null)
        {
            await _receiveLoop;
        }
        _socket.Dispose();
    }
}
