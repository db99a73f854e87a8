using System.Net.WebSockets;
using System.Text;

namespace Tickr.Bench.WsFanout;

/// <summary>
/// One graphql-transport-ws connection, on which the phases subscribe one after the other (operation ids differ
/// per phase). Its receive loop reports each <c>next</c> of the current operation to the current phase's
/// <see cref="Delivery"/> by the number that follows <see cref="Scenario.Marker"/> in the message; it does not
/// parse JSON, so the client spends as little of the shared CPU as possible per event.
/// </summary>
internal sealed class Subscriber : IAsyncDisposable
{
    private static readonly byte[] Next = Encoding.UTF8.GetBytes("\"type\":\"next\"");

    private readonly ClientWebSocket _socket = new();
    private readonly byte[] _buffer = new byte[16 * 1024];
    private readonly byte[] _marker;
    private readonly bool _counter;
    private Task? _receiveLoop;
    private volatile Phase? _phase;

    public Subscriber(byte[] marker, bool counter = false)
    {
        _marker = marker;
        _counter = counter;
    }

    private sealed class Phase(byte[] idField, Delivery delivery)
    {
        public byte[] IdField { get; } = idField;

        public Delivery Delivery { get; } = delivery;

        /// <summary>Counter mode: the highest sequence this subscriber has reported in this phase.</summary>
        public int Last = -1;
    }

    /// <summary>Opens the socket and completes the connection_init / connection_ack handshake.</summary>
    public async Task ConnectAsync(Uri url, string? initPayloadJson, CancellationToken cancellationToken)
    {
        _socket.Options.AddSubProtocol("graphql-transport-ws");
        // Idle means idle: no protocol pings from either side while memory and latency are measured.
        _socket.Options.KeepAliveInterval = TimeSpan.Zero;
        await _socket.ConnectAsync(url, cancellationToken);
        await SendAsync(initPayloadJson is null ? """{"type":"connection_init"}""" : $$"""{"type":"connection_init","payload":{{initPayloadJson}}}""", cancellationToken);
        var ack = await ReceiveTextAsync(cancellationToken);
        if (!ack.Contains("\"connection_ack\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Expected connection_ack, got {ack}");
        }
        _receiveLoop = ReceiveLoopAsync();
    }

    /// <summary>Starts operation <paramref name="id"/> (a subscribe message's payload JSON) reporting to <paramref name="delivery"/>.</summary>
    public Task SubscribeAsync(string id, string payloadJson, Delivery delivery, CancellationToken cancellationToken)
    {
        _phase = new Phase(Encoding.UTF8.GetBytes($"\"id\":\"{id}\""), delivery);
        return SendAsync($$"""{"id":"{{id}}","type":"subscribe","payload":{{payloadJson}}}""", cancellationToken);
    }

    /// <summary>Completes operation <paramref name="id"/>; its late messages are ignored.</summary>
    public Task CompleteAsync(string id, CancellationToken cancellationToken)
    {
        _phase = null;
        return SendAsync($$"""{"id":"{{id}}","type":"complete"}""", cancellationToken);
    }

    private async Task ReceiveLoopAsync()
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
            if (_phase is not { } phase)
            {
                continue; // between phases: a late message of a completed operation
            }
            var message = _buffer.AsSpan(0, length);
            if (message.IndexOf(phase.IdField) < 0)
            {
                continue; // a late message of the previous phase's operation
            }
            if (message.IndexOf(Next) >= 0 && message.IndexOf(_marker) is var at and >= 0)
            {
                long sequence = 0;
                for (var i = at + _marker.Length; i < length && message[i] is >= (byte)'0' and <= (byte)'9'; i++)
                {
                    sequence = sequence * 10 + (message[i] - '0');
                }
                if (_counter)
                {
                    phase.Delivery.ReceivedCounter(ref phase.Last, sequence);
                }
                else
                {
                    phase.Delivery.Received((int)sequence);
                }
            }
            else
            {
                phase.Delivery.Unexpected(Encoding.UTF8.GetString(message));
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
                throw new InvalidOperationException($"Message larger than the benchmark's {_buffer.Length}-byte buffer.");
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
