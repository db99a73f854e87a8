using System.Net;
using System.Text.Json;
using Tickr.Graph.Tests.TestHost;

namespace Tickr.Graph.Tests;

public sealed class HttpAuthenticationTests : IClassFixture<TickrAppFactory>
{
    private readonly TickrAppFactory _factory;

    public HttpAuthenticationTests(TickrAppFactory factory) => _factory = factory;

    [Fact]
    public async Task Valid_token_makes_me_return_its_subject_and_roles()
    {
        var token = Tokens.Create("user-42", ["organizer", "admin"]);

        var body = await GraphQLHttp.QueryAsync(_factory.CreateClient(), "{ me { subject roles } }", token);

        var me = body.GetProperty("data").GetProperty("me");
        Assert.Equal("user-42", me.GetProperty("subject").GetString());
        Assert.Equal(["admin", "organizer"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()!).ToArray());
    }

    [Fact]
    public async Task Anonymous_request_gets_null_me()
    {
        var body = await GraphQLHttp.QueryAsync(_factory.CreateClient(), "{ me { subject } }");

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
        using var response = await GraphQLHttp.PostAsync(_factory.CreateClient(), "{ me { subject } }", token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("UNAUTHENTICATED", body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
    }
}
