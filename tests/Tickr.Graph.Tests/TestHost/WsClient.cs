using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Tickr.Graph.Tests.TestHost;

/// <summary>A small graphql-transport-ws client over ClientWebSocket.</summary>
public sealed class WsClient : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private Task<JsonElement?>? _pending;

    private WsClient()
    {
    }

    public ClientWebSocket Socket => _socket;

    /// <param name="httpAddress">The server's HTTP address.</param>
    /// <param name="authorization">An <c>Authorization</c> header for the upgrade request (non-browser clients can send one).</param>
    public static async Task<WsClient> ConnectAsync(Uri httpAddress, string? authorization = null)
    {
        var client = new WsClient();
        client._socket.Options.AddSubProtocol("graphql-transport-ws");
        if (authorization is not null)
        {
            client._socket.Options.SetRequestHeader("Authorization", authorization);
        }
        var uri = new UriBuilder(httpAddress) { Scheme = httpAddress.Scheme == "https" ? "wss" : "ws", Path = "/graphql" }.Uri;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await client._socket.ConnectAsync(uri, cts.Token);
        return client;
    }

    public Task SendAsync(object message) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(message)), WebSocketMessageType.Text, true, CancellationToken.None);

    public Task InitAsync(object? payload) => SendAsync(new { type = "connection_init", payload });

    public Task SubscribeAsync(string id, string query) => SendAsync(new { id, type = "subscribe", payload = new { query } });

    /// <summary>The next message, or null when the server closed the socket.</summary>
    public async Task<JsonElement?> ReceiveAsync(TimeSpan? timeout = null)
    {
        // A timed-out receive stays pending for the next call: cancelling a ClientWebSocket receive aborts the socket.
        _pending ??= ReadAsync();
        var winner = await Task.WhenAny(_pending, Task.Delay(timeout ?? TimeSpan.FromSeconds(10)));
        Assert.True(winner == _pending, "no message from the server within the timeout");
        var task = _pending;
        _pending = null;
        return await task;
    }

    /// <summary>Whether a message (or the close) arrives within <paramref name="timeout"/>; it stays unread for the next receive.</summary>
    public async Task<bool> HasMessageWithinAsync(TimeSpan timeout)
    {
        _pending ??= ReadAsync();
        return await Task.WhenAny(_pending, Task.Delay(timeout)) == _pending;
    }

    /// <summary>The next message that is not a ping/pong.</summary>
    public async Task<JsonElement> ReceiveMessageAsync()
    {
        while (true)
        {
            var message = await ReceiveAsync() ?? throw new InvalidOperationException(
                $"The server closed the socket: {_socket.CloseStatus} {_socket.CloseStatusDescription}");
            if (message.GetProperty("type").GetString() is not ("ping" or "pong"))
            {
                return message;
            }
        }
    }

    /// <summary>Reads until the server closes; returns its close code.</summary>
    public async Task<int> ReceiveCloseAsync()
    {
        while (await ReceiveAsync() is not null)
        {
        }
        return (int)_socket.CloseStatus!.Value;
    }

    private async Task<JsonElement?> ReadAsync()
    {
        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = await _socket.ReceiveAsync(buffer, CancellationToken.None);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }
            message.Write(buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);
        return JsonDocument.Parse(message.ToArray()).RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "", cts.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
            }
        }
        _socket.Dispose();
    }
}
