namespace Tickr.GraphQL.AspNetCore;

/// <summary>graphql-transport-ws settings (per connection).</summary>
public sealed class WebSocketOptions
{
    /// <summary>Time a client has to send <c>connection_init</c> before the socket is closed with 4408.</summary>
    public TimeSpan ConnectionInitTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Interval of WebSocket protocol-level pings that keep idle connections open through proxies.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Outgoing messages queued per connection. When the queue is full the connection's own operations wait
    /// (their bus queues then drop old events), so a slow client never holds up another connection.
    /// </summary>
    public int SendQueueCapacity { get; set; } = 128;

    /// <summary>A single send that takes longer than this aborts the connection (a client that stopped reading).</summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Largest incoming message in bytes; larger ones close the connection with 1009.</summary>
    public int MaxMessageSize { get; set; } = 1024 * 1024;

    /// <summary>Operations running at once on one connection; more get an <c>error</c> message.</summary>
    public int MaxOperationsPerConnection { get; set; } = 100;
}
