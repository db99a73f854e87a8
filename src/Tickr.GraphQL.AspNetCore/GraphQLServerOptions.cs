using Tickr.GraphQL.Validation;

namespace Tickr.GraphQL.AspNetCore;

/// <summary>Limits and switches of the GraphQL endpoint (HTTP, WebSocket and SSE transports alike).</summary>
public sealed class GraphQLServerOptions
{
    /// <summary>Largest accepted request body (POST) in bytes; larger bodies get 413. Default 1 MiB.</summary>
    public long MaxRequestBodySize { get; set; } = 1024 * 1024;

    /// <summary>Parser token limit: a document with more tokens is refused before it is parsed further.</summary>
    public int MaxTokens { get; set; } = 15_000;

    /// <summary>Depth, alias, field-count and cost limits plus application rules, run with the spec rules.</summary>
    public ValidationOptions Validation { get; set; } = new() { MaxDepth = 15, MaxAliases = 30, MaxCost = 10_000 };

    /// <summary>Time an operation (query, mutation, or one subscription event) may run. Null: no limit.</summary>
    public TimeSpan? ExecutionTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Show exception messages of unexpected errors to clients. Null (default): only when the host environment is
    /// Development.
    /// </summary>
    public bool? IncludeExceptionDetails { get; set; }

    /// <summary>Accept queries over GET (mutations are never run over GET: 405).</summary>
    public bool EnableGetRequests { get; set; } = true;

    /// <summary>Serve the schema SDL at <c>GET {path}?sdl</c>.</summary>
    public bool EnableSdlEndpoint { get; set; } = true;

    /// <summary>Serve GraphQL over SSE (graphql-sse distinct connections mode) to <c>Accept: text/event-stream</c>.</summary>
    public bool EnableServerSentEvents { get; set; } = true;

    /// <summary>Serve graphql-transport-ws on the endpoint's path.</summary>
    public bool EnableWebSockets { get; set; } = true;

    /// <summary>
    /// Parsed and validated documents the engine keeps, by query text (the least recently used are dropped when it is
    /// full; syntax errors are never kept). Zero disables the cache.
    /// </summary>
    public int DocumentCacheSize { get; set; } = 1000;

    /// <summary>Persisted operations (stored documents by id, automatic persisted queries).</summary>
    public PersistedOperationOptions PersistedOperations { get; } = new();

    /// <summary>graphql-transport-ws settings.</summary>
    public WebSocketOptions WebSockets { get; } = new();

    /// <summary>
    /// Shared execution of subscription fields declared shareable (<c>[SharedSubscription]</c>,
    /// <c>OutputField.Sharing</c>): on by default; the per-member queue bound.
    /// </summary>
    public SharedSubscriptions.SharedSubscriptionOptions SharedSubscriptions { get; } = new();

    /// <summary>Interval of SSE keep-alive comments (proxies close idle streams).</summary>
    public TimeSpan SseKeepAliveInterval { get; set; } = TimeSpan.FromSeconds(12);
}
