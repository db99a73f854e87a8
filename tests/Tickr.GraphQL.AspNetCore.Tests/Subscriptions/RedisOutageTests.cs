using Tickr.GraphQL.AspNetCore.Subscriptions;

namespace Tickr.GraphQL.AspNetCore.Tests.Subscriptions;

/// <summary>
/// Redis stopped and restarted for real (same port). This class has its own redis-server, so stopping it
/// does not disturb the other classes.
/// </summary>
public sealed class RedisOutageTests : IClassFixture<RedisServer>, IAsyncLifetime
{
    private const string Topic = "event:1:inventory";
    private readonly RedisServer _redis;

    public RedisOutageTests(RedisServer redis) => _redis = redis;

    public Task InitializeAsync() => _redis.StartAsync();

    public Task DisposeAsync() => _redis.StartAsync();

    [Fact]
    public async Task Redis_down_at_start_then_up()
    {
        await _redis.StopAsync();
        await using var a = NewBus();
        await using var b = NewBus();
        Assert.False(a.IsConnected);

        // The app starts and serves subscriptions and mutations while Redis is down.
        await using var remote = await b.SubscribeAsync<int>(Topic);
        await using var local = await a.SubscribeAsync<int>(Topic);
        await using var remoteMessages = remote.GetAsyncEnumerator();
        await using var localMessages = local.GetAsyncEnumerator();
        await a.PublishAsync(Topic, 1);
        Assert.Equal(1, await Wait.NextAsync(localMessages));
        Assert.True(a.DroppedPublishCount >= 1);

        await _redis.StartAsync();
        await Wait.UntilAsync(() => a.IsConnected && b.IsConnected, "both buses to connect", Wait.ReconnectTimeout);
        await Wait.UntilAsync(async () => await _redis.SubscriberCountAsync("tickr:" + Topic) == 2, "both subscriptions to reach Redis", Wait.ReconnectTimeout);

        await a.PublishAsync(Topic, 2);
        Assert.Equal(2, await Wait.NextAsync(remoteMessages));
        Assert.Equal(2, await Wait.NextAsync(localMessages));
        Assert.True(_log.Has("Redis is unreachable"), "the dropped publish was not logged");
        _log.AssertNoErrors();
    }

    [Fact]
    public async Task Redis_restart_during_operation()
    {
        await using var a = NewBus();
        await using var b = NewBus();
        await Wait.UntilAsync(() => a.IsConnected && b.IsConnected, "both buses to connect");
        await using var remote = await b.SubscribeAsync<int>(Topic);
        await using var local = await a.SubscribeAsync<int>(Topic);
        await using var remoteMessages = remote.GetAsyncEnumerator();
        await using var localMessages = local.GetAsyncEnumerator();
        await a.PublishAsync(Topic, 1);
        Assert.Equal(1, await Wait.NextAsync(remoteMessages));
        Assert.Equal(1, await Wait.NextAsync(localMessages));

        await _redis.StopAsync();
        await Wait.UntilAsync(() => !a.IsConnected && !b.IsConnected, "both buses to notice the outage");

        // Publishing during the outage does not throw; this server's own subscribers still get the message.
        await a.PublishAsync(Topic, 2);
        Assert.Equal(2, await Wait.NextAsync(localMessages));
        Assert.True(a.DroppedPublishCount >= 1);
        // A subscription made during the outage is established when Redis is back.
        await using var late = await b.SubscribeAsync<int>("event:2:inventory");
        await using var lateMessages = late.GetAsyncEnumerator();

        await _redis.StartAsync();
        await Wait.UntilAsync(() => a.IsConnected && b.IsConnected, "both buses to reconnect", Wait.ReconnectTimeout);
        await Wait.UntilAsync(async () => await _redis.SubscriberCountAsync("tickr:" + Topic) == 2, "the subscriptions to be re-established", Wait.ReconnectTimeout);
        await Wait.UntilAsync(async () => await _redis.SubscriberCountAsync("tickr:event:2:inventory") == 1, "the late subscription to reach Redis", Wait.ReconnectTimeout);

        // The same streams resume; the message published during the outage is lost for the other server.
        await a.PublishAsync(Topic, 3);
        await a.PublishAsync("event:2:inventory", 30);
        Assert.Equal(3, await Wait.NextAsync(remoteMessages));
        Assert.Equal(3, await Wait.NextAsync(localMessages));
        Assert.Equal(30, await Wait.NextAsync(lateMessages));
        Assert.True(_log.Has("connection to"), "the connection failure was not logged");
        Assert.True(_log.Has("restored"), "the reconnection was not logged");
        Assert.True(_log.Has("Redis is unreachable"), "the dropped publish was not logged");
        _log.AssertNoErrors();
    }

