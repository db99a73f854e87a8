using System.Buffers;
using System.Globalization;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading.Channels;

namespace Tickr.Client;

/// <summary>
/// Subscriptions over graphql-transport-ws: one socket shared by every active subscription, opened on first use and
/// closed when the last one ends. A lost socket is reopened with exponential back-off (a fresh token from the provider
/// each time) and every active subscription is subscribed again under its id, so a consumer's stream simply goes on.
/// </summary>
public sealed class WebSocketGraphQLTransport : IAsyncDisposable
{
    private const string SubProtocol = "graphql-transport-ws";

    private readonly GraphQLClientOptions _options;
    private readonly Func<CancellationToken, ValueTask<WebSocket>>? _connect;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Subscription> _subscriptions = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _send = new(1, 1);
    private readonly CancellationTokenSource _disposed = new();
    private WebSocket? _socket;
    private Task? _runner;
    private long _nextId;

    /// <param name="options">Endpoint, credentials and reconnection settings.</param>
    /// <param name="connect">Opens the socket (tests, custom handshakes); by default a ClientWebSocket to the options' endpoint.</param>
    public WebSocketGraphQLTransport(GraphQLClientOptions options, Func<CancellationToken, ValueTask<WebSocket>>? connect = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _connect = connect;
    }

    /// <summary>How many times a socket was opened and acknowledged (1 for a connection never lost).</summary>
    public int Connections { get; private set; }

    public async IAsyncEnumerable<GraphQLResponse<T>> SubscribeAsync<T>(GraphQLOperation operation, ReadOnlyMemory<byte>? variables, JsonTypeInfo<T> dataType,
        [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(dataType);
        ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
        var subscription = new Subscription(
            Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture),
            operation, variables, _options.UsePersistedOperations);
        WebSocket? socket;
        lock (_gate)
        {
            _subscriptions.Add(subscription.Id, subscription);
            socket = _socket;
            _runner ??= Task.Run(RunAsync);
        }
        try
        {
            if (socket is not null)
            {
                await TrySendAsync(socket, subscription.SubscribeMessage(), cancellationToken).ConfigureAwait(false);
            }
            await foreach (var message in subscription.Messages.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                switch (message.Type)
                {
                    case "next":
                        yield return GraphQLWire.Response(message.Payload.Span, dataType);
                        break;
                    case "error":
                        yield return GraphQLWire.Errors<T>(message.Payload.Span);
                        yield break;
                    default:
                        yield break;
                }
            }
        }
        finally
        {
            bool last;
            lock (_gate)
            {
                _subscriptions.Remove(subscription.Id);
                socket = _socket;
                last = _subscriptions.Count == 0;
            }
            if (socket is not null)
            {
                if (!subscription.Ended)
                {
                    await TrySendAsync(socket, Message("complete", subscription.Id), CancellationToken.None).ConfigureAwait(false);
                }
                if (last)
                {
                    await CloseAsync(socket).ConfigureAwait(false);
                }
            }
        }
    }

