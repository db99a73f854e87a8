using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Tickr.GraphQL.AspNetCore.Tests.TestHost;

/// <summary>Small HTTP helpers for the transport tests.</summary>
public static class Http
{
    public const string GraphQLResponseJson = "application/graphql-response+json";

    public static HttpRequestMessage Post(string body, string? accept = GraphQLResponseJson, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(body, Encoding.UTF8),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (accept is not null)
        {
            request.Headers.Accept.ParseAdd(accept);
        }
        return request;
    }

    public static HttpRequestMessage PostQuery(string query, object? variables = null, string? accept = GraphQLResponseJson) =>
        Post(JsonSerializer.Serialize(new { query, variables }), accept);

    public static HttpRequestMessage Get(string queryString, string? accept = GraphQLResponseJson)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/graphql" + queryString);
        if (accept is not null)
        {
            request.Headers.Accept.ParseAdd(accept);
        }
        return request;
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
