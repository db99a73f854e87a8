using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Tickr.GraphQL.AspNetCore.Tests.TestHost;
using Tickr.GraphQL.Validation;
using static Tickr.GraphQL.AspNetCore.Tests.TestHost.Http;

namespace Tickr.GraphQL.AspNetCore.Tests.Http;

/// <summary>
/// The transport inspects the engine's prepared request (operation type) and executes it, so a document is parsed
/// and validated once however many requests, methods and lookups bring it.
/// </summary>
public sealed class DocumentPreparationTests
{
    /// <summary>Counts validations: validation follows every parse, so this counts parse + validate passes.</summary>
    private sealed class CountingRule : ValidationVisitor, IValidationRule
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public ValidationVisitor CreateVisitor(ValidationContext context)
        {
            Interlocked.Increment(ref _count);
            return this;
        }
    }

    private static Task<GraphQLTestServer> StartAsync(CountingRule rule) => GraphQLTestServer.StartAsync(o =>
        o.Validation = new ValidationOptions { MaxDepth = 15, MaxAliases = 30, MaxCost = 10_000, Rules = [rule] });

    [Fact]
    public async Task A_document_is_parsed_and_validated_once_across_requests_and_methods()
    {
        var rule = new CountingRule();
        await using var server = await StartAsync(rule);
        const string query = "query($n: String) { hello(name: $n) }";

        for (var i = 0; i < 3; i++)
        {
            using var post = await server.Client.SendAsync(PostQuery(query, new { n = $"p{i}" }));
            Assert.Equal($"{{\"data\":{{\"hello\":\"Hello, p{i}!\"}}}}", await post.Content.ReadAsStringAsync());
        }
        using var get = await server.Client.SendAsync(Get("?query=" + Uri.EscapeDataString(query) + "&variables=" + Uri.EscapeDataString("{\"n\":\"g\"}")));
        Assert.Equal("{\"data\":{\"hello\":\"Hello, g!\"}}", await get.Content.ReadAsStringAsync());
        Assert.Equal(1, rule.Count);

        // The operation type check (405) and the later execution over POST share one prepared document.
        const string mutation = "mutation { echo(text: \"x\") }";
        using var refused = await server.Client.SendAsync(Get("?query=" + Uri.EscapeDataString(mutation)));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, refused.StatusCode);
        using var run = await server.Client.SendAsync(PostQuery(mutation));
        Assert.Equal("{\"data\":{\"echo\":\"x\"}}", await run.Content.ReadAsStringAsync());
        Assert.Equal(2, rule.Count);
    }

    [Fact]
    public async Task Persisted_documents_are_prepared_once_by_their_text()
    {
        var rule = new CountingRule();
        await using var server = await StartAsync(rule);
        const string query = "{ hello(name: \"apq\") }";
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(query)));
        string Apq(string? text) => JsonSerializer.Serialize(new { query = text, extensions = new { persistedQuery = new { version = 1, sha256Hash = hash } } });

        using var register = await server.Client.SendAsync(Post(Apq(query)));
        using var byHash = await server.Client.SendAsync(Post(Apq(null)));
        using var inline = await server.Client.SendAsync(PostQuery(query));
        foreach (var response in new[] { register, byHash, inline })
        {
            Assert.Equal("{\"data\":{\"hello\":\"Hello, apq!\"}}", await response.Content.ReadAsStringAsync());
        }
        Assert.Equal(1, rule.Count);
    }

    [Fact]
    public async Task Syntax_errors_are_answered_each_time_without_validation()
    {
        var rule = new CountingRule();
        await using var server = await StartAsync(rule);
        for (var i = 0; i < 2; i++)
        {
            using var response = await server.Client.SendAsync(PostQuery("{ hello"));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("GRAPHQL_PARSE_FAILED", await response.Content.ReadAsStringAsync());
        }
        Assert.Equal(0, rule.Count);
    }

    [Fact]
    public async Task An_operation_that_cannot_be_selected_is_answered_by_execution()
    {
        await using var server = await StartAsync(new CountingRule());
        using var response = await server.Client.SendAsync(PostQuery("query A { hello } query B { hello }", accept: "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var error = (await response.JsonAsync()).GetProperty("errors")[0];
        Assert.Equal("Must provide operation name if query contains multiple operations.", error.GetProperty("message").GetString());
    }
}