    /// <summary>Keeps a socket open while subscriptions exist: connect, (re)subscribe, read, and on loss start over.</summary>
    private async Task RunAsync()
    {
        var failures = 0;
        var delay = _options.ReconnectDelay;
        while (!_disposed.IsCancellationRequested)
        {
            lock (_gate)
            {
                if (_subscriptions.Count == 0)
                {
                    _runner = null;
                    return;
                }
            }
            WebSocket socket;
            try
            {
                socket = await ConnectAsync(_disposed.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (!_disposed.IsCancellationRequested)
            {
                if (++failures >= _options.MaxReconnectAttempts)
                {
                    FailAll(new GraphQLTransportException($"The subscription socket could not be opened after {failures} attempts.", (ex as GraphQLTransportException)?.StatusCode, ex));
                    continue;
                }
                await Delay(delay).ConfigureAwait(false);
                delay = Next(delay);
                continue;
            }
            catch (Exception)
            {
                return;
            }
            failures = 0;
            delay = _options.ReconnectDelay;
            Connections++;

            List<Subscription> active;
            lock (_gate)
            {
                _socket = socket;
                active = [.. _subscriptions.Values];
            }
            foreach (var subscription in active)
            {
                await TrySendAsync(socket, subscription.SubscribeMessage(), _disposed.Token).ConfigureAwait(false);
            }

            var closeStatus = await ReceiveAsync(socket).ConfigureAwait(false);
            lock (_gate)
            {
                _socket = null;
            }
            socket.Dispose();
            if (closeStatus is 4400 or 4406 or 4409)
            {
                // The server will refuse the same request again: a client bug, not a lost connection.
                FailAll(new GraphQLTransportException($"The server closed the subscription socket ({closeStatus}: {socket.CloseStatusDescription}).", closeStatus));
            }
            else
            {
                await Delay(delay).ConfigureAwait(false);
            }
        }
    }

    private async Task<WebSocket> ConnectAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.ConnectionAckTimeout);
        var token = await _options.GetAccessTokenAsync(timeout.Token).ConfigureAwait(false);
        WebSocket socket;
        if (_connect is not null)
        {
            socket = await _connect(timeout.Token).ConfigureAwait(false);
        }
        else
        {
            var client = new ClientWebSocket();
            client.Options.AddSubProtocol(SubProtocol);
            client.Options.KeepAliveInterval = _options.KeepAliveInterval;
            client.Options.KeepAliveTimeout = _options.KeepAliveInterval;
            if (token is { Length: > 0 })
            {
                client.Options.SetRequestHeader("Authorization", "Bearer " + token);
            }
            if (_options.ApiKey is { Length: > 0 } apiKey)
            {
                client.Options.SetRequestHeader("X-Api-Key", apiKey);
            }
            try
            {
                await client.ConnectAsync(_options.GetWebSocketEndpoint(), timeout.Token).ConfigureAwait(false);
            }
            catch
            {
                client.Dispose();
                throw;
            }
            socket = client;
        }
        try
        {
            await SendAsync(socket, InitMessage(token), timeout.Token).ConfigureAwait(false);
            var buffer = new ArrayBufferWriter<byte>(256);
            while (true)
            {
                if (!await ReadMessageAsync(socket, buffer, timeout.Token).ConfigureAwait(false))
                {
                    throw new GraphQLTransportException($"The server closed the socket before acknowledging the connection ({(int?)socket.CloseStatus}: {socket.CloseStatusDescription}).", (int?)socket.CloseStatus);
                }
                var (type, _, _) = Parse(buffer.WrittenMemory);
                if (type == "connection_ack")
                {
                    return socket;
                }
                if (type == "ping")
                {
                    await SendAsync(socket, Message("pong", null), timeout.Token).ConfigureAwait(false);
                }
            }
        }
        catch
        {
            socket.Abort();
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Reads until the socket closes or fails; returns the close status (null for a failure).</summary>
    private async Task<int?> ReceiveAsync(WebSocket socket)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        try
        {
            while (await ReadMessageAsync(socket, buffer, _disposed.Token).ConfigureAwait(false))
            {
                var (type, id, payload) = Parse(buffer.WrittenMemory);
                switch (type)
                {
                    case "ping":
                        await TrySendAsync(socket, Message("pong", null), _disposed.Token).ConfigureAwait(false);
                        break;
                    case "next" or "error" or "complete" when id is not null:
                        Subscription? subscription;
                        lock (_gate)
                        {
                            _subscriptions.TryGetValue(id, out subscription);
                        }
                        if (subscription is not null)
                        {
                            if (type != "next")
                            {
                                subscription.Ended = true;
                            }
                            subscription.Messages.Writer.TryWrite(new Received(type, payload));
                            if (type != "next")
                            {
                                subscription.Messages.Writer.TryComplete();
                            }
                        }
                        break;
                }
            }
            return (int?)socket.CloseStatus;
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or JsonException or IOException)
        {
            return null;
        }
    }

    private static async Task<bool> ReadMessageAsync(WebSocket socket, ArrayBufferWriter<byte> buffer, CancellationToken cancellationToken)
    {
        buffer.ResetWrittenCount();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.GetMemory(4096), cancellationToken).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                if (socket.State == WebSocketState.CloseReceived)
                {
                    try
                    {
                        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).ConfigureAwait(false);
                    }
                    catch (WebSocketException)
                    {
                    }
                }
                return false;
            }
            buffer.Advance(result.Count);
            if (result.EndOfMessage)
            {
                return true;
            }
        }
    }

    private static (string? Type, string? Id, ReadOnlyMemory<byte> Payload) Parse(ReadOnlyMemory<byte> message)
    {
        using var document = JsonDocument.Parse(message);
        var root = document.RootElement;
        var type = root.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        var id = root.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;
        var payload = root.TryGetProperty("payload", out var p) ? JsonSerializer.SerializeToUtf8Bytes(p, RuntimeWsJsonContext.Default.JsonElement) : [];
        return (type, id, payload);
    }

    private void FailAll(Exception error)
    {
        List<Subscription> failed;
        lock (_gate)
        {
            failed = [.. _subscriptions.Values];
        }
        foreach (var subscription in failed)
        {
            subscription.Ended = true;
            subscription.Messages.Writer.TryComplete(error);
        }
    }

    private async Task TrySendAsync(WebSocket socket, byte[] message, CancellationToken cancellationToken)
    {
        try
        {
            await SendAsync(socket, message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            // The socket is going away: the receive loop notices, reconnects and subscribes again.
        }
    }

    private async Task SendAsync(WebSocket socket, byte[] message, CancellationToken cancellationToken)
    {
        await _send.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _send.Release();
        }
    }

    private async Task CloseAsync(WebSocket socket)
    {
        try
        {
            await _send.WaitAsync().ConfigureAwait(false);
            try
            {
                if (socket.State == WebSocketState.Open)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "no more subscriptions", CancellationToken.None).ConfigureAwait(false);
                }
            }
            finally
            {
                _send.Release();
            }
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException)
        {
        }
    }

    private async Task Delay(TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay, _disposed.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private TimeSpan Next(TimeSpan delay) =>
        TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxReconnectDelay.Ticks));

    private byte[] InitMessage(string? token)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type"u8, "connection_init"u8);
            writer.WriteStartObject("payload"u8);
            if (token is { Length: > 0 })
            {
                writer.WriteString("Authorization"u8, "Bearer " + token);
            }
            if (_options.ApiKey is { Length: > 0 } apiKey)
            {
                writer.WriteString("X-Api-Key"u8, apiKey);
            }
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static byte[] Message(string type, string? id)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (id is not null)
            {
                writer.WriteString("id"u8, id);
            }
            writer.WriteString("type"u8, type);
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed.IsCancellationRequested)
        {
            return;
        }
        await _disposed.CancelAsync().ConfigureAwait(false);
        WebSocket? socket;
        Task? runner;
        lock (_gate)
        {
            socket = _socket;
            runner = _runner;
        }
        socket?.Abort();
        FailAll(new ObjectDisposedException(nameof(WebSocketGraphQLTransport)));
        if (runner is not null)
        {
            try
            {
                await runner.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }
        _disposed.Dispose();
        _send.Dispose();
    }

    private readonly record struct Received(string Type, ReadOnlyMemory<byte> Payload);

    private sealed class Subscription(string id, GraphQLOperation operation, ReadOnlyMemory<byte>? variables, bool persisted)
    {
        private byte[]? _subscribe;

        public string Id { get; } = id;

        public Channel<Received> Messages { get; } = Channel.CreateUnbounded<Received>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

        /// <summary>The server completed or failed it: no complete message is owed.</summary>
        public bool Ended { get; set; }

        public byte[] SubscribeMessage()
        {
            if (_subscribe is not null)
            {
                return _subscribe;
            }
            var buffer = new ArrayBufferWriter<byte>(operation.Document.Length + 128);
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WriteString("id"u8, Id);
                writer.WriteString("type"u8, "subscribe"u8);
                writer.WritePropertyName("payload"u8);
                writer.WriteRawValue(GraphQLWire.Request(operation, variables, persisted), skipInputValidation: true);
                writer.WriteEndObject();
            }
            return _subscribe = buffer.WrittenSpan.ToArray();
        }
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(JsonElement))]
internal sealed partial class RuntimeWsJsonContext : System.Text.Json.Serialization.JsonSerializerContext
{
}
