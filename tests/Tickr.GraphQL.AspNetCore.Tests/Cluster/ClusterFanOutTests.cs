using System.Net;
using Tickr.GraphQL.AspNetCore.Tests.Subscriptions;

namespace Tickr.GraphQL.AspNetCore.Tests.Cluster;

/// <summary>Two real server instances on two ports sharing one real redis-server.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterFanOutTests : IClassFixture<RedisServer>, IAsyncLifetime
{
    private readonly RedisServer _redis;
    private ClusterNode _a = null!;
    private ClusterNode _b = null!;

    public ClusterFanOutTests(RedisServer redis) => _redis = redis;

    public async Task InitializeAsync()
    {
        await _redis.StartAsync();
        _a = await ClusterNode.StartAsync("A", _redis.ConnectionString);
        _b = await ClusterNode.StartAsync("B", _redis.ConnectionString);
        await _a.WaitForReadyAsync("Healthy");
        await _b.WaitForReadyAsync("Healthy");
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        _a.Logs.AssertNoErrors(_a.Name);
        _b.Logs.AssertNoErrors(_b.Name);
    }

    [Fact]
    public async Task A_subscriber_on_B_receives_what_a_mutation_sent_to_A_published()
    {
        Assert.NotEqual(_a.Port, _b.Port);
        await using var subscriber = await _b.SubscribeAsync("show:1");
        await ClusterSync.SubscribedAsync(_redis, "show:1", (_b, 1));

        await _a.PublishAsync("show:1", "seat 12A sold");

        Assert.Equal("seat 12A sold", await subscriber.NextAsync());
        // The mutation ran on A only: B delivered it without having committed anything itself.
        Assert.Equal(1, (await _a.PostAsync("{ committedCount }")).GetProperty("committedCount").GetInt32());
        Assert.Equal(0, (await _b.PostAsync("{ committedCount }")).GetProperty("committedCount").GetInt32());
        Assert.Equal((HttpStatusCode.OK, "Healthy"), await _a.ReadyAsync());
    }

    [Fact]
    public async Task Every_subscriber_on_both_instances_gets_each_message_exactly_once_and_topics_are_isolated()
    {
        const string Seats = "show:2:seats";
        const string Prices = "show:2:prices";
        // Several subscribers per instance, each on its own connection, on two topics.
        var seatSubscribers = new List<ClusterSubscriber>();
        var priceSubscribers = new List<ClusterSubscriber>();
        try
        {
            foreach (var node in new[] { _a, _a, _b, _b, _b })
            {
                seatSubscribers.Add(await node.SubscribeAsync(Seats));
            }

            foreach (var node in new[] { _a, _b })
            {
                priceSubscribers.Add(await node.SubscribeAsync(Prices));
            }

            await ClusterSync.SubscribedAsync(_redis, Seats, (_a, 2), (_b, 3));
            await ClusterSync.SubscribedAsync(_redis, Prices, (_a, 1), (_b, 1));

            await _a.PublishAsync(Seats, "12A sold (A)");
            await _b.PublishAsync(Seats, "12B sold (B)");
            await _b.PublishAsync(Prices, "price up (B)");
            // One channel subscription per instance, whatever the number of local subscribers.
            Assert.Equal(2, await ClusterSync.PublishMarkerAsync(_redis, Seats, "end"));
            Assert.Equal(2, await ClusterSync.PublishMarkerAsync(_redis, Prices, "end"));

            // Everything (an echo of its own publish, a duplicate handler, another topic's message) that could reach a
            // subscriber before the marker has. Local and remote messages may interleave either way, so sort.
            foreach (var subscriber in seatSubscribers)
            {
                var received = await subscriber.ReceiveUntilAsync("end");
                Assert.Equal(["12A sold (A)", "12B sold (B)"], received.Order(StringComparer.Ordinal));
            }

            foreach (var subscriber in priceSubscribers)
            {
                Assert.Equal(["price up (B)"], await subscriber.ReceiveUntilAsync("end"));
            }
        }
        finally
        {
            foreach (var subscriber in seatSubscribers.Concat(priceSubscribers))
            {
                await subscriber.DisposeAsync();
            }
        }
    }
}
