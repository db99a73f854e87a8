using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Tickr.GraphQL.AspNetCore.Tests.TestHost;
using static Tickr.GraphQL.AspNetCore.Tests.TestHost.Http;

namespace Tickr.GraphQL.AspNetCore.Tests.Http;

/// <summary>
/// The transport's fast paths (exact header values, bodies read from the request pipe, buffered responses with a
/// Content-Length, interceptors skipped when none is registered) answer exactly as the general paths do.
/// </summary>
public sealed class HttpFastPathTests : IAsyncLifetime
{
    private GraphQLTestServer _server = null!;

    public async Task InitializeAsync() => _server = await GraphQLTestServer.StartAsync(o => o.MaxRequestBodySize = 2048);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private HttpClient Client => _server.Client;

    private static HttpRequestMessage RawPost(byte[] body, string contentType = "application/json", string? accept = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }
        return request;
    }

    [Theory]
    [InlineData("APPLICATION/JSON", "application/json")]
    [InlineData("application/json; charset=UTF-8", "application/json")]
    [InlineData("*/*", "application/json")]
    [InlineData("application/graphql-response+json; charset=utf-8", "application/graphql-response+json")]
    [InlineData("application/graphql-response+json, application/json", "application/graphql-response+json")]
    [InlineData("application/graphql-response+json, application/json;q=0.9", "application/graphql-response+json")]
    [InlineData("application/json;q=0.9, application/graphql-response+json", "application/graphql-response+json")]
    public async Task Exact_accept_values_negotiate_like_the_full_parse(string accept, string expected)
    {
        using var response = await Client.SendAsync(RawPost("{\"query\":\"{ __typename }\"}"u8.ToArray(), accept: accept));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, response.Content.Headers.ContentType!.MediaType);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("Application/Json; Charset=UTF-8")]
    [InlineData("application/json;charset=utf-8")]
    [InlineData("application/graphql+json")]
    public async Task Json_content_types_are_accepted(string contentType)
    {
        using var response = await Client.SendAsync(RawPost("{\"query\":\"{ __typename }\"}"u8.ToArray(), contentType));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Response_has_a_content_length()
    {
        using var response = await Client.SendAsync(PostQuery("{ __typename }"));
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(body.Length, response.Content.Headers.ContentLength);
        Assert.Null(response.Headers.TransferEncodingChunked is true ? "chunked" : null);
        Assert.Equal("{\"data\":{\"__typename\":\"Query\"}}", Encoding.UTF8.GetString(body));
    }

    [Fact]
    public async Task Body_with_a_utf8_byte_order_mark_is_read()
    {
        using var response = await Client.SendAsync(RawPost([0xEF, 0xBB, 0xBF, .. "{\"query\":\"{ __typename }\"}"u8]));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("{\"query\":\"{ __typename }\"} x")]
    [InlineData("{\"query\":\"{ __typename }\"")]
    [InlineData("   ")]
    public async Task Malformed_small_bodies_are_400(string body)
    {
        using var response = await Client.SendAsync(RawPost(Encoding.UTF8.GetBytes(body)));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Body_at_the_limit_is_read_and_one_byte_over_is_413()
    {
        static byte[] Body(int size)
        {
            var prefix = "{\"query\":\"{ __typename }\",\"operationName\":null";
            return Encoding.UTF8.GetBytes(prefix + new string(' ', size - prefix.Length - 1) + "}");
        }
        using var atLimit = await Client.SendAsync(RawPost(Body(2048)));
        Assert.Equal(HttpStatusCode.OK, atLimit.StatusCode);
        using var over = await Client.SendAsync(RawPost(Body(2049)));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, over.StatusCode);
    }

    [Fact]
    public async Task Scoped_interceptors_come_from_the_request_scope()
    {
        await using var server = await GraphQLTestServer.StartAsync(services: s => s.AddScoped<IGraphQLRequestInterceptor, ScopedInterceptor>());
        var seen = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            using var response = await server.Client.SendAsync(PostQuery("{ tenant }"));
            var json = await response.JsonAsync();
            seen.Add(json.GetProperty("data").GetProperty("tenant").GetString()!);
        }
        Assert.NotEqual(seen[0], seen[1]);
    }

    private sealed class ScopedInterceptor : IGraphQLRequestInterceptor
    {
        private readonly string _id = Guid.NewGuid().ToString("N");

        public ValueTask OnRequestAsync(Microsoft.AspNetCore.Http.HttpContext httpContext, IDictionary<string, object?> contextData, CancellationToken cancellationToken)
        {
            contextData["tenant"] = _id;
            return ValueTask.CompletedTask;
        }
    }
}
