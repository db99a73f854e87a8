using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tickr.GraphQL.AspNetCore.SharedSubscriptions;
using Tickr.GraphQL.AspNetCore.Subscriptions;
using Tickr.GraphQL.AspNetCore.Tests.Subscriptions;
using Tickr.GraphQL.AspNetCore.Tests.TestHost;
using Tickr.GraphQL.AspNetCore.WebSockets;

namespace Tickr.GraphQL.AspNetCore.Tests.SharedSubscriptions;

/// <summary>
/// Shared subscription execution on a real Kestrel server with real WebSocket and SSE clients: subscribers of a
/// <c>[SharedSubscription]</c> field with the same operation and variables form one group that executes each event once.
/// </summary>
public sealed class SharedSubscriptionTests : IAsyncLifetime
{
    private GraphQLTestServer _server = null!;
    private readonly List<WsTestClient> _clients = [];

    private SharedSubscriptionRegistry Registry => _server.Services.GetRequiredService<GraphQLRequestPipeline>().SharedSubscriptions!;

    private StockCounters Counters => _server.Services.GetRequiredService<StockCounters>();

    private InMemorySubscriptionBus Bus => _server.Services.GetRequiredService<InMemorySubscriptionBus>();

    public async Task InitializeAsync() => _server = await StartAsync();

    private static Task<GraphQLTestServer> StartAsync(Action<GraphQLServerOptions>? configure = null) =>
        GraphQLTestServer.StartAsync(configure, services =>
        {
            services.AddSingleton<StockCounters>();
            services.AddSingleton<IWebSocketAuthenticator, NameAuthenticator>();
        }, schema: SharedSchema.Create);

    public async Task DisposeAsync()
    {
        foreach (var client in _clients)
        {
            await client.DisposeAsync();
        }
        await _server.DisposeAsync();
    }

    private async Task<WsTestClient> SubscribeAsync(string query, string token = "user:alice", string id = "1", GraphQLTestServer? server = null)
    {
        var client = await WsTestClient.ConnectAsync(server ?? _server);
        _clients.Add(client);
        await client.InitAsync(token);
        await client.SendAsync(new { type = "subscribe", id, payload = new { query } });
        return client;
    }

    private async Task PublishAsync(string eventId, int remaining, int noteSize = 0)
    {
        var sender = _server.Services.GetRequiredService<ITopicEventSender>();
        await sender.PublishAsync(SharedSchema.Topic(eventId), new StockMessage(eventId, remaining, new string('n', noteSize)));
    }

    /// <summary>Waits until the registry holds the subscribers and every group's source is live on the bus.</summary>
    private async Task WaitForGroupsAsync(int subscribers, params string[] eventIds)
    {
        await Wait.UntilAsync(() => Registry.SubscriberCount == subscribers, $"{subscribers} shared subscribers (have {Registry.SubscriberCount})");
        foreach (var eventId in eventIds)
        {
            await Wait.UntilAsync(() => Bus.SubscriberCount(SharedSchema.Topic(eventId)) >= 1, $"the group's bus subscription to {eventId}");
        }
    }

    private static string Type(JsonElement? message) => message!.Value.GetProperty("type").GetString()!;

    [Fact]
    public async Task Many_subscribers_of_one_operation_get_identical_payloads_from_one_execution_per_event()
    {
        const int subscribers = 25;
        for (var i = 0; i < subscribers; i++)
        {
            await SubscribeAsync("subscription { stockChanged(eventId: \"e1\") { eventId remaining } }", id: "op-" + i);
        }
        await WaitForGroupsAsync(subscribers, "e1");
        Assert.Equal(1, Registry.GroupCount);
        // One bus subscription for the group, none left behind by the subscribers' own (dropped) streams.
        await Wait.UntilAsync(() => Bus.SubscriberCount(SharedSchema.Topic("e1")) == 1, "one bus subscription");

        for (var remaining = 10; remaining > 7; remaining--)
        {
            Counters.Reset();
            await PublishAsync("e1", remaining);
            for (var i = 0; i < subscribers; i++)
            {
                var message = await _clients[i].ReceiveAsync();
                Assert.Equal("next", Type(message));
                Assert.Equal("op-" + i, message!.Value.GetProperty("id").GetString());
                Assert.Equal("{\"data\":{\"stockChanged\":{\"eventId\":\"e1\",\"remaining\":" + remaining + "}}}", message.Value.GetProperty("payload").GetRawText());
            }
            Assert.Equal(1, Counters.Remaining);
        }
    }

