using System.Net;
using System.Text.Json;
using Tickr.Graph.Tests.TestHost;

namespace Tickr.Graph.Tests;

public sealed class HttpAuthenticationTests : IClassFixture<TickrAppFactory>
{
    private readonly TickrAppFactory _factory;

    public HttpAuthenticationTests(TickrAppFactory factory) => _factory = factory;

    [Fact]
    public async Task Valid_token_makes_me_return_the_account_it_names()
    {
        var client = _factory.CreateClient();
        var id = await TestUsers.CreateAsync(_factory.Services, "http-auth@example.tn", "Http Auth");
        var token = Tokens.Create(id.ToString(), ["organizer", "admin"]);

        var body = await GraphQLHttp.QueryAsync(client, "{ me { email displayName } }", token);

        var me = body.GetProperty("data").GetProperty("me");
        Assert.Equal("http-auth@example.tn", me.GetProperty("email").GetString());
        Assert.Equal("Http Auth", me.GetProperty("displayName").GetString());
    }

    [Fact]
    public async Task Valid_token_naming_no_account_gets_null_me()
    {
        var body = await GraphQLHttp.QueryAsync(_factory.CreateClient(), "{ me { id } }", Tokens.Create(Guid.NewGuid().ToString()));

        Assert.Equal(JsonValueKind.Null, body.GetProperty("data").GetProperty("me").ValueKind);
    }

    [Fact]
    public async Task Anonymous_request_gets_null_me()
    {
        var body = await GraphQLHttp.QueryAsync(_factory.CreateClient(), "{ me { id } }");

        Assert.Equal(JsonValueKind.Null, body.GetProperty("data").GetProperty("me").ValueKind);
    }

    public static TheoryData<string> InvalidTokens => new()
    {
        "not-a-jwt",
        Tokens.Create("user-42", key: "another-key-that-is-long-enough-0123456789"),
        Tokens.Create("user-42", issuer: "someone-else"),
        Tokens.Create("user-42", audience: "another-api"),
        Tokens.Create("user-42", expires: DateTime.UtcNow.AddMinutes(-5)),
    };

    [Theory]
    [MemberData(nameof(InvalidTokens))]
    public async Task Invalid_token_is_refused_with_401(string token)
    {
        using var response = await GraphQLHttp.PostAsync(_factory.CreateClient(), "{ me { id } }", token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("UNAUTHENTICATED", body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
    }
}
