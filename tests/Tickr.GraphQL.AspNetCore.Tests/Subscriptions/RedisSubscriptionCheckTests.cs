using System.Text.Json;
using StackExchange.Redis;
using Tickr.GraphQL.AspNetCore.Subscriptions;

namespace Tickr.GraphQL.AspNetCore.Tests.Subscriptions;

/// <summary>
/// A channel subscription lost without the client noticing (StackExchange.Redis 1.x issues #273 / #1110) is found by
/// the bus's subscription check and re-asserted, and delivery stays exactly once. This class has its own redis-server:
/// it changes its ACL and kills its connections.
/// </summary>
public sealed class RedisSubscriptionCheckTests : IClassFixture<RedisFixture>, IAsyncLifetime
{
    private static readonly TimeSpan CheckInterval = TimeSpan.FromMilliseconds(300);
    private readonly RedisFixture _redis;
    private readonly ListLogger<RedisSubscriptionBus> _log = new();

    public RedisSubscriptionCheckTests(RedisFixture redis) => _redis = redis;

    public Task InitializeAsync() => _redis.StartAsync();

    public async Task DisposeAsync()
    {
        if (_redis.IsRunning)
        {
            await _redis.CommandAsync("ACL", "SETUSER", "default", "+subscribe");
        }
    }

    [Fact]
    public async Task A_subscription_lost_on_the_server_while_the_client_believes_it_subscribed_is_re_asserted()
    {
        var topic = NewTopic();
        await using var a = NewBus();
        await using var b = NewBus();
        await Wait.UntilAsync(() => a.IsConnected && b.IsConnected, "both buses to connect");
        await using var stream = await b.SubscribeAsync<int>(topic);
        await using var messages = stream.GetAsyncEnumerator();
        await a.PublishAsync(topic, 0);
        Assert.Equal(0, await Wait.NextAsync(messages));

        // The server refuses SUBSCRIBE, and B's subscription connection is dropped: StackExchange.Redis reconnects and
        // re-sends SUBSCRIBE fire-and-forget, Redis answers NOPERM, and the client still believes the channel subscribed.
        // That is the state of issue #1110 (subscribed client-side, not server-side), with no error surfaced.
        await _redis.CommandAsync("ACL", "SETUSER", "default", "-subscribe");
        await _redis.CommandAsync("CLIENT", "KILL", "TYPE", "pubsub");
        await Wait.UntilAsync(() => b.ResubscribedCount > 0, "B's check to find the subscription missing", Wait.ReconnectTimeout);
        Assert.Equal(0, await _redis.SubscriberCountAsync("tickr:" + topic));
        Assert.True(b.MissingSubscriptionCount > 0);

        // Once Redis accepts SUBSCRIBE again, the next check re-asserts it: within a few check intervals.
        await _redis.CommandAsync("ACL", "SETUSER", "default", "+subscribe");
        await Wait.UntilAsync(async () => await _redis.SubscriberCountAsync("tickr:" + topic) == 1, "B's subscription to be re-asserted", CheckInterval * 10);
        await Wait.UntilAsync(() => b.MissingSubscriptionCount == 0, "B's check to confirm the repair", CheckInterval * 10);

        await AssertExactlyOnceAsync(a, topic, messages);
        Assert.True(_log.Has("were missing"), "the missing subscription was not logged");
        _log.AssertNoErrors();
    }

    [Fact]
    public async Task A_subscription_the_client_dropped_is_re_asserted_by_the_periodic_check()
    {
        var topic = NewTopic();
        await using var a = NewBus();
        using var multiplexer = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString);
        await using var b = new RedisSubscriptionBus(multiplexer, Options(), _log);
        await Wait.UntilAsync(() => a.IsConnected, "A to connect");
        await using var stream = await b.SubscribeAsync<int>(topic);
        await using var messages = stream.GetAsyncEnumerator();
        Assert.Equal(1, await _redis.SubscriberCountAsync("tickr:" + topic));

        // Client and server both forget the channel (what #1110's stray UNSUBSCRIBE leaves behind): every handler of
        // the channel is removed on B's multiplexer, without B knowing. No reconnect: only the periodic check sees it.
        // (Not asserting that Redis shows 0 now: the 300 ms check may already have repaired it.)
        await multiplexer.GetSubscriber().UnsubscribeAsync(new RedisChannel("tickr:" + topic, RedisChannel.PatternMode.Literal));