    [Fact]
    public async Task Different_variables_make_different_groups_and_equal_ones_share()
    {
        const string query = "subscription($id: String!) { stockChanged(eventId: $id) { eventId remaining } }";
        var clients = new List<WsTestClient>();
        foreach (var (eventId, extra) in new[] { ("a", 1), ("a", 2), ("b", 3) })
        {
            var client = await WsTestClient.ConnectAsync(_server);
            _clients.Add(client);
            clients.Add(client);
            await client.InitAsync("user:x");
            // Undeclared variables do not split groups.
            await client.SendAsync(new { type = "subscribe", id = "1", payload = new { query, variables = new Dictionary<string, object> { ["id"] = eventId, ["unused"] = extra } } });
        }
        await WaitForGroupsAsync(3, "a", "b");
        Assert.Equal(2, Registry.GroupCount);

        Counters.Reset();
        await PublishAsync("a", 5);
        await PublishAsync("b", 6);
        Assert.Equal(5, (await clients[0].ReceiveAsync())!.Value.GetProperty("payload").GetProperty("data").GetProperty("stockChanged").GetProperty("remaining").GetInt32());
        Assert.Equal(5, (await clients[1].ReceiveAsync())!.Value.GetProperty("payload").GetProperty("data").GetProperty("stockChanged").GetProperty("remaining").GetInt32());
        Assert.Equal(6, (await clients[2].ReceiveAsync())!.Value.GetProperty("payload").GetProperty("data").GetProperty("stockChanged").GetProperty("remaining").GetInt32());
        Assert.Equal(2, Counters.Remaining); // one execution per group
    }

    [Fact]
    public async Task A_field_without_sharing_executes_per_subscriber()
    {
        const int subscribers = 5;
        for (var i = 0; i < subscribers; i++)
        {
            await SubscribeAsync("subscription { stockChangedUnshared(eventId: \"u\") { remaining } }");
        }
        await Wait.UntilAsync(() => Bus.SubscriberCount(SharedSchema.Topic("u")) == subscribers, "every subscriber's own bus subscription");
        Assert.Equal(0, Registry.GroupCount);

        Counters.Reset();
        await PublishAsync("u", 4);
        foreach (var client in _clients)
        {
            Assert.Equal("""{"data":{"stockChangedUnshared":{"remaining":4}}}""", (await client.ReceiveAsync())!.Value.GetProperty("payload").GetRawText());
        }
        Assert.Equal(subscribers, Counters.Remaining);
    }

    [Fact]
    public async Task Sharing_can_be_turned_off_by_the_server()
    {
        await using var server = await StartAsync(o => o.SharedSubscriptions.Enabled = false);
        var counters = server.Services.GetRequiredService<StockCounters>();
        var bus = server.Services.GetRequiredService<InMemorySubscriptionBus>();
        var a = await SubscribeAsync("subscription { stockChanged(eventId: \"off\") { remaining } }", server: server);
        var b = await SubscribeAsync("subscription { stockChanged(eventId: \"off\") { remaining } }", server: server);
        await Wait.UntilAsync(() => bus.SubscriberCount(SharedSchema.Topic("off")) == 2, "two bus subscriptions");
        await bus.PublishAsync(SharedSchema.Topic("off"), new StockMessage("off", 1, ""));
        Assert.Equal("next", Type(await a.ReceiveAsync()));
        Assert.Equal("next", Type(await b.ReceiveAsync()));
        Assert.Equal(2, counters.Remaining);
        Assert.Equal(0, server.Services.GetRequiredService<GraphQLRequestPipeline>().SharedSubscriptions!.GroupCount);
    }