    [Fact]
    public async Task A_frozen_redis_delays_one_publish_by_at_most_the_timeout_and_loses_nothing()
    {
        await using var a = NewBus();
        await using var b = NewBus();
        await Wait.UntilAsync(() => a.IsConnected && b.IsConnected, "both buses to connect");
        await using var remote = await b.SubscribeAsync<int>(Topic);
        await using var remoteMessages = remote.GetAsyncEnumerator();

        await _redis.FreezeAsync();
        try
        {
            // The first publish waits for PUBLISH's reply until PublishTimeout, then gives up waiting (no throw).
            await a.PublishAsync(Topic, 1);
            // The next ones do not wait at all while that reply is outstanding: they complete synchronously.
            for (var i = 2; i <= 20; i++)
            {
                Assert.True(a.PublishAsync(Topic, i).IsCompletedSuccessfully, $"publish {i} waited for the frozen Redis");
            }
        }
        finally
        {
            await _redis.ThawAsync();
        }

        // Queued, not dropped: once Redis answers, everything arrives in order.
        Assert.Equal(Enumerable.Range(1, 20), await Wait.NextAsync(remoteMessages, 20));
        Assert.Equal(0, a.DroppedPublishCount);
        Assert.True(_log.Has("did not answer a PUBLISH"), "the stall was not logged");
        _log.AssertNoErrors();
    }

    /// <summary>
    /// StackExchange.Redis 1.x could lose a channel subscription around a reconnect without any error (its issues #273,
    /// #1110), which the bus once compensated for. 3.x re-subscribes from its own registry: under a storm of dropped
    /// connections while topics come and go, every channel is back and delivering, with the subscription check off.
    /// </summary>
    [Fact]
    public async Task Reconnect_storms_lose_no_channel_subscription_without_the_subscription_check()
    {
        await using var a = NewBus();
        await using var b = NewBus(checkOff: true);
        await Wait.UntilAsync(() => a.IsConnected && b.IsConnected, "both buses to connect");
        var live = new List<(string Topic, ISourceStream<int> Stream)>();
        for (var i = 0; i < 20; i++)
        {
            var topic = "storm:" + Guid.NewGuid().ToString("N");
            live.Add((topic, await b.SubscribeAsync<int>(topic)));
        }

        try
        {
            using var stop = new CancellationTokenSource();
            var churn = Task.Run(async () =>
            {
                var random = new Random(1);
                while (!stop.IsCancellationRequested)
                {
                    var topic = "storm:" + Guid.NewGuid().ToString("N");
                    var stream = await b.SubscribeAsync<int>(topic);
                    if (random.Next(2) == 0)
                    {
                        await stream.DisposeAsync();
                    }
                    else
                    {
                        lock (live)
                        {
                            live.Add((topic, stream));
                        }
                    }

                    await Task.Delay(random.Next(0, 10));
                }
            });

            // Kills land while SUBSCRIBEs, UNSUBSCRIBEs and re-subscriptions are in flight, and while connections are
            // being (re)established; every fourth one drops the interactive connections too.
            var gaps = new Random(2);
            for (var i = 0; i < 40; i++)
            {
                await _redis.CommandAsync("CLIENT", "KILL", "TYPE", i % 4 == 0 ? "normal" : "pubsub");
                await Task.Delay(gaps.Next(0, 150));
            }

            await stop.CancelAsync();
            await churn;
            await Wait.UntilAsync(() => a.IsConnected && b.IsConnected, "both buses to reconnect", Wait.ReconnectTimeout);
            foreach (var (topic, _) in live)
            {
                await Wait.UntilAsync(async () => await _redis.SubscriberCountAsync("tickr:" + topic) == 1, $"'{topic}' to be subscribed", Wait.ReconnectTimeout);
            }

            foreach (var (topic, stream) in live)
            {
                await a.PublishAsync(topic, 1);
                await using var messages = stream.GetAsyncEnumerator();
                Assert.Equal(1, await Wait.NextAsync(messages));
            }

            Assert.True(live.Count > 40, $"only {live.Count} topics: the churn did not run");
            Assert.Equal(0, b.ResubscribedCount);
            _log.AssertNoErrors();
        }
        finally
        {
            foreach (var (_, stream) in live)
            {
                await stream.DisposeAsync();
            }
        }
    }

    private readonly ListLogger<RedisSubscriptionBus> _log = new();

    private RedisSubscriptionBus NewBus(bool checkOff = false) => new(new RedisSubscriptionBusOptions
    {
        ConnectionString = _redis.ConnectionString,
        // Redis down: do not let each SubscribeAsync wait long for a confirmation that cannot come yet.
        SubscribeTimeout = TimeSpan.FromSeconds(2),
        PublishTimeout = TimeSpan.FromMilliseconds(500),
        // Off: no periodic check, and the one after a reconnect would come long after the test.
        SubscriptionCheckInterval = checkOff ? Timeout.InfiniteTimeSpan : TimeSpan.FromSeconds(30),
        ReconnectCheckDelay = checkOff ? TimeSpan.FromHours(1) : TimeSpan.FromSeconds(1),
    }, _log);
}
