using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tickr.GraphQL.AspNetCore.Subscriptions;
using Tickr.GraphQL.AspNetCore.Tests.TestHost;
using Tickr.GraphQL.AspNetCore.WebSockets;

namespace Tickr.GraphQL.AspNetCore.Tests.WebSockets;

/// <summary>graphql-transport-ws message flows with a raw client.</summary>
public sealed class ProtocolTests : IAsyncLifetime
{
    private GraphQLTestServer _server = null!;

    public async Task InitializeAsync() => _server = await GraphQLTestServer.StartAsync(
        o => o.WebSockets.SendQueueCapacity = 4,
        s => s.AddSingleton<IWebSocketAuthenticator, TokenAuthenticator>());

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static string Type(JsonElement? message) => message!.Value.GetProperty("type").GetString()!;

    [Fact]
    public async Task Ack_carries_the_authenticator_payload_and_ping_gets_pong()
    {
        await using var client = await WsTestClient.ConnectAsync(_server);
        await client.SendAsync(new { type = "ping", payload = new { n = 1 } }); // allowed before init
        var pong = await client.ReceiveAsync();
        Assert.Equal("pong", Type(pong));
        Assert.Equal(1, pong!.Value.GetProperty("payload").GetProperty("n").GetInt32());

        await client.SendAsync(new { type = "connection_init", payload = new { Authorization = "Bearer good-token" } });
        var ack = await client.ReceiveAsync();
        Assert.Equal("connection_ack", Type(ack));
        Assert.Equal("alice", ack!.Value.GetProperty("payload").GetProperty("user").GetString());

        await client.SendAsync(new { type = "pong" }); // unidirectional heartbeat: ignored
        await client.SendAsync(new { type = "subscribe", id = "q", payload = new { query = "{ whoami tenant }" } });
        var next = await client.ReceiveAsync();
        Assert.Equal("next", Type(next));
        Assert.Equal("{\"data\":{\"whoami\":\"alice\",\"tenant\":\"ws-tenant\"}}", next!.Value.GetProperty("payload").GetRawText());
        Assert.Equal("complete", Type(await client.ReceiveAsync()));
    }

    [Fact]
    public async Task Validation_errors_end_with_error_and_no_complete()
    {
        await using var client = await WsTestClient.ConnectAsync(_server);
        await client.InitAsync();
        await client.SendAsync(new { type = "subscribe", id = "bad", payload = new { query = "{ nope }" } });
        var error = await client.ReceiveAsync();
        Assert.Equal("error", Type(error));
        Assert.Equal("bad", error!.Value.GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Array, error.Value.GetProperty("payload").ValueKind);

        // The id is free again, and the next message is for the next operation (no stray complete).
        await client.SendAsync(new { type = "subscribe", id = "bad", payload = new { query = "{ hello }" } });
        Assert.Equal("next", Type(await client.ReceiveAsync()));
        Assert.Equal("complete", Type(await client.ReceiveAsync()));
    }

    [Fact]
    public async Task Mutation_publishes_to_a_live_subscription_until_the_client_completes_it()
    {
        await using var subscriber = await WsTestClient.ConnectAsync(_server);
        await subscriber.InitAsync();
        await subscriber.SendAsync(new { type = "subscribe", id = "s", payload = new { query = "subscription { counter(topic: \"p\") }" } });

        await using var publisher = await WsTestClient.ConnectAsync(_server);
        await publisher.InitAsync();
        JsonElement? next = null;
        for (var i = 0; i < 50 && next is null; i++)
        {
            await publisher.SendAsync(new { type = "subscribe", id = "m" + i, payload = new { query = $"mutation {{ publish(topic: \"p\", value: {i}) }}" } });
            Assert.Equal("next", Type(await publisher.ReceiveAsync()));
            Assert.Equal("complete", Type(await publisher.ReceiveAsync()));
            next = (await subscriber.TryReceiveAsync(TimeSpan.FromMilliseconds(200))).Message;
        }
        Assert.Equal("next", Type(next));
        Assert.Equal("s", next!.Value.GetProperty("id").GetString());

        await subscriber.SendAsync(new { type = "complete", id = "s" });
        // After the client's complete the server sends nothing for "s"; a ping still round-trips.
        await subscriber.SendAsync(new { type = "ping" });
        JsonElement? reply;
        do
        {
            reply = await subscriber.ReceiveAsync();
        }
        while (Type(reply) == "next"); // events already queued before the complete
        Assert.Equal("pong", Type(reply));
    }

