using Tickr.GraphQL.AspNetCore.Tests.Subscriptions;

namespace Tickr.GraphQL.AspNetCore.Tests.Cluster;

/// <summary>A WebSocket client on B that never reads, while the cluster keeps publishing.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterSlowSubscriberTests : IClassFixture<RedisServer>
{
    private const string Topic = "show:5:seats";
    private const int Events = 200;
    private readonly RedisServer _redis;

    /// <summary>
    /// A small send queue so the stalled connection is full after a few events (the default behaves the same, later),
    /// and a send timeout longer than any run, so the stalled connection is not aborted: this test is about isolation.
    /// </summary>
    private static void Configure(GraphQLServerOptions options)
    {
        options.WebSockets.SendQueueCapacity = 4;
        options.WebSockets.SendTimeout = TimeSpan.FromMinutes(5);
    }

    public ClusterSlowSubscriberTests(RedisServer redis) => _redis = redis;

    [Fact]
    public async Task A_subscriber_on_B_that_never_reads_holds_up_no_one_on_either_instance()
    {
        await _redis.StartAsync();
        var a = await ClusterNode.StartAsync("A", _redis.ConnectionString, Configure);
        var b = await ClusterNode.StartAsync("B", _redis.ConnectionString, Configure);
        try
        {
            // 256 KiB per event: 50 MiB in all, far beyond what loopback socket buffers absorb, so its connection stalls.
            await using var stalled = await b.SubscribeBlobAsync(Topic, 256 * 1024);
            await using var fastOnB1 = await b.SubscribeAsync(Topic);
            await using var fastOnB2 = await b.SubscribeAsync(Topic);
            await using var fastOnA = await a.SubscribeAsync(Topic);
            await ClusterSync.SubscribedAsync(_redis, Topic, (a, 1), (b, 3));
            ClusterSubscriber[] fast = [fastOnB1, fastOnB2, fastOnA];

            // Lockstep, alternating the instance the mutation goes to (so B's subscribers are fed both by Redis and
            // locally): if the stalled client held up B's Redis reader or B's fan-out, an event would not arrive and
            // the guard timeout would fail the test. Each fast subscriber gets every event, in order.
            for (var i = 0; i < Events; i++)
            {
                await (i % 2 == 0 ? a : b).PublishAsync(Topic, i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                foreach (var subscriber in fast)
                {
                    Assert.Equal(i.ToString(System.Globalization.CultureInfo.InvariantCulture), await subscriber.NextAsync());
                }
            }

            // And they are still in lockstep: nothing extra was queued behind the stalled client.
            Assert.Equal(2, await ClusterSync.PublishMarkerAsync(_redis, Topic, "end"));
            foreach (var subscriber in fast)
            {
                Assert.Empty(await subscriber.ReceiveUntilAsync("end"));
            }

            // The stalled client really was stalled: reading now, it gets what its bounded queues kept (drop-oldest:
            // the newest events, still in order), far fewer than were published. Its connection stayed open.
            var kept = (await stalled.ReceiveUntilAsync("end")).Select(value => int.Parse(value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.InRange(kept.Count, 1, Events - 1);
            Assert.Equal(kept.Order(), kept);
            Assert.Equal(Events - 1, kept[^1]);

            Assert.Equal(Events, (await a.PostAsync("{ committedCount }")).GetProperty("committedCount").GetInt32()
                + (await b.PostAsync("{ committedCount }")).GetProperty("committedCount").GetInt32());
        }
        finally
        {
            await a.DisposeAsync();
            await b.DisposeAsync();
        }

        a.Logs.AssertNoErrors(a.Name);
        b.Logs.AssertNoErrors(b.Name);
    }
}
