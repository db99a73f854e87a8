using System.Text.Json;
using Tickr.Graph.Tests.TestHost;

namespace Tickr.Graph.Tests;

/// <summary>graphql-transport-ws against the real server on Kestrel (a free loopback port).</summary>
public sealed class WebSocketTests : IClassFixture<WebSocketTests.KestrelApp>
{
    private readonly Uri _address;
    private readonly KestrelApp _app;

    public WebSocketTests(KestrelApp app)
    {
        _app = app;
        _address = app.Factory.KestrelAddress;
    }

    private Task<Guid> UserAsync(string name) => TestUsers.CreateAsync(_app.Factory.Services, $"{name}-{Guid.NewGuid():N}@example.tn", name);

    [Fact]
    public async Task Valid_token_in_connection_init_is_acknowledged_and_me_works()
    {
        var id = await UserAsync("ws-user");
        await using var ws = await WsClient.ConnectAsync(_address);
        await ws.InitAsync(new { Authorization = "Bearer " + Tokens.Create(id.ToString(), ["scanner"]) });
        Assert.Equal("connection_ack", (await ws.ReceiveMessageAsync()).GetProperty("type").GetString());

        await ws.SubscribeAsync("1", "{ me { displayName } }");
        var next = await ws.ReceiveMessageAsync();

        Assert.Equal("next", next.GetProperty("type").GetString());
        Assert.Equal("ws-user", next.GetProperty("payload").GetProperty("data").GetProperty("me").GetProperty("displayName").GetString());
        Assert.Equal("complete", (await ws.ReceiveMessageAsync()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task Without_a_payload_token_the_connection_keeps_the_user_of_the_upgrade_request()
    {
        var id = await UserAsync("header-user");
        await using var ws = await WsClient.ConnectAsync(_address, "Bearer " + Tokens.Create(id.ToString()));
        await ws.InitAsync(null);
        Assert.Equal("connection_ack", (await ws.ReceiveMessageAsync()).GetProperty("type").GetString());

        await ws.SubscribeAsync("1", "{ me { displayName } }");
        var next = await ws.ReceiveMessageAsync();
        Assert.Equal("header-user", next.GetProperty("payload").GetProperty("data").GetProperty("me").GetProperty("displayName").GetString());
    }

    [Fact]
    public async Task Invalid_token_in_the_upgrade_request_header_is_refused_before_the_upgrade()
    {
        var error = await Assert.ThrowsAsync<System.Net.WebSockets.WebSocketException>(() => WsClient.ConnectAsync(_address, "Bearer garbage"));
        Assert.Contains("401", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("authorization")]
    [InlineData("token")]
    public async Task Token_is_also_read_from_other_payload_keys(string key)
    {
        var id = await UserAsync("key-user");
        await using var ws = await WsClient.ConnectAsync(_address);
        await ws.InitAsync(new Dictionary<string, string> { [key] = Tokens.Create(id.ToString()) });
        Assert.Equal("connection_ack", (await ws.ReceiveMessageAsync()).GetProperty("type").GetString());

        await ws.SubscribeAsync("1", "{ me { displayName } }");
        var next = await ws.ReceiveMessageAsync();
        Assert.Equal("key-user", next.GetProperty("payload").GetProperty("data").GetProperty("me").GetProperty("displayName").GetString());
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("wrong-key")]
    [InlineData("expired")]
    public async Task Invalid_token_closes_the_connection_with_4403(string kind)
    {
        var token = kind switch
        {
            "wrong-key" => Tokens.Create("u", key: "another-key-that-is-long-enough-0123456789"),
            "expired" => Tokens.Create("u", expires: DateTime.UtcNow.AddMinutes(-5)),
            _ => "garbage",
        };
        await using var ws = await WsClient.ConnectAsync(_address);
        await ws.InitAsync(new { Authorization = "Bearer " + token });

        Assert.Equal(4403, await ws.ReceiveCloseAsync());
    }

    [Fact]
    public async Task Connection_closes_with_4403_when_its_token_expires()
    {
        // The server validates with no clock skew (ExpiringApp), so the connection ends at the token's exp itself.
        await using var app = new ExpiringApp();
        await using var ws = await WsClient.ConnectAsync(app.Factory.KestrelAddress);
        await ws.InitAsync(new { Authorization = "Bearer " + Tokens.Create("short-lived", expires: DateTime.UtcNow.AddSeconds(2)) });
        Assert.Equal("connection_ack", (await ws.ReceiveMessageAsync()).GetProperty("type").GetString());
        await ws.SubscribeAsync("hb", "subscription { viewerHeartbeat(intervalSeconds: 1) { viewer { subject } } }");

        // Failure guards, not measurements: heartbeats until the expiry, then the close.
        var close = ws.ReceiveCloseAsync();
        Assert.True(await Task.WhenAny(close, Task.Delay(TimeSpan.FromSeconds(30))) == close, "the connection was not closed after the token expired");
        Assert.Equal(4403, await close);
        Assert.Equal("Forbidden", ws.Socket.CloseStatusDescription);
    }

    [Fact]
    public async Task Anonymous_connection_is_acknowledged_but_the_authenticated_subscription_is_refused()
    {
        await using var ws = await WsClient.ConnectAsync(_address);
        await ws.InitAsync(null);
        Assert.Equal("connection_ack", (await ws.ReceiveMessageAsync()).GetProperty("type").GetString());

        await ws.SubscribeAsync("1", "subscription { viewerHeartbeat { viewer { subject } time } }");
        var refused = await ws.ReceiveMessageAsync();

        Assert.Equal("1", refused.GetProperty("id").GetString());
        Assert.Equal("UNAUTHENTICATED", FirstErrorCode(refused));

        // The connection stays usable: the public heartbeat works on it.
        await ws.SubscribeAsync("2", "subscription { serverTime }");
        var tick = await NextForAsync(ws, "2");
        Assert.True(DateTimeOffset.TryParse(tick.GetProperty("payload").GetProperty("data").GetProperty("serverTime").GetString(), out _));
        await ws.SendAsync(new { id = "2", type = "complete" });
    }

    [Fact]
    public async Task Authenticated_connection_gets_viewer_heartbeats()
    {
        await using var ws = await WsClient.ConnectAsync(_address);
        await ws.InitAsync(new { Authorization = "Bearer " + Tokens.Create("beat-user") });
        await ws.ReceiveMessageAsync();

        await ws.SubscribeAsync("hb", "subscription { viewerHeartbeat(intervalSeconds: 1) { viewer { subject } time } }");
        var first = await NextForAsync(ws, "hb");
        var second = await NextForAsync(ws, "hb");

        foreach (var beat in new[] { first, second })
        {
            Assert.Equal("beat-user", beat.GetProperty("payload").GetProperty("data").GetProperty("viewerHeartbeat").GetProperty("viewer").GetProperty("subject").GetString());
        }
        await ws.SendAsync(new { id = "hb", type = "complete" });
    }

    [Theory]
    [InlineData(0)]
    [InlineData(61)]
    public async Task Heartbeat_interval_outside_1_to_60_is_a_bad_user_input_error(int seconds)
    {
        await using var ws = await WsClient.ConnectAsync(_address);
        await ws.InitAsync(null);
        await ws.ReceiveMessageAsync();

        await ws.SubscribeAsync("1", $"subscription {{ serverTime(intervalSeconds: {seconds}) }}");

        Assert.Equal("BAD_USER_INPUT", FirstErrorCode(await ws.ReceiveMessageAsync()));
    }

    private static async Task<JsonElement> NextForAsync(WsClient ws, string id)
    {
        while (true)
        {
            var message = await ws.ReceiveMessageAsync();
            if (message.GetProperty("type").GetString() == "next" && message.GetProperty("id").GetString() == id)
            {
                return message;
            }
        }
    }

    /// <summary>A refused subscription is a <c>next</c> with errors (then <c>complete</c>) or an <c>error</c> message.</summary>
    private static string? FirstErrorCode(JsonElement message)
    {
        var payload = message.GetProperty("payload");
        var errors = message.GetProperty("type").GetString() == "error" ? payload : payload.GetProperty("errors");
        return errors[0].GetProperty("extensions").GetProperty("code").GetString();
    }

    /// <summary>A Kestrel-hosted server validating tokens with no clock skew.</summary>
    private sealed class ExpiringApp : IAsyncDisposable
    {
        public TickrAppFactory Factory { get; } = new TickrAppFactory().WithSetting("Tickr:Auth:ClockSkew", "00:00:00").WithKestrel();

        public ValueTask DisposeAsync() => Factory.DisposeAsync();
    }

    /// <summary>One Kestrel-hosted server for the class.</summary>
    public sealed class KestrelApp : IAsyncLifetime
    {
        public TickrAppFactory Factory { get; } = new TickrAppFactory().WithKestrel();

        public Task InitializeAsync() => Task.CompletedTask;

        public async Task DisposeAsync() => await Factory.DisposeAsync();
    }
}
