using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Tickr.GraphQL.AspNetCore.Tests.TestHost;
using static Tickr.GraphQL.AspNetCore.Tests.TestHost.Http;

namespace Tickr.GraphQL.AspNetCore.Tests.Http;

/// <summary>Persisted operations: stored documents by id, Apollo automatic persisted queries, persisted-only mode.</summary>
public sealed class PersistedOperationTests : IDisposable
{
    private const string Stored = "query Stored { hello(name: \"stored\") }";
    private readonly string _folder = Directory.CreateTempSubdirectory("tickr-persisted-").FullName;

    public PersistedOperationTests() => File.WriteAllText(Path.Combine(_folder, Hash(Stored) + ".graphql"), Stored);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static string Apq(string hash, string? query = null) => JsonSerializer.Serialize(new
    {
        query,
        extensions = new { persistedQuery = new { version = 1, sha256Hash = hash } },
    });

    [Fact]
    public async Task Stored_operation_by_id_over_post_and_get()
    {
        await using var server = await GraphQLTestServer.StartAsync(o => o.PersistedOperations.Directory = _folder);
        using var post = await server.Client.SendAsync(Post(JsonSerializer.Serialize(new { id = Hash(Stored) })));
        Assert.Equal("{\"data\":{\"hello\":\"Hello, stored!\"}}", await post.Content.ReadAsStringAsync());
        using var get = await server.Client.SendAsync(Get("?documentId=" + Hash(Stored)));
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);

        using var unknown = await server.Client.SendAsync(Post("{\"id\":\"0000\"}"));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("PERSISTED_QUERY_NOT_FOUND", await unknown.Content.ReadAsStringAsync());

        using var traversal = await server.Client.SendAsync(Post("{\"id\":\"../../etc/passwd\"}"));
        Assert.Contains("PERSISTED_QUERY_NOT_FOUND", await traversal.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Automatic_persisted_queries_register_then_run_by_hash()
    {
        await using var server = await GraphQLTestServer.StartAsync();
        const string query = "{ hello(name: \"apq\") }";
        var hash = Hash(query);

        // Unknown hash without the document: the client is told to send it (legacy clients read errors with 200).
        using var miss = await server.Client.SendAsync(Post(Apq(hash), accept: "application/json"));
        Assert.Equal(HttpStatusCode.OK, miss.StatusCode);
        var body = await miss.JsonAsync();
        Assert.Equal("PersistedQueryNotFound", body.GetProperty("errors")[0].GetProperty("message").GetString());
        Assert.Equal("PERSISTED_QUERY_NOT_FOUND", body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());

        using var register = await server.Client.SendAsync(Post(Apq(hash, query)));
        Assert.Equal("{\"data\":{\"hello\":\"Hello, apq!\"}}", await register.Content.ReadAsStringAsync());

        using var hit = await server.Client.SendAsync(Get("?extensions=" + Uri.EscapeDataString(Apq(hash)[(Apq(hash).IndexOf("\"extensions\":", StringComparison.Ordinal) + 13)..^1])));
        Assert.Equal("{\"data\":{\"hello\":\"Hello, apq!\"}}", await hit.Content.ReadAsStringAsync());

        using var mismatch = await server.Client.SendAsync(Post(Apq(Hash("other"), query)));
        Assert.Equal(HttpStatusCode.BadRequest, mismatch.StatusCode);
        Assert.Contains("PERSISTED_QUERY_HASH_MISMATCH", await mismatch.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Persisted_only_mode_refuses_free_documents()
    {
        await using var server = await GraphQLTestServer.StartAsync(o =>
        {
            o.PersistedOperations.Directory = _folder;
            o.PersistedOperations.OnlyPersisted = true;
        });
        using var free = await server.Client.SendAsync(PostQuery("{ hello }"));
        Assert.Equal(HttpStatusCode.BadRequest, free.StatusCode);
        Assert.Contains("PERSISTED_OPERATIONS_ONLY", await free.Content.ReadAsStringAsync());

        // The text of a stored operation is accepted (it is known), and so is its id.
        using var known = await server.Client.SendAsync(PostQuery(Stored));
        Assert.Equal(HttpStatusCode.OK, known.StatusCode);
        using var byId = await server.Client.SendAsync(Post(JsonSerializer.Serialize(new { id = Hash(Stored) })));
        Assert.Equal(HttpStatusCode.OK, byId.StatusCode);

        // APQ cannot register new documents.
        const string query = "{ hello(name: \"new\") }";
        using var register = await server.Client.SendAsync(Post(Apq(Hash(query), query)));
        Assert.Contains("PERSISTED_OPERATIONS_ONLY", await register.Content.ReadAsStringAsync());
    }
}
