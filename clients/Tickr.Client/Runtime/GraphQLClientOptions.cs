namespace Tickr.Client;

/// <summary>Where the server is and how to authenticate; set through <c>services.AddTickrClient(o => …)</c>.</summary>
public sealed class GraphQLClientOptions
{
    /// <summary>The GraphQL endpoint, e.g. http://localhost:5080/graphql.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>The graphql-transport-ws endpoint; by default <see cref="Endpoint"/> with ws:// or wss://.</summary>
    public Uri? WebSocketEndpoint { get; set; }

    /// <summary>A bearer token sent with every request (Authorization: Bearer …) and in connection_init.</summary>
    public string? AccessToken { get; set; }

    /// <summary>
    /// Called before every request and every WebSocket (re)connection for the current bearer token (e.g. one that
    /// refreshes itself); takes precedence over <see cref="AccessToken"/>. Null or empty: no token.
    /// </summary>
    public Func<CancellationToken, ValueTask<string?>>? AccessTokenProvider { get; set; }

    /// <summary>A partner API key (tkr_…), sent as X-Api-Key.</summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// Send each operation's persisted id (documentId) instead of its text: the server must hold the generated
    /// persisted operations (Tickr:GraphQL:PersistedOperations:Directory).
    /// </summary>
    public bool UsePersistedOperations { get; set; }

    /// <summary>With persisted operations: when the server does not know an id, send the document instead (default true).</summary>
    public bool SendDocumentWhenPersistedNotFound { get; set; } = true;

    /// <summary>First delay before reconnecting a lost subscription socket; doubles up to <see cref="MaxReconnectDelay"/>.</summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Failed connection attempts in a row before active subscriptions fail (default 10).</summary>
    public int MaxReconnectAttempts { get; set; } = 10;

    /// <summary>How long the server may take to acknowledge connection_init.</summary>
    public TimeSpan ConnectionAckTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>WebSocket keep-alive pings; a connection whose pongs stop is treated as lost.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);

    internal async ValueTask<string?> GetAccessTokenAsync(CancellationToken cancellationToken) =>
        AccessTokenProvider is { } provider ? await provider(cancellationToken).ConfigureAwait(false) : AccessToken;

    internal Uri RequireEndpoint() =>
        Endpoint ?? throw new InvalidOperationException("GraphQLClientOptions.Endpoint is not set.");

    internal Uri GetWebSocketEndpoint()
    {
        if (WebSocketEndpoint is { } ws)
        {
            return ws;
        }
        var builder = new UriBuilder(RequireEndpoint());
        builder.Scheme = builder.Scheme == Uri.UriSchemeHttps ? "wss" : "ws";
        return builder.Uri;
    }
}
