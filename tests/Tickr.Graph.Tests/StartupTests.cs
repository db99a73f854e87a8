using System.Text.Json;
using Tickr.Graph.Tests.TestHost;

namespace Tickr.Graph.Tests;

public sealed class StartupTests
{
    [Fact]
    public async Task Production_without_a_signing_key_fails_at_startup()
    {
        await using var factory = new TickrAppFactory().WithEnvironment("Production").WithSetting("Tickr:Auth:SigningKey", null);

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("Tickr:Auth:SigningKey is not configured", Flatten(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signing_key_shorter_than_32_bytes_fails_at_startup()
    {
        await using var factory = new TickrAppFactory().WithSetting("Tickr:Auth:SigningKey", "too-short");

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("at least 32", Flatten(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Development_without_a_signing_key_starts_and_accepts_no_token()
    {
        await using var factory = new TickrAppFactory().WithSetting("Tickr:Auth:SigningKey", null);
        var client = factory.CreateClient();

        var body = await GraphQLHttp.QueryAsync(client, "{ serverInfo { environment } }");
        Assert.Equal("Development", body.GetProperty("data").GetProperty("serverInfo").GetProperty("environment").GetString());
        // A token signed with any key we know cannot match the generated one.
        using var refused = await GraphQLHttp.PostAsync(client, "{ me { id } }", Tokens.Create(Guid.NewGuid().ToString()));
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task GraphQL_limits_are_bound_from_configuration()
    {
        await using var factory = new TickrAppFactory().WithSetting("Tickr:GraphQL:Validation:MaxDepth", "2");

        using var response = await GraphQLHttp.PostAsync(factory.CreateClient(), "{ serverInfo { subscriptionBus { kind } } }");
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal("MAX_DEPTH_EXCEEDED", body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Production_works_with_a_configured_key()
    {
        await using var factory = new TickrAppFactory().WithEnvironment("Production");

        var id = await TestUsers.CreateAsync(factory.Services, "prod-user@example.tn");

        var body = await GraphQLHttp.QueryAsync(factory.CreateClient(), "{ me { email } }", Tokens.Create(id.ToString()));

        Assert.Equal("prod-user@example.tn", body.GetProperty("data").GetProperty("me").GetProperty("email").GetString());
    }

    private static string Flatten(Exception error)
    {
        var messages = new List<string>();
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            messages.Add(e.Message);
        }
        return string.Join(" | ", messages);
    }
}
