using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tickr.GraphQL.AspNetCore.SharedSubscriptions;
using Tickr.GraphQL.Execution;

namespace Tickr.GraphQL.AspNetCore.WebSockets;

/// <summary>
/// One graphql-transport-ws connection: a receive loop that handles protocol messages in order, operations that run
/// concurrently, and one send loop draining a bounded queue, so a slow client only ever waits on itself.
/// </summary>
internal sealed class GraphQLWebSocketConnection
{
    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = true };

    private readonly WebSocket _socket;
    private readonly HttpContext _http;
    private readonly GraphQLRequestPipeline _pipeline;
    private readonly IServiceScopeFactory _scopes;
    private readonly IWebSocketAuthenticator[] _authenticators;
    private readonly ILogger _logger;
    private readonly WebSocketOptions _options;
    private readonly Channel<byte[]> _outgoing;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _operations = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _lifetime;
    private readonly TimeProvider _clock;
    // Closes the connection with 4403 at WebSocketConnectContext.ExpiresAt; started (by the receive loop) on ack.
    private Task _expiry = Task.CompletedTask;
    private Dictionary<string, object?> _connectionData = new(StringComparer.Ordinal);
    // Pending until connection_init or the init timeout claims it, whichever is first: an init read after the deadline
    // is ignored (the 4408 close is under way), and a deadline passing after the init was read does nothing. A plain
    // flag checked before closing let an init slip in between the check and the close: connection_ack, then 4408.
    private const int InitPending = 0, InitReceived = 1, InitTimedOut = 2;
    private int _initState = InitPending;
    private volatile bool _acknowledged;
    private int _closing;
    // Operations still running, plus one held by the connection itself until its receive loop ends: the connection
    // disposes _lifetime and lets the request (and its HttpContext, which operations see) end only once this drains.
    private int _running = 1;
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public GraphQLWebSocketConnection(WebSocket socket, HttpContext http, GraphQLRequestPipeline pipeline, IServiceScopeFactory scopes, IWebSocketAuthenticator[] authenticators, ILogger logger)
    {
        _socket = socket;
        _http = http;
        _pipeline = pipeline;
        _scopes = scopes;
        _authenticators = authenticators;
        _logger = logger;
        _options = pipeline.Options.WebSockets;
        _outgoing = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(Math.Max(1, _options.SendQueueCapacity))
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _lifetime = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        _clock = http.RequestServices?.GetService<TimeProvider>() ?? TimeProvider.System;
    }

    private bool IsClosing => Volatile.Read(ref _closing) != 0;

    public async Task RunAsync()
    {
        var sendLoop = SendLoopAsync();
        var initTimeout = InitTimeoutAsync();
        try
        {
            await ReceiveLoopAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
            // The client vanished; nothing left to say to it.
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "graphql-transport-ws connection failed");
            await CloseAsync(GraphQLWebSocketCloseCodes.InternalServerError, "Internal server error").ConfigureAwait(false);
        }
        finally
        {
            await _lifetime.CancelAsync().ConfigureAwait(false);
            await CancelOperationsAsync().ConfigureAwait(false);
            _outgoing.Writer.TryComplete();
            await sendLoop.ConfigureAwait(false);
            await initTimeout.ConfigureAwait(false);
            await _expiry.ConfigureAwait(false);
            // Cancelled operations finish their tail (release, 'complete', error path) with _lifetime still usable.
            OperationEnded();
            await _drained.Task.ConfigureAwait(false);
            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                _socket.Abort();
            }
            _lifetime.Dispose();
        }
    }

    private async Task InitTimeoutAsync()
    {
        try
        {
            await Task.Delay(_options.ConnectionInitTimeout, _lifetime.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        if (Interlocked.CompareExchange(ref _initState, InitTimedOut, InitPending) == InitPending)
        {
            await CloseAsync(GraphQLWebSocketCloseCodes.ConnectionInitialisationTimeout, "Connection initialisation timeout").ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Closes the connection with 4403 once <paramref name="expiresAt"/> is reached (the credentials it was
    /// authenticated with are no longer valid). CloseAsync marks the connection closing before cancelling operations,
    /// so nothing (no 'next', no 'complete') is sent after the deadline is acted on; the close frame is the last word.
    /// </summary>
    private async Task ExpireAtAsync(DateTimeOffset expiresAt)
    {
        try
        {
            // Task.Delay takes at most ~49 days; wait in steps, re-reading the clock each time.
            for (var remaining = expiresAt - _clock.GetUtcNow(); remaining > TimeSpan.Zero; remaining = expiresAt - _clock.GetUtcNow())
            {
                var step = remaining < TimeSpan.FromDays(1) ? remaining : TimeSpan.FromDays(1);
                await Task.Delay(step, _clock, _lifetime.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            return;
        }
        _logger.LogInformation("graphql-transport-ws connection expired at {ExpiresAt:O}; closing with 4403", expiresAt);
        await CloseAsync(GraphQLWebSocketCloseCodes.Forbidden, "Forbidden").ConfigureAwait(false);
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        while (_socket.State is WebSocketState.Open or WebSocketState.CloseSent)
        {
            buffer.ResetWrittenCount();
            ValueWebSocketReceiveResult received;
            var tooBig = false;
            do
            {
                received = await _socket.ReceiveAsync(buffer.GetMemory(4096), _lifetime.Token).ConfigureAwait(false);
                buffer.Advance(received.Count);
                if (buffer.WrittenCount > _options.MaxMessageSize)
                {
                    tooBig = true;
                    break;
                }
            }
            while (!received.EndOfMessage);

            if (received.MessageType == WebSocketMessageType.Close)
            {
                if (!IsClosing && _socket.State == WebSocketState.CloseReceived)
                {
                    await CloseAsync(WebSocketCloseStatus.NormalClosure, "").ConfigureAwait(false);
                }
                return;
            }
            if (IsClosing)
            {
                continue; // waiting for the client's close frame
            }
            if (tooBig)
            {
                await CloseAsync(WebSocketCloseStatus.MessageTooBig, "Message too big").ConfigureAwait(false);
                continue;
            }
            if (received.MessageType != WebSocketMessageType.Text)
            {
                await CloseAsync(GraphQLWebSocketCloseCodes.BadRequest, "Invalid message received: binary frames are not part of the protocol").ConfigureAwait(false);
                continue;
            }
            await HandleMessageAsync(buffer.WrittenMemory).ConfigureAwait(false);
        }
    }

    private async Task HandleMessageAsync(ReadOnlyMemory<byte> message)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(message);
        }
        catch (JsonException)
        {
            await CloseAsync(GraphQLWebSocketCloseCodes.BadRequest, "Invalid message received: not JSON").ConfigureAwait(false);
            return;
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var typeElement) || typeElement.ValueKind != JsonValueKind.String)
            {
                await CloseAsync(GraphQLWebSocketCloseCodes.BadRequest, "Invalid message received: missing 'type'").ConfigureAwait(false);
                return;
            }
            switch (typeElement.GetString())
            {
                case "connection_init":
                    await OnConnectionInitAsync(root).ConfigureAwait(false);
                    break;
                case "ping":
                    await EnqueueAsync(Message("pong", null, Payload(root)), _lifetime.Token).ConfigureAwait(false);
                    break;
                case "pong":
                    break;
                case "subscribe":
                    await OnSubscribeAsync(root).ConfigureAwait(false);
                    break;
                case "complete":
                    if (!TryGetId(root, out var id))
                    {
                        await CloseAsync(GraphQLWebSocketCloseCodes.BadRequest, "Invalid message received: 'complete' needs an 'id'").ConfigureAwait(false);
                        return;
                    }
                    // Completing an unknown or finished operation is allowed (the race is inherent to the protocol).
                    if (_operations.TryRemove(id, out var running))
                    {
                        await CancelOperationAsync(running).ConfigureAwait(false);
                    }
                    break;
                default:
                    await CloseAsync(GraphQLWebSocketCloseCodes.BadRequest, "Invalid message received: unknown 'type'").ConfigureAwait(false);
                    break;
            }
        }
    }

    private async Task OnConnectionInitAsync(JsonElement root)
    {
        switch (Interlocked.CompareExchange(ref _initState, InitReceived, InitPending))
        {
            case InitPending:
                break;
            case InitTimedOut:
                return; // too late: the connection is closing with 4408
            default:
                await CloseAsync(GraphQLWebSocketCloseCodes.TooManyInitialisationRequests, "Too many initialisation requests").ConfigureAwait(false);
                return;
        }
        var payload = Payload(root);
        if (payload is { ValueKind: not (JsonValueKind.Object or JsonValueKind.Null) })
        {
            await CloseAsync(GraphQLWebSocketCloseCodes.BadRequest, "Invalid message received: the payload must be an object").ConfigureAwait(false);
            return;
        }
        var data = new Dictionary<string, object?>(StringComparer.Ordinal);
        var connect = new WebSocketConnectContext(_http, payload?.ValueKind == JsonValueKind.Object ? payload.Value.Clone() : null, data);
        foreach (var authenticator in _authenticators)
        {
            if (!await authenticator.AuthenticateAsync(connect, _lifetime.Token).ConfigureAwait(false))
            {
                await CloseAsync(GraphQLWebSocketCloseCodes.Forbidden, "Forbidden").ConfigureAwait(false);
                return;
            }
        }
        if (connect.ExpiresAt is { } expiresAt && expiresAt <= _clock.GetUtcNow())
        {
            await CloseAsync(GraphQLWebSocketCloseCodes.Forbidden, "Forbidden").ConfigureAwait(false);
            return;
        }
        data[GraphQLContextKeys.User] = connect.User;
        data[GraphQLContextKeys.HttpContext] = _http;
        if (connect.Payload is { } p)
        {
            data[GraphQLContextKeys.ConnectionInitPayload] = p;
        }
        _connectionData = data;
        _acknowledged = true;
        JsonElement? ack = connect.AcknowledgementPayload is { } ackPayload ? JsonSerializer.SerializeToElement(ackPayload) : null;
        await EnqueueAsync(Message("connection_ack", null, ack), _lifetime.Token).ConfigureAwait(false);
        if (connect.ExpiresAt is { } expiry)
        {
            _expiry = ExpireAtAsync(expiry);
        }
    }

    private async Task OnSubscribeAsync(JsonElement root)
    {
        if (!_acknowledged)
        {
            await CloseAsync(GraphQLWebSocketCloseCodes.Unauthorized, "Unauthorized").ConfigureAwait(false);
            return;
        }
        if (!TryGetId(root, out var id) || Payload(root) is not { ValueKind: JsonValueKind.Object } payload
            || !Http.RequestParameterReader.TryRead(payload, out var parameters, out _))
        {
            await CloseAsync(GraphQLWebSocketCloseCodes.BadRequest, "Invalid message received: 'subscribe' needs an 'id' and a valid 'payload'").ConfigureAwait(false);
            return;
        }
        var cancellation = CancellationTokenSource.CreateLinkedTokenSource(_lifetime.Token);
        if (!_operations.TryAdd(id, cancellation))
        {
            cancellation.Dispose();
            var reason = $"Subscriber for {id} already exists";
            await CloseAsync(GraphQLWebSocketCloseCodes.SubscriberAlreadyExists, reason).ConfigureAwait(false);
            return;
        }
        if (_operations.Count > _options.MaxOperationsPerConnection)
        {
            _operations.TryRemove(new KeyValuePair<string, CancellationTokenSource>(id, cancellation));
            cancellation.Dispose();
            await EnqueueAsync(ErrorMessage(id, [new GraphQLError("Too many operations on this connection.", code: TransportErrorCodes.TooManyOperations)]), _lifetime.Token).ConfigureAwait(false);
            return;
        }
        // Only the receive loop starts operations, so none can start after RunAsync's final OperationEnded.
        Interlocked.Increment(ref _running);
        _ = RunOperationAsync(id, parameters, cancellation);
    }

    private async Task RunOperationAsync(string id, GraphQLRequestParameters parameters, CancellationTokenSource cancellation)
    {
        var token = cancellation.Token;
        try
        {
            var operation = await _pipeline.PrepareAsync(parameters, token).ConfigureAwait(false);
            if (!operation.IsValid)
            {
                // Request errors end the operation with one 'error' message and no 'complete' (protocol).
                if (Release(id, cancellation))
                {
                    await EnqueueAsync(ErrorMessage(id, operation.Errors!), _lifetime.Token).ConfigureAwait(false);
                }
                return;
            }
            await using var scope = _scopes.CreateAsyncScope();
            var contextData = new Dictionary<string, object?>(_connectionData, StringComparer.Ordinal);
            await foreach (var payload in _pipeline.StreamAsync(operation, scope.ServiceProvider, contextData, token).WithCancellation(token).ConfigureAwait(false))
            {
                await EnqueueAsync(NextMessage(id, payload), token).ConfigureAwait(false);
            }
            if (Release(id, cancellation))
            {
                await EnqueueAsync(Message("complete", id, null), _lifetime.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Completed by the client, or the connection is closing.
        }
        catch (ChannelClosedException)
        {
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "graphql-transport-ws operation {Id} failed", id);
            await CloseAsync(GraphQLWebSocketCloseCodes.InternalServerError, "Internal server error").ConfigureAwait(false);
        }
        finally
        {
            Release(id, cancellation);
            cancellation.Dispose();
            OperationEnded();
        }
    }

    private async Task CancelOperationsAsync()
    {
        foreach (var operation in _operations.Values)
        {
            await CancelOperationAsync(operation).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Cancels an operation that may be ending concurrently: _operations.Values is a snapshot, and an operation that
    /// finishes after it was taken releases its id and disposes its source. Such an operation needs no cancelling,
    /// and the ObjectDisposedException must not escape: out of CloseAsync it skipped the close frame (the socket was
    /// aborted with no close code), out of the receive loop it turned a 'complete' racing the operation's own end
    /// into a 4500.
    /// </summary>
    private static async Task CancelOperationAsync(CancellationTokenSource operation)
    {
        try
        {
            await operation.CancelAsync().ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            // The operation already ended.
        }
    }

    private void OperationEnded()
    {
        if (Interlocked.Decrement(ref _running) == 0)
        {
            _drained.TrySetResult();
        }
    }

    /// <summary>Frees the id (it may be reused once 'complete' is sent); false when the client already completed it.</summary>
    private bool Release(string id, CancellationTokenSource cancellation) =>
        _operations.TryRemove(new KeyValuePair<string, CancellationTokenSource>(id, cancellation));

    private ValueTask EnqueueAsync(byte[] message, CancellationToken cancellationToken) =>
        IsClosing ? ValueTask.CompletedTask : _outgoing.Writer.WriteAsync(message, cancellationToken);

    private async Task SendLoopAsync()
    {
        try
        {
            await foreach (var message in _outgoing.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                if (IsClosing)
                {
                    continue; // drain without sending: the close frame is the last word
                }
                await _sendLock.WaitAsync().ConfigureAwait(false);
                try
                {
                    using var timeout = new CancellationTokenSource(_options.SendTimeout);
                    await _socket.SendAsync(message, WebSocketMessageType.Text, true, timeout.Token).ConfigureAwait(false);
                }
                finally
                {
                    _sendLock.Release();
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            // A client that stopped reading (send timeout) or vanished: drop the connection, freeing its operations.
            _socket.Abort();
            await _lifetime.CancelAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Sends the close frame (once); the receive loop then waits for the client's close frame, at most 5 s.</summary>
    private async Task CloseAsync(int code, string reason) => await CloseAsync((WebSocketCloseStatus)code, reason).ConfigureAwait(false);

    private async Task CloseAsync(WebSocketCloseStatus status, string reason)
    {
        if (Interlocked.Exchange(ref _closing, 1) != 0)
        {
            return;
        }
        await CancelOperationsAsync().ConfigureAwait(false);
        // The reason of a close frame is at most 123 bytes.
        while (Encoding.UTF8.GetByteCount(reason) > 123)
        {
            reason = reason[..^1];
        }
        await _sendLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _socket.CloseOutputAsync(status, reason, timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            _socket.Abort();
        }
        finally
        {
            _sendLock.Release();
        }
        // Do not wait forever for a client that never answers the close frame.
        _lifetime.CancelAfter(TimeSpan.FromSeconds(5));
    }

    private static bool TryGetId(JsonElement root, out string id)
    {
        id = "";
        if (root.TryGetProperty("id", out var element) && element.ValueKind == JsonValueKind.String && element.GetString() is { Length: > 0 } value)
        {
            id = value;
            return true;
        }
        return false;
    }

    private static JsonElement? Payload(JsonElement root) =>
        root.TryGetProperty("payload", out var payload) && payload.ValueKind != JsonValueKind.Undefined ? payload : null;

    private static byte[] Message(string type, string? id, JsonElement? payload)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (id is not null)
            {
                writer.WriteString("id", id);
            }
            writer.WriteString("type", type);
            if (payload is { ValueKind: not JsonValueKind.Null } p)
            {
                writer.WritePropertyName("payload");
                p.WriteTo(writer);
            }
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// <c>{"id":…,"type":"next","payload":…}</c>; a shared payload's bytes are copied into the envelope as they are
    /// (serialized once for its whole group).
    /// </summary>
    private static byte[] NextMessage(string id, SubscriptionPayload payload)
    {
        var buffer = new ArrayBufferWriter<byte>(payload.IsShared ? payload.Json.Length + id.Length + 40 : 256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("id", id);
            writer.WriteString("type", "next");
            writer.WritePropertyName("payload");
            payload.WriteTo(writer);
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static byte[] ErrorMessage(string id, IReadOnlyList<GraphQLError> errors)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("id", id);
            writer.WriteString("type", "error");
            writer.WritePropertyName("payload");
            writer.WriteStartArray();
            foreach (var error in errors)
            {
                ExecutionResultWriter.WriteError(writer, error);
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
