using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Tickr.GraphQL.AspNetCore.Tests.TestHost;
using static Tickr.GraphQL.AspNetCore.Tests.TestHost.Http;

namespace Tickr.GraphQL.AspNetCore.Tests.Http;

/// <summary>GraphQL over HTTP: media types, status codes, GET rules, limits, SDL.</summary>
public sealed class HttpTransportTests : IAsyncLifetime
{
    private GraphQLTestServer _server = null!;

    public async Task InitializeAsync() => _server = await GraphQLTestServer.StartAsync(o =>
    {
        o.MaxRequestBodySize = 2048;
        o.MaxTokens = 200;
        o.Validation = new Validation.ValidationOptions { MaxDepth = 3 };
        o.ExecutionTimeout = TimeSpan.FromMilliseconds(300);
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private HttpClient Client => _server.Client;

    [Fact]
    public async Task Post_query_answers_graphql_response_json()
    {
        using var response = await Client.SendAsync(PostQuery("query($n: String) { hello(name: $n) }", new { n = "Tickr" }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/graphql-response+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType.CharSet);
        Assert.Equal("{\"data\":{\"hello\":\"Hello, Tickr!\"}}", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(null, "application/json")]
    [InlineData("*/*", "application/json")]
    [InlineData("application/json", "application/json")]
    [InlineData("application/graphql-response+json, application/json;q=0.9", "application/graphql-response+json")]
    [InlineData("application/json, application/graphql-response+json;q=0.5", "application/json")]
    public async Task Accept_header_selects_the_media_type(string? accept, string expected)
    {
        using var response = await Client.SendAsync(PostQuery("{ __typename }", accept: accept));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, response.Content.Headers.ContentType!.MediaType);
    }

    [Theory]
    [InlineData("text/xml")]
    [InlineData("application/json; charset=iso-8859-1")]
    public async Task Unacceptable_accept_is_406(string accept)
    {
        using var response = await Client.SendAsync(PostQuery("{ __typename }", accept: accept));
        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
    }

    [Theory]
    [InlineData("application/graphql-response+json", HttpStatusCode.BadRequest)]
    [InlineData("application/json", HttpStatusCode.OK)]
    public async Task Document_errors_are_400_only_for_graphql_response_json(string accept, HttpStatusCode expected)
    {
        foreach (var query in new[] { "{", "{ nope }", "query($id: ID!) { __typename }" })
        {
            using var response = await Client.SendAsync(PostQuery(query, accept: accept));
            Assert.Equal(expected, response.StatusCode);
            var body = await response.JsonAsync();
            Assert.False(body.TryGetProperty("data", out _));
            Assert.True(body.GetProperty("errors").GetArrayLength() > 0);
        }
    }

    [Fact]
    public async Task Field_errors_keep_200_and_hide_exception_messages_outside_development()
    {
        using var response = await Client.SendAsync(PostQuery("{ boom hello }"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("secret internals", text);
        Assert.Contains("\"hello\":\"Hello, world!\"", text);
    }

    [Fact]
    public async Task Development_shows_exception_messages()
    {
        await using var dev = await GraphQLTestServer.StartAsync(environment: "Development");
        using var response = await dev.Client.SendAsync(PostQuery("{ boom }"));
        Assert.Contains("secret internals", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("{\"query\": 1}")]
    [InlineData("{\"query\": \"{ __typename }\", \"variables\": []}")]
    [InlineData("{\"query\": \"{ __typename }\", \"variables\": \"x\"}")]
    [InlineData("{\"query\": \"{ __typename }\", \"operationName\": {}}")]
    [InlineData("{\"query\": \"{ __typename }\", \"extensions\": 3}")]
    [InlineData("{ \"not json")]
    [InlineData("")]
    [InlineData("[{\"query\": \"{ __typename }\"}]")]
    [InlineData("{}")]
    public async Task Malformed_requests_are_400_for_both_media_types(string body)
    {
        foreach (var accept in new[] { "application/json", GraphQLResponseJson })
        {
            using var response = await Client.SendAsync(Post(body, accept));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/json; charset=utf-16")]
    public async Task Unsupported_content_type_is_415(string contentType)
    {
        using var response = await Client.SendAsync(Post("{\"query\":\"{ __typename }\"}", contentType: contentType));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Body_over_the_limit_is_413()
    {
        var query = "{ __typename " + new string(' ', 4000) + "}";
        using var response = await Client.SendAsync(PostQuery(query));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);

        // Chunked (no Content-Length): the limit holds while reading.
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("{\"query\":\"" + query + "\"}"))),
        };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.TransferEncodingChunked = true;
        using var chunked = await Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, chunked.StatusCode);
    }

    [Fact]
    public async Task Get_runs_queries_with_url_encoded_variables()
    {
        var qs = "?query=" + Uri.EscapeDataString("query($a: Int!) { sum(a: $a, b: 2) }") + "&variables=" + Uri.EscapeDataString("{\"a\":40}");
        using var response = await Client.SendAsync(Get(qs));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{\"data\":{\"sum\":42}}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Mutation_over_get_is_405_with_allow_post()
    {
        using var response = await Client.SendAsync(Get("?query=" + Uri.EscapeDataString("mutation { echo(text: \"x\") }")));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("POST", response.Content.Headers.Allow);
    }

    [Fact]
    public async Task Other_methods_are_405()
    {
        using var response = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Put, "/graphql"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("POST", response.Content.Headers.Allow);
    }

    [Fact]
    public async Task Sdl_is_served_as_text()
    {
        using var response = await Client.GetAsync("/graphql?sdl");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        var sdl = await response.Content.ReadAsStringAsync();
        Assert.Contains("type Query {", sdl);
        Assert.Contains("countdown(from: Int!): Int!", sdl);
    }

    [Fact]
    public async Task Token_limit_refuses_huge_documents()
    {
        var query = "{ " + string.Join(" ", Enumerable.Repeat("x", 300)) + " }";
        using var response = await Client.SendAsync(Post(System.Text.Json.JsonSerializer.Serialize(new { query }), GraphQLResponseJson));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("MAX_TOKENS_EXCEEDED", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Depth_limit_from_validation_options()
    {
        using var response = await Client.SendAsync(PostQuery("{ __schema { types { fields { type { name } } } } }"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("MAX_DEPTH_EXCEEDED", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Execution_timeout_returns_a_timeout_error()
    {
        using var response = await Client.SendAsync(PostQuery("{ slow(ms: 5000) }"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("TIMEOUT", text);
    }

    [Fact]
    public async Task Subscription_over_plain_http_is_refused()
    {
        using var response = await Client.SendAsync(PostQuery("subscription { countdown(from: 1) }"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Browser_get_without_query_is_not_a_graphql_request()
    {
        using var response = await Client.SendAsync(Get("", "text/html"));
        // The IDE page (Ide/) or, without it, 406: never a GraphQL error response.
        Assert.True(response.StatusCode == HttpStatusCode.NotAcceptable || response.Content.Headers.ContentType?.MediaType == "text/html");
    }

    [Theory]
    [InlineData("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")]
    [InlineData("text/html, application/json;q=0.5")]
    public async Task Browser_get_with_a_query_falls_back_from_html_to_json(string accept)
    {
        using var response = await Client.SendAsync(Get("?query=%7B__typename%7D", accept));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("{\"data\":{\"__typename\":\"Query\"}}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Html_only_accept_on_a_query_is_406()
    {
        using var response = await Client.SendAsync(Get("?query=%7B__typename%7D", "text/html"));
        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
    }

    [Fact]
    public async Task Request_interceptor_fills_context_data()
    {
        await using var server = await GraphQLTestServer.StartAsync(services: s => s.AddSingleton<IGraphQLRequestInterceptor, TenantInterceptor>());
        var request = PostQuery("{ tenant }");
        request.Headers.Add("X-Tenant", "acme");
        using var response = await server.Client.SendAsync(request);
        Assert.Equal("{\"data\":{\"tenant\":\"acme\"}}", await response.Content.ReadAsStringAsync());
    }

    private sealed class TenantInterceptor : IGraphQLRequestInterceptor
    {
        public ValueTask OnRequestAsync(Microsoft.AspNetCore.Http.HttpContext httpContext, IDictionary<string, object?> contextData, CancellationToken cancellationToken)
        {
            contextData["tenant"] = httpContext.Request.Headers["X-Tenant"].ToString();
            return ValueTask.CompletedTask;
        }
    }
}