    [Fact]
    public async Task Authorization_runs_per_subscriber_and_a_refused_one_never_joins()
    {
        var member = await SubscribeAsync("subscription { memberStockChanged(eventId: \"m\") { remaining } }", "user:alice");
        await WaitForGroupsAsync(1, "m");
        var anonymous = await SubscribeAsync("subscription { memberStockChanged(eventId: \"m\") { remaining } }", "nobody");
        var refusal = await anonymous.ReceiveAsync();
        Assert.Equal("next", Type(refusal));
        Assert.Equal("UNAUTHENTICATED", refusal!.Value.GetProperty("payload").GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal("complete", Type(await anonymous.ReceiveAsync()));
        Assert.Equal(1, Registry.SubscriberCount);

        await PublishAsync("m", 3);
        Assert.Equal("next", Type(await member.ReceiveAsync()));
        Assert.False((await anonymous.TryReceiveAsync(TimeSpan.FromMilliseconds(200))).Received);
    }

    [Fact]
    public async Task A_sharing_scope_splits_groups_and_no_scope_means_no_sharing()
    {
        const string query = "subscription { tenantStockChanged(eventId: \"t\") { remaining } }";
        var red1 = await SubscribeAsync(query, "user:ann@red");
        var red2 = await SubscribeAsync(query, "user:bob@red");
        var blue = await SubscribeAsync(query, "user:cid@blue");
        var none = await SubscribeAsync(query, "user:dan");
        await WaitForGroupsAsync(3, "t");
        Assert.Equal(2, Registry.GroupCount);
        await Wait.UntilAsync(() => Bus.SubscriberCount(SharedSchema.Topic("t")) == 3, "two groups and one subscriber of its own on the bus");

        Counters.Reset();
        await PublishAsync("t", 8);
        foreach (var client in new[] { red1, red2, blue, none })
        {
            Assert.Equal("""{"data":{"tenantStockChanged":{"remaining":8}}}""", (await client.ReceiveAsync())!.Value.GetProperty("payload").GetRawText());
        }
        Assert.Equal(3, Counters.Remaining); // red, blue, and dan on his own
    }

    [Fact]
    public async Task One_subscriber_leaving_leaves_the_others_receiving_and_the_last_one_ends_the_group()
    {
        const string query = "subscription { stockChanged(eventId: \"leave\") { remaining } }";
        var a = await SubscribeAsync(query);
        var b = await SubscribeAsync(query);
        var c = await SubscribeAsync(query);
        await WaitForGroupsAsync(3, "leave");

        await a.SendAsync(new { type = "complete", id = "1" });
        await Wait.UntilAsync(() => Registry.SubscriberCount == 2, "two subscribers left");
        await PublishAsync("leave", 1);
        Assert.Equal("next", Type(await b.ReceiveAsync()));
        Assert.Equal("next", Type(await c.ReceiveAsync()));
        Assert.False((await a.TryReceiveAsync(TimeSpan.FromMilliseconds(200))).Received);

        await b.Socket.CloseAsync(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, "", CancellationToken.None); // a vanished connection leaves too
        await Wait.UntilAsync(() => Registry.SubscriberCount == 1, "one subscriber left");
        await PublishAsync("leave", 2);
        Assert.Equal(2, (await c.ReceiveAsync())!.Value.GetProperty("payload").GetProperty("data").GetProperty("stockChanged").GetProperty("remaining").GetInt32());
        Assert.Equal(1, Registry.GroupCount);

        await c.SendAsync(new { type = "complete", id = "1" });
        // The group is gone, and with it its bus subscription and its scope: nothing leaks.
        await Wait.UntilAsync(() => Registry.GroupCount == 0 && Registry.SubscriberCount == 0, "no group left");
        await Wait.UntilAsync(() => Bus.SubscriberCount(SharedSchema.Topic("leave")) == 0, "no bus subscription left");

        // The next subscriber starts a new group.
        var d = await SubscribeAsync(query);
        await WaitForGroupsAsync(1, "leave");
        await PublishAsync("leave", 3);
        Assert.Equal(3, (await d.ReceiveAsync())!.Value.GetProperty("payload").GetProperty("data").GetProperty("stockChanged").GetProperty("remaining").GetInt32());
    }

    [Fact]
    public async Task Many_groups_come_and_go_without_leaking()
    {
        for (var round = 0; round < 3; round++)
        {
            var clients = new List<WsTestClient>();
            for (var i = 0; i < 12; i++)
            {
                var client = await WsTestClient.ConnectAsync(_server);
                clients.Add(client);
                await client.InitAsync("user:x");
                await client.SendAsync(new { type = "subscribe", id = "1", payload = new { query = $"subscription {{ stockChanged(eventId: \"g{i % 4}\") {{ remaining }} }}" } });
            }
            await Wait.UntilAsync(() => Registry.SubscriberCount == 12 && Registry.GroupCount == 4, "12 subscribers in 4 groups");
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
            await Wait.UntilAsync(() => Registry.GroupCount == 0 && Registry.SubscriberCount == 0, "every group gone");
            await Wait.UntilAsync(() => Bus.TopicCount == 0, "no bus topic left");
        }
    }

    [Fact]
    public async Task An_execution_error_is_every_subscribers_result_for_that_event()
    {
        var a = await SubscribeAsync("subscription { stockChanged(eventId: \"err\") { eventId remaining } }");
        var b = await SubscribeAsync("subscription { stockChanged(eventId: \"err\") { eventId remaining } }");
        await WaitForGroupsAsync(2, "err");
        Counters.Reset();
        await PublishAsync("err", -1);
        var first = await a.ReceiveAsync();
        var second = await b.ReceiveAsync();
        Assert.Equal(first!.Value.GetProperty("payload").GetRawText(), second!.Value.GetProperty("payload").GetRawText());
        Assert.Equal("NEGATIVE_STOCK", first.Value.GetProperty("payload").GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal(1, Counters.Remaining);

        // The group goes on with the next event.
        await PublishAsync("err", 2);
        Assert.Equal("next", Type(await a.ReceiveAsync()));
        Assert.Equal("next", Type(await b.ReceiveAsync()));
    }

    [Fact]
    public async Task Sse_and_websocket_subscribers_share_one_group()
    {
        const string query = "subscription { stockChanged(eventId: \"sse\") { eventId remaining } }";
        var ws = await SubscribeAsync(query);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var response = await _server.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cts.Token));
        await WaitForGroupsAsync(2, "sse");
        Assert.Equal(1, Registry.GroupCount);

        Counters.Reset();
        await PublishAsync("sse", 42);
        Assert.Equal("event: next", await reader.ReadLineAsync(cts.Token));
        Assert.Equal("""data: {"data":{"stockChanged":{"eventId":"sse","remaining":42}}}""", await reader.ReadLineAsync(cts.Token));
        Assert.Equal("""{"data":{"stockChanged":{"eventId":"sse","remaining":42}}}""", (await ws.ReceiveAsync())!.Value.GetProperty("payload").GetRawText());
        Assert.Equal(1, Counters.Remaining);
    }

