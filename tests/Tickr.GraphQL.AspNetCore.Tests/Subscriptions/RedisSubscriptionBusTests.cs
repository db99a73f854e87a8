using Tickr.GraphQL.AspNetCore.Subscriptions;

namespace Tickr.GraphQL.AspNetCore.Tests.Subscriptions;

/// <summary>Two bus instances (two multiplexers, like two servers) on one real Redis.</summary>
public sealed class RedisSubscriptionBusTests : IClassFixture<RedisServer>, IAsyncLifetime
{
    private readonly RedisServer _redis;
    private readonly RedisSubscriptionBus _a;
    private readonly RedisSubscriptionBus _b;

    public RedisSubscriptionBusTests(RedisServer redis)
    {
        _redis = redis;
        _a = new RedisSubscriptionBus(new RedisSubscriptionBusOptions { ConnectionString = redis.ConnectionString });
        _b = new RedisSubscriptionBus(new RedisSubscriptionBusOptions { ConnectionString = redis.ConnectionString });
    }

    public async Task InitializeAsync()
        => await Wait.UntilAsync(() => _a.IsConnected && _b.IsConnected, "both buses to connect");

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
    }

    [Fact]
    public async Task A_message_published_on_one_server_reaches_a_subscriber_on_another()
    {
        var topic = NewTopic();
        await using var stream = await _b.SubscribeAsync<InventoryChanged>(topic);
        await using var messages = stream.GetAsyncEnumerator();

        await _a.PublishAsync(topic, new InventoryChanged(1, 42));
        await _a.PublishAsync(topic, new InventoryChanged(1, 41));

        Assert.Equal([new InventoryChanged(1, 42), new InventoryChanged(1, 41)], await Wait.NextAsync(messages, 2));
    }

    [Fact]
    public async Task Local_subscribers_get_a_local_message_once()
    {
        var topic = NewTopic();
        await using var local = await _a.SubscribeAsync<int>(topic);
        await using var remote = await _b.SubscribeAsync<int>(topic);
        await using var localMessages = local.GetAsyncEnumerator();
        await using var remoteMessages = remote.GetAsyncEnumerator();

        await _a.PublishAsync(topic, 1);
        await _a.PublishAsync(topic, 2);
        Assert.Equal([1, 2], await Wait.NextAsync(remoteMessages, 2));

        // B's message is published after A's, so Redis delivers it to A after any echo of A's own messages:
        // if A re-delivered its echoes, they would come before 3.
        await _b.PublishAsync(topic, 3);
        Assert.Equal([1, 2, 3], await Wait.NextAsync(localMessages, 3));
    }

    [Fact]
    public async Task Remote_messages_of_a_topic_arrive_in_publish_order()
    {
        // StackExchange.Redis 2+ runs Action handlers concurrently on the thread pool, which can swap two messages of one
        // channel; the bus reads each channel through a queue. A burst makes a swap likely if that ever regresses.
        const int count = 2_000;
        var topic = NewTopic();
        await using var stream = await _b.SubscribeAsync<int>(topic, new SubscriptionOptions { Capacity = count });
        await using var messages = stream.GetAsyncEnumerator();

        for (var i = 0; i < count; i++)
        {
            await _a.PublishAsync(topic, i);
        }

        Assert.Equal(Enumerable.Range(0, count), await Wait.NextAsync(messages, count));
    }

    [Fact]
    public async Task Topics_are_isolated()
    {
        var one = NewTopic();
        var two = NewTopic();
        await using var stream = await _b.SubscribeAsync<int>(one);
        await using var messages = stream.GetAsyncEnumerator();

        await _a.PublishAsync(two, 2);
        await _a.PublishAsync(one, 1);

        Assert.Equal(1, await Wait.NextAsync(messages));
    }

    [Fact]
    public async Task Multiple_subscribers_on_one_server_share_one_channel_subscription()
    {
        var topic = NewTopic();
        var channel = "tickr:" + topic;
        var first = await _b.SubscribeAsync<int>(topic);
        var second = await _b.SubscribeAsync<int>(topic);
        Assert.Equal(1, await _redis.SubscriberCountAsync(channel));

        await _a.PublishAsync(topic, 7);
        await using (var firstMessages = first.GetAsyncEnumerator())
        {
            Assert.Equal(7, await Wait.NextAsync(firstMessages));
        }

        // Leaving the enumeration disposed the first subscriber; the channel stays for the second.
        Assert.Equal(1, _b.SubscriberCount(topic));
        Assert.Equal(1, await _redis.SubscriberCountAsync(channel));
        await using (var secondMessages = second.GetAsyncEnumerator())
        {
            Assert.Equal(7, await Wait.NextAsync(secondMessages));
        }

        Assert.Equal(0, _b.TopicCount);
        await Wait.UntilAsync(async () => await _redis.SubscriberCountAsync(channel) == 0, "PUBSUB NUMSUB to drop to 0");

        // Subscribing again after the last unsubscription works.
        await using var third = await _b.SubscribeAsync<int>(topic);
        await using var thirdMessages = third.GetAsyncEnumerator();
        Assert.Equal(1, await _redis.SubscriberCountAsync(channel));
        await _a.PublishAsync(topic, 8);
        Assert.Equal(8, await Wait.NextAsync(thirdMessages));
    }

    [Fact]
    public async Task Disposing_the_subscriber_unsubscribes_the_channel_on_redis()
    {
        var topic = NewTopic();
        var stream = await _b.SubscribeAsync<int>(topic);
        Assert.Equal(1, await _redis.SubscriberCountAsync("tickr:" + topic));

        await stream.DisposeAsync();

        await Wait.UntilAsync(async () => await _redis.SubscriberCountAsync("tickr:" + topic) == 0, "PUBSUB NUMSUB to drop to 0");
    }

    [Fact]
    public async Task A_stalled_subscriber_delays_neither_the_publisher_nor_the_other_subscribers()
    {
        const int count = 200;
        var topic = NewTopic();
        await using var stalled = await _b.SubscribeAsync<int>(topic, new SubscriptionOptions { Capacity = 4 });
        await using var reader1 = await _b.SubscribeAsync<int>(topic);
        await using var reader2 = await _b.SubscribeAsync<int>(topic);
        await using var messages1 = reader1.GetAsyncEnumerator();
        await using var messages2 = reader2.GetAsyncEnumerator();

        // Lockstep: each message must reach both readers before the next is published, long after the
        // stalled subscriber's queue (4) is full. Default queues (64) would also absorb any burst.
        var received1 = new List<int>();
        var received2 = new List<int>();
        for (var i = 1; i <= count; i++)
        {
            await _a.PublishAsync(topic, i);
            received1.Add(await Wait.NextAsync(messages1));
            received2.Add(await Wait.NextAsync(messages2));
        }

        Assert.Equal(Enumerable.Range(1, count), received1);
        Assert.Equal(Enumerable.Range(1, count), received2);
        await Wait.UntilAsync(() => stalled.DroppedCount == count - 4, "the stalled subscriber to drop all but 4");
        await using var stalledMessages = stalled.GetAsyncEnumerator();
        Assert.Equal(Enumerable.Range(count - 3, 4), await Wait.NextAsync(stalledMessages, 4));
    }

    [Fact]
    public async Task Latest_value_subscriber_coalesces_remote_messages()
    {
        var topic = NewTopic();
        await using var stream = await _b.SubscribeAsync<InventoryChanged>(topic, SubscriptionOptions.LatestValue);
        for (var available = 10; available >= 1; available--)
        {
            await _a.PublishAsync(topic, new InventoryChanged(5, available));
        }

        await Wait.UntilAsync(() => stream.DroppedCount == 9, "nine values to be coalesced away");
        await using var messages = stream.GetAsyncEnumerator();
        Assert.Equal(new InventoryChanged(5, 1), await Wait.NextAsync(messages));
    }

    [Fact]
    public async Task A_foreign_publisher_can_send_bare_json()
    {
        var topic = NewTopic();
        await using var stream = await _b.SubscribeAsync<InventoryChanged>(topic);
        await using var messages = stream.GetAsyncEnumerator();

        await _redis.CommandAsync("PUBLISH", "tickr:" + topic, """{"eventId":8,"available":3}""");

        Assert.Equal(new InventoryChanged(8, 3), await Wait.NextAsync(messages));
    }

    [Fact]
    public async Task Topics_with_pattern_characters_are_literal_channels()
    {
        var prefix = NewTopic();
        await using var stream = await _b.SubscribeAsync<int>(prefix + ":*");
        await using var messages = stream.GetAsyncEnumerator();

        await _a.PublishAsync(prefix + ":1", 1);
        await _a.PublishAsync(prefix + ":*", 2);

        Assert.Equal(2, await Wait.NextAsync(messages));
    }

    [Fact]
    public async Task The_channel_prefix_is_configurable()
    {
        var topic = NewTopic();
        await using var bus = new RedisSubscriptionBus(new RedisSubscriptionBusOptions { ConnectionString = _redis.ConnectionString, ChannelPrefix = "other:" });
        await using var stream = await bus.SubscribeAsync<int>(topic);
        Assert.Equal(1, await _redis.SubscriberCountAsync("other:" + topic));
        Assert.Equal(0, await _redis.SubscriberCountAsync("tickr:" + topic));
    }

    [Fact]
    public async Task A_bus_on_a_shared_multiplexer_leaves_it_open_and_clean()
    {
        var topic = NewTopic();
        using var multiplexer = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString);
        var bus = new RedisSubscriptionBus(multiplexer, new RedisSubscriptionBusOptions());
        var stream = await bus.SubscribeAsync<int>(topic);
        await using var messages = stream.GetAsyncEnumerator();
        await _a.PublishAsync(topic, 1);
        Assert.Equal(1, await Wait.NextAsync(messages));

        await bus.DisposeAsync();

        Assert.False(await messages.MoveNextAsync());
        Assert.True(multiplexer.IsConnected);
        await Wait.UntilAsync(async () => await _redis.SubscriberCountAsync("tickr:" + topic) == 0, "the bus's channel to be unsubscribed");
    }

    private static string NewTopic() => "test:" + Guid.NewGuid().ToString("N");
}