        // StackExchange.Redis 3 may complete the UNSUBSCRIBE call before Redis has processed it: NUMSUB alone can still
        // show the old subscription, so wait for the check's re-assertion first.
        await Wait.UntilAsync(() => b.ResubscribedCount >= 1, "B's check to re-assert the subscription", CheckInterval * 10);
        await Wait.UntilAsync(async () => await _redis.SubscriberCountAsync("tickr:" + topic) == 1, "B's subscription to be re-asserted", CheckInterval * 10);
        await AssertExactlyOnceAsync(a, topic, messages);
        _log.AssertNoErrors();
    }

    [Fact]
    public async Task Healthy_subscriptions_are_never_re_asserted_while_topics_come_and_go()
    {
        await using var a = NewBus();
        await using var b = NewBus(TimeSpan.FromMilliseconds(20));
        await Wait.UntilAsync(() => a.IsConnected && b.IsConnected, "both buses to connect");
        var kept = NewTopic();
        await using var keptStream = await b.SubscribeAsync<int>(kept);
        await using var keptMessages = keptStream.GetAsyncEnumerator();

        // Churn while checks run every 20 ms: a count read while topics come and go must not look like a loss.
        for (var i = 0; i < 200; i++)
        {
            var stream = await b.SubscribeAsync<int>(NewTopic());
            if (i % 3 == 0)
            {
                await stream.DisposeAsync();
            }
        }

        for (var i = 0; i < 5; i++)
        {
            Assert.True(await b.CheckSubscriptionsAsync());
        }

        Assert.Equal(0, b.ResubscribedCount);
        Assert.Equal(0, b.MissingSubscriptionCount);
        await AssertExactlyOnceAsync(a, kept, keptMessages);
        _log.AssertNoErrors();
    }

    [Fact]
    public void The_subscription_count_is_read_from_the_newest_other_connection_with_the_bus_name()
    {
        const string list = """
            id=3 addr=127.0.0.1:5000 laddr=127.0.0.1:6379 fd=8 name=tickr-bus-x age=9 idle=0 flags=N db=0 sub=0 psub=0 ssub=0 multi=-1 cmd=client|list
            id=4 addr=127.0.0.1:5001 laddr=127.0.0.1:6379 fd=9 name=tickr-bus-x age=9 idle=0 flags=P db=0 sub=7 psub=1 ssub=0 multi=-1 cmd=subscribe
            id=5 addr=127.0.0.1:5002 laddr=127.0.0.1:6379 fd=10 name=tickr-bus-y age=9 idle=0 flags=P db=0 sub=9 psub=0 ssub=0 multi=-1 cmd=subscribe
            id=6 addr=127.0.0.1:5003 laddr=127.0.0.1:6379 fd=11 name=tickr-bus-x age=1 idle=0 flags=N db=0 sub=0 psub=0 ssub=0 multi=-1 cmd=client|setname
            """;

        Assert.Equal(0, RedisSubscriptionBus.ParseSubscriptionCount(list, "tickr-bus-x", excludeId: 3));
        Assert.Equal(9, RedisSubscriptionBus.ParseSubscriptionCount(list, "tickr-bus-y", excludeId: 3));
        Assert.Null(RedisSubscriptionBus.ParseSubscriptionCount(list, "tickr-bus-z", excludeId: 3));
        Assert.Equal(8, RedisSubscriptionBus.ParseSubscriptionCount(list.Replace("id=6 ", "id=1 ", StringComparison.Ordinal), "tickr-bus-x", excludeId: 3));
    }

    /// <summary>
    /// A publishes 1..5, then a foreign publisher sends 6 through Redis. Redis delivers in order on B's one subscription
    /// connection, so B seeing exactly 1..6 means no message was doubled before 6, and 7 after it shows 6 was not either.
    /// </summary>
    private async Task AssertExactlyOnceAsync(RedisSubscriptionBus a, string topic, IAsyncEnumerator<int> messages)
    {
        for (var i = 1; i <= 5; i++)
        {
            await a.PublishAsync(topic, i);
        }

        Assert.Equal(1L, (long)(await _redis.CommandAsync("PUBLISH", "tickr:" + topic, JsonSerializer.Serialize(6)))!);
        await a.PublishAsync(topic, 7);
        Assert.Equal([1, 2, 3, 4, 5, 6, 7], await Wait.NextAsync(messages, 7));
    }

    private RedisSubscriptionBus NewBus(TimeSpan? interval = null) => new(Options(interval), _log);

    private RedisSubscriptionBusOptions Options(TimeSpan? interval = null) => new()
    {
        ConnectionString = _redis.ConnectionString,
        SubscriptionCheckInterval = interval ?? CheckInterval,
        ReconnectCheckDelay = TimeSpan.FromMilliseconds(100),
        SubscribeTimeout = TimeSpan.FromSeconds(2),
    };

    private static string NewTopic() => "check:" + Guid.NewGuid().ToString("N");
}
