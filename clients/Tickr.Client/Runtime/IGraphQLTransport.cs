using System.Text.Json.Serialization.Metadata;

namespace Tickr.Client;

/// <summary>Carries generated operations to the server. The generated client needs nothing else.</summary>
public interface IGraphQLTransport
{
    /// <summary>Runs a query or mutation.</summary>
    Task<GraphQLResponse<T>> ExecuteAsync<T>(GraphQLOperation operation, ReadOnlyMemory<byte>? variables, JsonTypeInfo<T> dataType, CancellationToken cancellationToken)
        where T : class;

    /// <summary>Runs a subscription: one response per event, until the server completes it or the caller stops.</summary>
    IAsyncEnumerable<GraphQLResponse<T>> SubscribeAsync<T>(GraphQLOperation operation, ReadOnlyMemory<byte>? variables, JsonTypeInfo<T> dataType, CancellationToken cancellationToken)
        where T : class;
}

/// <summary>HTTP for queries and mutations, graphql-transport-ws for subscriptions (one shared socket, opened on first use).</summary>
public sealed class GraphQLTransport : IGraphQLTransport, IAsyncDisposable, IDisposable
{
    private readonly HttpGraphQLTransport _http;
    private readonly WebSocketGraphQLTransport _ws;

    public GraphQLTransport(Func<HttpClient> httpClient, GraphQLClientOptions options)
    {
        _http = new HttpGraphQLTransport(httpClient, options);
        _ws = new WebSocketGraphQLTransport(options);
    }

    /// <summary>The subscription socket (e.g. to read how often it reconnected).</summary>
    public WebSocketGraphQLTransport WebSockets => _ws;

    public Task<GraphQLResponse<T>> ExecuteAsync<T>(GraphQLOperation operation, ReadOnlyMemory<byte>? variables, JsonTypeInfo<T> dataType, CancellationToken cancellationToken)
        where T : class =>
        operation.Kind == GraphQLOperationKind.Subscription
            ? throw new ArgumentException("Subscriptions run through SubscribeAsync.", nameof(operation))
            : _http.ExecuteAsync(operation, variables, dataType, cancellationToken);

    public IAsyncEnumerable<GraphQLResponse<T>> SubscribeAsync<T>(GraphQLOperation operation, ReadOnlyMemory<byte>? variables, JsonTypeInfo<T> dataType, CancellationToken cancellationToken)
        where T : class =>
        _ws.SubscribeAsync(operation, variables, dataType, cancellationToken);

    public ValueTask DisposeAsync() => _ws.DisposeAsync();

    public void Dispose() => _ws.DisposeAsync().AsTask().GetAwaiter().GetResult();
}
