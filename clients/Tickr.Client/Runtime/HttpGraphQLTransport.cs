using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Tickr.Client;

/// <summary>GraphQL over HTTP: a POST per operation, answered as application/graphql-response+json (or application/json).</summary>
public sealed class HttpGraphQLTransport
{
    private static readonly MediaTypeWithQualityHeaderValue GraphQLResponseJson = new("application/graphql-response+json");
    private static readonly MediaTypeWithQualityHeaderValue Json = new("application/json", 0.9);
    private readonly Func<HttpClient> _httpClient;
    private readonly GraphQLClientOptions _options;

    /// <param name="httpClient">Gives the HttpClient of each request (IHttpClientFactory's CreateClient): not disposed here.</param>
    /// <param name="options">Endpoint, credentials and persisted-operation mode.</param>
    public HttpGraphQLTransport(Func<HttpClient> httpClient, GraphQLClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        _httpClient = httpClient;
        _options = options;
    }

    public async Task<GraphQLResponse<T>> ExecuteAsync<T>(GraphQLOperation operation, ReadOnlyMemory<byte>? variables, JsonTypeInfo<T> dataType, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(dataType);
        var persisted = _options.UsePersistedOperations;
        var response = await SendAsync(operation, variables, dataType, persisted, cancellationToken).ConfigureAwait(false);
        if (persisted && _options.SendDocumentWhenPersistedNotFound && response.Data is null
            && response.Errors.Count == 1 && response.Errors[0].Code == "PERSISTED_QUERY_NOT_FOUND")
        {
            response = await SendAsync(operation, variables, dataType, persisted: false, cancellationToken).ConfigureAwait(false);
        }
        return response;
    }

    private async Task<GraphQLResponse<T>> SendAsync<T>(GraphQLOperation operation, ReadOnlyMemory<byte>? variables, JsonTypeInfo<T> dataType, bool persisted, CancellationToken cancellationToken)
        where T : class
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _options.RequireEndpoint())
        {
            Content = new ByteArrayContent(GraphQLWire.Request(operation, variables, persisted)),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Accept.Add(GraphQLResponseJson);
        request.Headers.Accept.Add(Json);
        if (await _options.GetAccessTokenAsync(cancellationToken).ConfigureAwait(false) is { Length: > 0 } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        if (_options.ApiKey is { Length: > 0 } apiKey)
        {
            request.Headers.TryAddWithoutValidation("X-Api-Key", apiKey);
        }

        using var response = await _httpClient().SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaType is "application/graphql-response+json" or "application/json" && body.Length > 0)
        {
            try
            {
                return GraphQLWire.Response(body, dataType);
            }
            catch (JsonException ex) when (!response.IsSuccessStatusCode)
            {
                throw Failure(response, body, ex);
            }
        }
        throw Failure(response, body, null);
    }

    private static GraphQLTransportException Failure(HttpResponseMessage response, byte[] body, Exception? inner)
    {
        var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 512));
        return new GraphQLTransportException(
            $"The server answered {(int)response.StatusCode} {response.ReasonPhrase} without a GraphQL response{(text.Length > 0 ? ": " + text : ".")}",
            (int)response.StatusCode, inner);
    }
}