    [Fact]
    public async Task Subscription_that_ends_sends_complete()
    {
        await using var client = await WsTestClient.ConnectAsync(_server);
        await client.InitAsync();
        await client.SendAsync(new { type = "subscribe", id = "c", payload = new { query = "subscription { countdown(from: 3) }" } });
        var values = new List<int>();
        JsonElement? message;
        while (Type(message = await client.ReceiveAsync()) == "next")
        {
            values.Add(message!.Value.GetProperty("payload").GetProperty("data").GetProperty("countdown").GetInt32());
        }
        Assert.Equal("complete", Type(message));
        Assert.Equal([3, 2, 1], values);
    }

    [Fact]
    public async Task A_client_that_stops_reading_does_not_slow_down_others()
    {
        // The slow client subscribes to 64 KiB events and never reads: its socket buffers and its send queue (4)
        // fill up within a few events, after which its bus queue drops the oldest events.
        await using var slow = await WsTestClient.ConnectAsync(_server);
        await slow.InitAsync();
        await slow.SendAsync(new { type = "subscribe", id = "s", payload = new { query = "subscription { blob(topic: \"flood\", size: 65536) }" } });

        await using var fast = await WsTestClient.ConnectAsync(_server);
        await fast.InitAsync();
        await fast.SendAsync(new { type = "subscribe", id = "f", payload = new { query = "subscription { counter(topic: \"flood\") }" } });

        var sender = _server.Services.GetRequiredService<ITopicEventSender>();
        // Wait until the fast subscription is live.
        JsonElement? first = null;
        for (var i = 0; first is null && i < 100; i++)
        {
            await sender.PublishAsync("flood", -1);
            first = (await fast.TryReceiveAsync(TimeSpan.FromMilliseconds(100))).Message;
        }
        Assert.NotNull(first);
        while ((await fast.TryReceiveAsync(TimeSpan.FromMilliseconds(300))).Received)
        {
        }

        // 300 events (19 MiB for the slow client): the fast one gets every event, each promptly.
        var worst = TimeSpan.Zero;
        for (var i = 0; i < 300; i++)
        {
            var clock = Stopwatch.StartNew();
            await sender.PublishAsync("flood", i);
            var message = await fast.ReceiveAsync(TimeSpan.FromSeconds(5));
            Assert.Equal(i, message!.Value.GetProperty("payload").GetProperty("data").GetProperty("counter").GetInt32());
            worst = clock.Elapsed > worst ? clock.Elapsed : worst;
        }
        Assert.True(worst < TimeSpan.FromSeconds(1), $"slowest event took {worst}");
    }

    [Fact]
    public async Task Works_when_the_host_also_uses_the_websocket_middleware()
    {
        await using var server = await GraphQLTestServer.StartAsync(hostUsesWebSockets: true);
        await using var client = await WsTestClient.ConnectAsync(server);
        await client.SendAsync(new { type = "connection_init" });
        Assert.Equal("connection_ack", Type(await client.ReceiveAsync()));
        await client.SendAsync(new { type = "subscribe", id = "1", payload = new { query = "{ hello }" } });
        Assert.Equal("next", Type(await client.ReceiveAsync()));
        Assert.Equal("complete", Type(await client.ReceiveAsync()));
    }
}
