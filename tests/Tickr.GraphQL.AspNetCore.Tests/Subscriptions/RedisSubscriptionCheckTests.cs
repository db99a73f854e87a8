using System.Text.Json;
using StackExchange.Redis;
using Tickr.GraphQL.AspNetCore.Subscriptions;

namespace Tickr.GraphQL.AspNetCore.Tests.Subscriptions;

/// <summary>
/// A SUBSCRIBE that Redis refuses is not retried by StackExchange.Redis before its next reconnect; the bus's subscription
/// check re-subscribes it once Redis accepts it, and delivery stays exactly once. This class has its own redis-server: it
/// changes its ACL and kills its connections.
/// </summary>
public sealed class RedisSubscriptionCheckTests : IClassFixture<RedisServer>, IAsyncLifetime
{
    private static readonly TimeSpan CheckInterval = TimeSpan.FromMilliseconds(300);
    private readonly RedisServer _redis;
    private readonly ListLogger<RedisSubscriptionBus> _log = new();

    public RedisSubscriptionCheckTests(RedisServer redis) => _redis = redis;

    public Task InitializeAsync() => _redis.StartAsync();

    public async Task DisposeAsync()
    {
        if (_redis.IsRunning)
        {
            await AllowSubscriptionsAsync();
        }
    }

    /// <summary>
    /// Why the check exists. If this fails, StackExchange.Redis retries refused subscriptions by itself now: run the
    /// tests below with the check turned off, and remove the check if they pass.
    /// </summary>
    [Fact]
    public async Task StackExchange_Redis_does_not_retry_a_subscription_Redis_refused_on_reconnect()
    {
        var channel = RedisChannel.Literal("raw:" + Guid.NewGuid().ToString("N"));
        // abortConnect=false as in the bus: a busy machine may miss the 1 s connect timeout of the first attempt.
        using var multiplexer = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString + ",abortConnect=false");
        await Wait.UntilAsync(() => multiplexer.IsConnected, "the multiplexer to connect");
        var subscriber = multiplexer.GetSubscriber();
        await subscriber.SubscribeAsync(channel);
        Assert.Equal(1, await _redis.SubscriberCountAsync(channel.ToString()));
        var refused = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reconfigured = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        multiplexer.ErrorMessage += (_, e) =>
        {
            if (e.Message.StartsWith("NOPERM", StringComparison.Ordinal))
            {
                refused.TrySetResult();
            }
        };
        // Events are raised on the thread pool, in no set order: the reconfiguration may be reported before the NOPERM.
        multiplexer.ConfigurationChanged += (_, _) => reconfigured.TrySetResult();

        await RefuseSubscriptionsAsync("command");
        // The refused re-subscription is followed by one reconfiguration, which sends the subscriptions once more: allow
        // SUBSCRIBE again only after that try has been refused too (else it may succeed, depending on timing). The PING
        // travels on the subscription connection after any SUBSCRIBE sent before it.
        await refused.Task.WaitAsync(Wait.ReconnectTimeout);
        await reconfigured.Task.WaitAsync(Wait.ReconnectTimeout);
        await Task.Delay(500);
        await subscriber.PingAsync();
        Assert.Null(subscriber.SubscribedEndpoint(channel));
        Assert.Equal(0, await _redis.SubscriberCountAsync(channel.ToString()));
        await AllowSubscriptionsAsync();

