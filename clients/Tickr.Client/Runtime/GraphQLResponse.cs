using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tickr.Client;

/// <summary>
/// The result of an operation: the typed data and the GraphQL errors, as the server sent them. Expected business
/// failures are not errors: they are the typed <c>errors</c> of a mutation's payload, inside <see cref="Data"/>.
/// </summary>
public sealed class GraphQLResponse<T>
    where T : class
{
    public GraphQLResponse(T? data, IReadOnlyList<GraphQLClientError>? errors, JsonElement? extensions = null)
    {
        Data = data;
        Errors = errors ?? [];
        Extensions = extensions;
    }

    /// <summary>The data; null when the request failed as a whole (see <see cref="Errors"/>).</summary>
    public T? Data { get; }

    /// <summary>Request and field errors (empty on success). Field errors may come with partial data.</summary>
    public IReadOnlyList<GraphQLClientError> Errors { get; }

    public JsonElement? Extensions { get; }

    public bool HasErrors => Errors.Count > 0;

    /// <summary>The data when there are no errors; otherwise throws a <see cref="GraphQLClientException"/> carrying them.</summary>
    public T EnsureData() => Data is not null && Errors.Count == 0 ? Data : throw new GraphQLClientException(Errors);
}

/// <summary>One entry of a response's <c>errors</c>.</summary>
public sealed class GraphQLClientError
{
    [JsonPropertyName("message")]
    public string Message { get; init; } = "";

    [JsonPropertyName("locations")]
    public IReadOnlyList<GraphQLErrorLocation>? Locations { get; init; }

    /// <summary>Response path of the failed field: strings (keys) and numbers (list indices).</summary>
    [JsonPropertyName("path")]
    public IReadOnlyList<JsonElement>? Path { get; init; }

    [JsonPropertyName("extensions")]
    public IReadOnlyDictionary<string, JsonElement>? Extensions { get; init; }

    /// <summary><c>extensions.code</c>, e.g. UNAUTHENTICATED or GRAPHQL_VALIDATION_FAILED.</summary>
    [JsonIgnore]
    public string? Code => Extensions is not null && Extensions.TryGetValue("code", out var code) && code.ValueKind == JsonValueKind.String ? code.GetString() : null;

    public override string ToString() => Code is { } code ? $"{Message} ({code})" : Message;
}

public sealed record GraphQLErrorLocation([property: JsonPropertyName("line")] int Line, [property: JsonPropertyName("column")] int Column);

/// <summary>A response carried GraphQL errors where data was required.</summary>
public sealed class GraphQLClientException : Exception
{
    public GraphQLClientException(IReadOnlyList<GraphQLClientError> errors)
        : base(errors.Count == 0 ? "The response has no data." : string.Join("; ", errors.Select(e => e.ToString())))
    {
        Errors = errors;
    }

    public GraphQLClientException() : this([]) { }

    public GraphQLClientException(string message) : base(message) => Errors = [];

    public GraphQLClientException(string message, Exception innerException) : base(message, innerException) => Errors = [];

    public IReadOnlyList<GraphQLClientError> Errors { get; }
}

/// <summary>The server did not answer with a GraphQL response (e.g. a proxy's 502, a 401 without a body), or a socket failed for good.</summary>
public sealed class GraphQLTransportException : Exception
{
    public GraphQLTransportException(string message, int? statusCode = null, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
    }

    public GraphQLTransportException() : this("GraphQL transport failure") { }

    public GraphQLTransportException(string message) : this(message, null, null) { }

    public GraphQLTransportException(string message, Exception innerException) : this(message, null, innerException) { }

    /// <summary>HTTP status code, or the WebSocket close code.</summary>
    public int? StatusCode { get; }
}

[JsonSourceGenerationOptions]
[JsonSerializable(typeof(List<GraphQLClientError>))]
internal sealed partial class RuntimeJsonContext : JsonSerializerContext
{
}
