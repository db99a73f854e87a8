using Microsoft.Extensions.DependencyInjection;
using Tickr.GraphQL.AspNetCore.Tests.TestHost;
using Tickr.GraphQL.AspNetCore.WebSockets;

namespace Tickr.GraphQL.AspNetCore.Tests.WebSockets;

/// <summary>Every close code graphql-transport-ws defines, provoked with a raw ClientWebSocket.</summary>
public sealed class CloseCodeTests : IAsyncLifetime
{
    private GraphQLTestServer _server = null!;

    // The default connection-init timeout: these tests are not about 4408, and a short one raced their own
    // connection_init on a loaded machine (a cold first connection closed 4408 before the server read the init).
    public async Task InitializeAsync() => _server = await StartServerAsync(null);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static Task<GraphQLTestServer> StartServerAsync(TimeSpan? connectionInitTimeout) => GraphQLTestServer.StartAsync(
        o =>
        {
            if (connectionInitTimeout is { } timeout)
            {
                o.WebSockets.ConnectionInitTimeout = timeout;
            }
        },
        s => s.AddSingleton<IWebSocketAuthenticator, TokenAuthenticator>());

    private Task<(int Code, string? Reason)> CloseAfterAsync(Func<WsTestClient, Task> act, string? subProtocol = "graphql-transport-ws") =>
        CloseAfterAsync(_server, act, subProtocol);

    private static async Task<(int Code, string? Reason)> CloseAfterAsync(GraphQLTestServer server, Func<WsTestClient, Task> act, string? subProtocol = "graphql-transport-ws")
    {
        await using var client = await WsTestClient.ConnectAsync(server, subProtocol);
        await act(client);
        return await client.ReceiveCloseAsync();
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("{\"type\": 1}")]
    [InlineData("{\"type\": \"unknown\"}")]
    [InlineData("{\"type\": \"connection_init\", \"payload\": \"string\"}")]
    public async Task Invalid_message_closes_4400(string message)
    {
        var (code, _) = await CloseAfterAsync(c => c.SendAsync(message));
        Assert.Equal(4400, code);
    }

    [Fact]
    public async Task Invalid_subscribe_closes_4400()
    {
        var (code, _) = await CloseAfterAsync(async c =>
        {
            await c.InitAsync();
            await c.SendAsync("{\"type\":\"subscribe\",\"id\":\"1\",\"payload\":{\"query\":5}}");
        });
        Assert.Equal(4400, code);
    }

    [Fact]
    public async Task Subscribe_before_ack_closes_4401()
    {
        var (code, reason) = await CloseAfterAsync(c => c.SendAsync(new { type = "subscribe", id = "1", payload = new { query = "{ hello }" } }));
        Assert.Equal(4401, code);
        Assert.Equal("Unauthorized", reason);
    }

    [Fact]
    public async Task Refused_token_closes_4403()
    {
        var (code, reason) = await CloseAfterAsync(c => c.SendAsync(new { type = "connection_init", payload = new { Authorization = "Bearer wrong" } }));
        Assert.Equal(4403, code);
        Assert.Equal("Forbidden", reason);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("graphql-ws")]
    public async Task Missing_subprotocol_closes_4406(string? subProtocol)
    {
        var (code, reason) = await CloseAfterAsync(_ => Task.CompletedTask, subProtocol);
        Assert.Equal(4406, code);
        Assert.Equal("Subprotocol not acceptable", reason);
    }

    [Fact]
    public async Task No_init_closes_4408()
    {
        // Its own server with a short timeout, so the test does not wait the default one.
        await using var server = await StartServerAsync(TimeSpan.FromMilliseconds(500));
        var (code, reason) = await CloseAfterAsync(server, _ => Task.CompletedTask);
        Assert.Equal(4408, code);
        Assert.Equal("Connection initialisation timeout", reason);
    }

    [Fact]
    public async Task Duplicate_operation_id_closes_4409()
    {
        var (code, reason) = await CloseAfterAsync(async c =>
        {
            await c.InitAsync();
            await c.SendAsync(new { type = "subscribe", id = "dup", payload = new { query = "subscription { counter(topic: \"never\") }" } });
            await c.SendAsync(new { type = "subscribe", id = "dup", payload = new { query = "subscription { counter(topic: \"never\") }" } });
        });
        Assert.Equal(4409, code);
        Assert.Equal("Subscriber for dup already exists", reason);
    }

    [Fact]
    public async Task Second_init_closes_4429()
    {
        var (code, reason) = await CloseAfterAsync(async c =>
        {
            await c.InitAsync();
            await c.SendAsync(new { type = "connection_init" });
        });
        Assert.Equal(4429, code);
        Assert.Equal("Too many initialisation requests", reason);
    }

    [Fact]
    public async Task Server_failure_closes_4500()
    {
        var (code, reason) = await CloseAfterAsync(c => c.SendAsync(new { type = "connection_init", payload = new { Authorization = "Bearer boom" } }));
        Assert.Equal(4500, code);
        Assert.Equal("Internal server error", reason);
    }
}