        // The client knows the channel is not subscribed (the bus's check reads exactly that), but does nothing about it.
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Null(subscriber.SubscribedEndpoint(channel));
        Assert.Equal(0, await _redis.SubscriberCountAsync(channel.ToString()));
    }

    [Theory]
    [InlineData("command")]
    [InlineData("channels")]
    public async Task A_subscription_Redis_refused_on_reconnect_is_re_subscribed_once_Redis_accepts_it(string refusal)
    {
        var topic = NewTopic();
        await using var a = NewBus();
        await using var b = NewBus();
        await Wait.UntilAsync(() => a.IsConnected && b.IsConnected, "both buses to connect");
        await using var stream = await b.SubscribeAsync<int>(topic);
        await using var messages = stream.GetAsyncEnumerator();
        await a.PublishAsync(topic, 0);
        Assert.Equal(0, await Wait.NextAsync(messages));

        // B's subscription connection is dropped and its SUBSCRIBE on the new one refused: the check finds the channel
        // missing and keeps trying, and the health check says Degraded meanwhile.
        await RefuseSubscriptionsAsync(refusal);
        await Wait.UntilAsync(() => b.ResubscribedCount > 0 && b.MissingSubscriptionCount > 0, "B's check to find the subscription missing", Wait.ReconnectTimeout);
        Assert.Equal(0, await _redis.SubscriberCountAsync("tickr:" + topic));
        Assert.Equal("Degraded", (await new RedisSubscriptionBusHealthCheck(b).CheckHealthAsync(new())).Status.ToString());

        // Once Redis accepts SUBSCRIBE again, the next try succeeds: within a few check delays.
        await AllowSubscriptionsAsync();
        await Wait.UntilAsync(async () => await _redis.SubscriberCountAsync("tickr:" + topic) == 1, "B's subscription to be re-subscribed", CheckInterval * 10);
        await Wait.UntilAsync(() => b.MissingSubscriptionCount == 0, "B's check to confirm the repair", CheckInterval * 10);

        await AssertExactlyOnceAsync(a, topic, messages);
        Assert.True(_log.Has("were missing"), "the missing subscription was not logged");
        _log.AssertNoErrors();
    }

    [Fact]
    public async Task A_first_subscription_Redis_refused_is_re_subscribed_once_Redis_accepts_it()
    {
        var topic = NewTopic();
        // The periodic check is off: the refused first SUBSCRIBE itself must trigger the check.
        await using var a = NewBus();
        await using var b = NewBus(Timeout.InfiniteTimeSpan);
        await Wait.UntilAsync(() => a.IsConnected && b.IsConnected, "both buses to connect");

        await RefuseSubscriptionsAsync("command", killSubscribers: false);
        await using var stream = await b.SubscribeAsync<int>(topic);
        await using var messages = stream.GetAsyncEnumerator();
        await Wait.UntilAsync(() => b.MissingSubscriptionCount > 0, "B's check to find the refused subscription");

        await AllowSubscriptionsAsync();
        await Wait.UntilAsync(async () => await _redis.SubscriberCountAsync("tickr:" + topic) == 1, "B's subscription to be re-subscribed", CheckInterval * 10);
        await Wait.UntilAsync(() => b.MissingSubscriptionCount == 0, "B's check to confirm the repair", CheckInterval * 10);
        await AssertExactlyOnceAsync(a, topic, messages);
        _log.AssertNoErrors();
    }

    [Fact]
    public async Task Healthy_subscriptions_are_never_re_subscribed_while_topics_come_and_go()
    {
        await using var a = NewBus();
        await using var b = NewBus(TimeSpan.FromMilliseconds(20));
        await Wait.UntilAsync(() => a.IsConnected && b.IsConnected, "both buses to connect");
        var kept = NewTopic();
        await using var keptStream = await b.SubscribeAsync<int>(kept);
        await using var keptMessages = keptStream.GetAsyncEnumerator();

        // Churn while checks run every 20 ms: a subscription still on its way must not look missing.
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

    /// <summary>
    /// "command": SUBSCRIBE is taken from the default user, then subscriber connections are killed. "channels": the user
    /// loses every channel, and Redis 7 itself closes the connections subscribed to channels it may no longer read.
    /// </summary>
    private async Task RefuseSubscriptionsAsync(string refusal, bool killSubscribers = true)
    {
        if (refusal == "channels")
        {
            await _redis.CommandAsync("ACL", "SETUSER", "default", "resetchannels");
            return;
        }

        await _redis.CommandAsync("ACL", "SETUSER", "default", "-subscribe");
        if (killSubscribers)
        {
            await _redis.CommandAsync("CLIENT", "KILL", "TYPE", "pubsub");
        }
    }

    private Task AllowSubscriptionsAsync() => _redis.CommandAsync("ACL", "SETUSER", "default", "+subscribe", "allchannels");

    private RedisSubscriptionBus NewBus(TimeSpan? interval = null) => new(new RedisSubscriptionBusOptions
    {
        ConnectionString = _redis.ConnectionString,
        SubscriptionCheckInterval = interval ?? CheckInterval,
        ReconnectCheckDelay = TimeSpan.FromMilliseconds(100),
        SubscribeTimeout = TimeSpan.FromSeconds(2),
    }, _log);

    private static string NewTopic() => "check:" + Guid.NewGuid().ToString("N");
}