    [Fact]
    public async Task A_subscriber_that_stops_reading_does_not_delay_the_others_of_its_group()
    {
        const string query = "subscription { stockChanged(eventId: \"flood\") { remaining note } }";
        // The slow client never reads its 64 KiB results: its socket buffers and send queue fill within a few
        // events, then its own member queue drops the oldest results. The group never waits for it.
        var slow = await SubscribeAsync(query);
        var fast = await SubscribeAsync(query);
        await WaitForGroupsAsync(2, "flood");
        var worst = TimeSpan.Zero;
        for (var i = 0; i < 300; i++)
        {
            var clock = Stopwatch.StartNew();
            await PublishAsync("flood", i, noteSize: 65536);
            var message = await fast.ReceiveAsync(TimeSpan.FromSeconds(5));
            Assert.Equal(i, message!.Value.GetProperty("payload").GetProperty("data").GetProperty("stockChanged").GetProperty("remaining").GetInt32());
            worst = clock.Elapsed > worst ? clock.Elapsed : worst;
        }
        Assert.True(worst < TimeSpan.FromSeconds(1), $"slowest event took {worst}");
        Assert.Equal(2, Registry.SubscriberCount); // the slow one is still a member, just dropping
        Assert.Equal(System.Net.WebSockets.WebSocketState.Open, slow.Socket.State);
    }
}
