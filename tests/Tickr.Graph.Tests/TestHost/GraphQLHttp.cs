using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Tickr.Graph.Tests.TestHost;

/// <summary>POSTs GraphQL requests the way clients do.</summary>
public static class GraphQLHttp
{
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string query, string? bearerToken = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = JsonContent.Create(new { query }),
        };
        request.Headers.Accept.ParseAdd("application/graphql-response+json");
        if (bearerToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        }
        return await client.SendAsync(request);
    }

    /// <summary>Posts and returns the response body, asserting 200.</summary>
    public static async Task<JsonElement> QueryAsync(HttpClient client, string query, string? bearerToken = null)
    {
        using var response = await PostAsync(client, query, bearerToken);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
