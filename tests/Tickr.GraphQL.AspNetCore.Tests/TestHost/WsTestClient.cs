using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Tickr.GraphQL.AspNetCore.Tests.TestHost;

/// <summary>A raw graphql-transport-ws client over ClientWebSocket, for protocol edge cases.</summary>
public sealed class WsTestClient(ClientWebSocket socket) : IAsyncDisposable
{
    public ClientWebSocket Socket { get; } = socket;

    public static async Task<WsTestClient> ConnectAsync(GraphQLTestServer server, string? subProtocol = "graphql-transport-ws") =>
        new(await server.ConnectWebSocketAsync(subProtocol));

    public Task SendAsync(string text) =>
        Socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    public Task SendAsync(object message) => SendAsync(JsonSerializer.Serialize(message));

    public async Task InitAsync(string token = "good-token")
    {
        await SendAsync(new { type = "connection_init", payload = new { Authorization = "Bearer " + token } });
        var ack = await ReceiveAsync();
        Assert.True(ack is not null, $"expected connection_ack, but the server closed the socket: {Describe()}");
        Assert.Equal("connection_ack", ack.Value.GetProperty("type").GetString());
    }

    private Task<JsonElement?>? _pending;

    /// <summary>The next message, or null when the server closed the socket. Fails after the timeout.</summary>
    public async Task<JsonElement?> ReceiveAsync(TimeSpan? timeout = null)
    {
        var (received, message) = await TryReceiveAsync(timeout ?? TimeSpan.FromSeconds(10));
        Assert.True(received, "no message within the timeout");
        return message;
    }

    /// <summary>
    /// Waits up to <paramref name="timeout"/> for a message. A receive that times out stays pending for the next call:
    /// cancelling a ClientWebSocket receive would abort the socket.
    /// </summary>
    public async Task<(bool Received, JsonElement? Message)> TryReceiveAsync(TimeSpan timeout)
    {
        _pending ??= ReadMessageAsync();
        if (await Task.WhenAny(_pending, Task.Delay(timeout)) != _pending)
        {
            return (false, null);
        }
        var task = _pending;
        _pending = null;
        return (true, await task);
    }

    private async Task<JsonElement?> ReadMessageAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = await Socket.ReceiveAsync(buffer, CancellationToken.None);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }
            message.Write(buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);
        return JsonDocument.Parse(message.ToArray()).RootElement.Clone();
    }

    /// <summary>
    /// Reads until the server closes; returns its close code and reason. Fails with the socket's state, the messages
    /// read meanwhile and the receive exception when the socket ends without a close frame (an abort, a reset).
    /// </summary>
    public async Task<(int Code, string? Reason)> ReceiveCloseAsync(TimeSpan? timeout = null)
    {
        var seen = new List<string>();
        try
        {
            while (await ReceiveAsync(timeout) is { } message)
            {
                seen.Add(message.GetRawText());
            }
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or ObjectDisposedException)
        {
            Assert.Fail($"the socket ended without a close frame: {Describe()}; received before: [{string.Join(", ", seen)}]; {ex.GetType().Name}: {ex.Message}");
        }
        if (Socket.CloseStatus is not { } status)
        {
            Assert.Fail($"a close message without a close status: {Describe()}; received before: [{string.Join(", ", seen)}]");
            throw new InvalidOperationException(); // unreachable: Assert.Fail throws
        }
        return ((int)status, Socket.CloseStatusDescription);
    }

    /// <summary>The socket's state and close status, for failure messages.</summary>
    public string Describe() =>
        $"state {Socket.State}, close status {(Socket.CloseStatus is { } s ? ((int)s).ToString(System.Globalization.CultureInfo.InvariantCulture) : "none")}, " +
        $"description '{Socket.CloseStatusDescription}'";

    public async ValueTask DisposeAsync()
    {
        if (Socket.State == WebSocketState.Open)
        {
            try
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await Socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "", cts.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
            }
        }
        Socket.Dispose();
    }
}
