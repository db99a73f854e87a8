using System.Net.WebSockets;
using System.Text.Json;
using Tickr.GraphQL.AspNetCore.Tests.TestHost;

namespace Tickr.GraphQL.AspNetCore.Tests.Cluster;

/// <summary>One graphql-transport-ws connection to a node carrying one subscription operation.</summary>
public sealed class ClusterSubscriber : IAsyncDisposable
{
    private const string OperationId = "s";
    private readonly WsTestClient _client;
    private readonly string _field;

    private ClusterSubscriber(ClusterNode node, WsTestClient client, string field)
    {
        Node = node;
        _client = client;
        _field = field;
    }

    public ClusterNode Node { get; }

    public WebSocketState State => _client.Socket.State;

    public static async Task<ClusterSubscriber> StartAsync(ClusterNode node, string query, string field, string topic)
    {
        var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol("graphql-transport-ws");
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            await socket.ConnectAsync(node.WebSocketUri, timeout.Token);
        }

        var client = new WsTestClient(socket);
        await client.SendAsync(new { type = "connection_init" });
        Assert.Equal("connection_ack", Type(await client.ReceiveAsync()));
        await client.SendAsync(new { type = "subscribe", id = OperationId, payload = new { query, variables = new { topic } } });
        return new ClusterSubscriber(node, client, field);
    }

    /// <summary>The next event's value; fails on any other message, on close, or when nothing comes within the guard timeout.</summary>
    public async Task<string> NextAsync(TimeSpan? timeout = null)
    {
        var message = await _client.ReceiveAsync(timeout ?? TimeSpan.FromSeconds(10));
        Assert.True(message is not null, $"the server closed the subscription on {Node.Name} ({_client.Socket.CloseStatus})");
        Assert.True(Type(message) == "next", $"expected next on {Node.Name}, got {message}");
        Assert.Equal(OperationId, message!.Value.GetProperty("id").GetString());
        // TrimEnd: onBlob pads the text with spaces; no test message ends with one.
        return message.Value.GetProperty("payload").GetProperty("data").GetProperty(_field).GetString()!.TrimEnd(' ');
    }

    /// <summary>Every event before <paramref name="marker"/> (see <see cref="ClusterSync.PublishMarkerAsync"/>), in arrival order.</summary>
    public async Task<List<string>> ReceiveUntilAsync(string marker)
    {
        var received = new List<string>();
        for (var value = await NextAsync(); value != marker; value = await NextAsync())
        {
            received.Add(value);
        }

        return received;
    }

    /// <summary>graphql-ws ping: the pong must be the very next message (so nothing else was pending), and proves the socket is alive.</summary>
    public async Task PingAsync()
    {
        await _client.SendAsync(new { type = "ping" });
        var message = await _client.ReceiveAsync();
        Assert.True(Type(message) == "pong", $"expected pong on {Node.Name}, got {message?.ToString() ?? "close"}");
    }

    public ValueTask DisposeAsync() => _client.DisposeAsync();

    private static string? Type(JsonElement? message) => message?.GetProperty("type").GetString();
}
