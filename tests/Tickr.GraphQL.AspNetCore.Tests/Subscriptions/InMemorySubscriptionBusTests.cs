using System.Text.Json;
using Tickr.GraphQL.AspNetCore.Subscriptions;

namespace Tickr.GraphQL.AspNetCore.Tests.Subscriptions;

public sealed class InMemorySubscriptionBusTests : IAsyncLifetime
{
    private readonly InMemorySubscriptionBus _bus = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _bus.DisposeAsync();

    [Fact]
    public async Task Published_message_reaches_subscriber()
    {
        await using var stream = await _bus.SubscribeAsync<InventoryChanged>("event:1:inventory");
        await using var messages = stream.GetAsyncEnumerator();

        await _bus.PublishAsync("event:1:inventory", new InventoryChanged(1, 99));

        Assert.Equal(new InventoryChanged(1, 99), await Wait.NextAsync(messages));
    }

    [Fact]
    public async Task Topics_are_isolated()
    {
        await using var one = await _bus.SubscribeAsync<int>("event:1:inventory");
        await using var two = await _bus.SubscribeAsync<int>("event:2:inventory");
        await using var oneMessages = one.GetAsyncEnumerator();
        await using var twoMessages = two.GetAsyncEnumerator();

        await _bus.PublishAsync("event:2:inventory", 2);
        await _bus.PublishAsync("event:1:inventory", 1);
        await _bus.PublishAsync("event:3:inventory", 3);
        await _bus.PublishAsync("event:2:inventory", 22);

        Assert.Equal(1, await Wait.NextAsync(oneMessages));
        Assert.Equal([2, 22], await Wait.NextAsync(twoMessages, 2));
        Assert.Equal(0, _bus.SubscriberCount("event:3:inventory"));
    }

    [Fact]
    public async Task Every_subscriber_gets_every_message_in_order()
    {
        var streams = new List<ISourceStream<int>>();
        for (var i = 0; i < 3; i++)
        {
            streams.Add(await _bus.SubscribeAsync<int>("order:7"));
        }

        for (var i = 1; i <= 10; i++)
        {
            await _bus.PublishAsync("order:7", i);
        }

        foreach (var stream in streams)
        {
            await using var messages = stream.GetAsyncEnumerator();
            Assert.Equal(Enumerable.Range(1, 10), await Wait.NextAsync(messages, 10));
            Assert.Equal(0, stream.DroppedCount);
        }
    }

    [Fact]
    public async Task Disposing_the_last_subscriber_removes_the_topic()
    {
        var first = await _bus.SubscribeAsync<int>("event:1:checkins");
        var second = await _bus.SubscribeAsync<int>("event:1:checkins");
        Assert.Equal(2, _bus.SubscriberCount("event:1:checkins"));

        await first.DisposeAsync();
        Assert.Equal(1, _bus.SubscriberCount("event:1:checkins"));
        await first.DisposeAsync(); // idempotent
        Assert.Equal(1, _bus.SubscriberCount("event:1:checkins"));

        await second.DisposeAsync();
        Assert.Equal(0, _bus.TopicCount);

        // A new subscriber after the topic was removed gets a fresh entry that works.
        await using var third = await _bus.SubscribeAsync<int>("event:1:checkins");
        await using var messages = third.GetAsyncEnumerator();
        await _bus.PublishAsync("event:1:checkins", 5);
        Assert.Equal(5, await Wait.NextAsync(messages));
    }

    [Fact]
    public async Task Leaving_the_enumeration_unsubscribes()
    {
        var stream = await _bus.SubscribeAsync<int>("t");
        await _bus.PublishAsync("t", 1);

        await foreach (var message in stream)
        {
            Assert.Equal(1, message);
            break;
        }

        Assert.Equal(0, _bus.TopicCount);
    }

    [Fact]
    public async Task A_stream_can_be_enumerated_only_once()
    {
        await using var stream = await _bus.SubscribeAsync<int>("t");
        await using var messages = stream.GetAsyncEnumerator();
        Assert.Throws<InvalidOperationException>(() => stream.GetAsyncEnumerator());
    }

    [Fact]
    public async Task A_stalled_subscriber_delays_neither_the_publisher_nor_the_other_subscribers()
    {
        const int count = 1000;
        // Never read: its queue fills after 8 messages.
        await using var stalled = await _bus.SubscribeAsync<int>("event:9:inventory", new SubscriptionOptions { Capacity = 8 });
        // Room for everything, so what they receive depends only on the bus, not on scheduling.
        var readers = new[]
        {
            await _bus.SubscribeAsync<int>("event:9:inventory", new SubscriptionOptions { Capacity = count }),
            await _bus.SubscribeAsync<int>("event:9:inventory", new SubscriptionOptions { Capacity = count }),
        };
        var reading = readers.Select(async reader =>
        {
            await using var messages = reader.GetAsyncEnumerator();
            return await Wait.NextAsync(messages, count);
        }).ToArray();

        // Publishing all of it completes synchronously although one subscriber never reads.
        for (var i = 1; i <= count; i++)
        {
            Assert.True(_bus.PublishAsync("event:9:inventory", i).IsCompletedSuccessfully);
        }

        foreach (var received in await Task.WhenAll(reading))
        {
            Assert.Equal(Enumerable.Range(1, count), received);
        }

        Assert.All(readers, reader => Assert.Equal(0, reader.DroppedCount));
        Assert.Equal(count - 8, stalled.DroppedCount);
        await using var stalledMessages = stalled.GetAsyncEnumerator();
        Assert.Equal(Enumerable.Range(count - 7, 8), await Wait.NextAsync(stalledMessages, 8));
    }

    [Fact]
    public async Task Drop_oldest_keeps_the_newest_messages()
    {
        await using var stream = await _bus.SubscribeAsync<int>("t", new SubscriptionOptions { Capacity = 3 });
        for (var i = 1; i <= 10; i++)
        {
            await _bus.PublishAsync("t", i);
        }

        Assert.Equal(7, stream.DroppedCount);
        await using var messages = stream.GetAsyncEnumerator();
        Assert.Equal([8, 9, 10], await Wait.NextAsync(messages, 3));
        // Nothing else was queued: the next message read is the next one published.
        await _bus.PublishAsync("t", 11);
        Assert.Equal(11, await Wait.NextAsync(messages));
    }

    [Fact]
    public async Task Drop_newest_keeps_the_oldest_messages()
    {
        await using var stream = await _bus.SubscribeAsync<int>(
            "t", new SubscriptionOptions { Capacity = 3, Overflow = SubscriptionOverflow.DropNewest });
        for (var i = 1; i <= 10; i++)
        {
            await _bus.PublishAsync("t", i);
        }

        Assert.Equal(7, stream.DroppedCount);
        await using var messages = stream.GetAsyncEnumerator();
        Assert.Equal([1, 2, 3], await Wait.NextAsync(messages, 3));
        await _bus.PublishAsync("t", 11);
        Assert.Equal(11, await Wait.NextAsync(messages));
    }

    [Fact]
    public async Task Latest_value_mode_coalesces_to_the_newest_message()
    {
        await using var stream = await _bus.SubscribeAsync<InventoryChanged>("event:1:inventory", SubscriptionOptions.LatestValue);
        for (var available = 100; available >= 90; available--)
        {
            await _bus.PublishAsync("event:1:inventory", new InventoryChanged(1, available));
        }

        await using var messages = stream.GetAsyncEnumerator();
        Assert.Equal(new InventoryChanged(1, 90), await Wait.NextAsync(messages));
        Assert.Equal(10, stream.DroppedCount);
        await _bus.PublishAsync("event:1:inventory", new InventoryChanged(1, 89));
        Assert.Equal(new InventoryChanged(1, 89), await Wait.NextAsync(messages));
    }

    [Fact]
    public async Task A_subscriber_of_another_type_gets_the_message_through_json()
    {
        await using var typed = await _bus.SubscribeAsync<InventoryChanged>("t");
        await using var raw = await _bus.SubscribeAsync<JsonElement>("t");
        await using var wrong = await _bus.SubscribeAsync<int>("t");

        await _bus.PublishAsync("t", new InventoryChanged(3, 4));

        await using var typedMessages = typed.GetAsyncEnumerator();
        await using var rawMessages = raw.GetAsyncEnumerator();
        Assert.Equal(new InventoryChanged(3, 4), await Wait.NextAsync(typedMessages));
        Assert.Equal(4, (await Wait.NextAsync(rawMessages)).GetProperty("available").GetInt32());
        Assert.Equal(1, wrong.DroppedCount);
    }

    [Fact]
    public async Task Disposing_the_bus_ends_the_streams_after_queued_messages()
    {
        var bus = new InMemorySubscriptionBus();
        var stream = await bus.SubscribeAsync<int>("t");
        await bus.PublishAsync("t", 1);

        await bus.DisposeAsync();

        var received = new List<int>();
        await foreach (var message in stream.WithCancellation(new CancellationTokenSource(Wait.Timeout).Token))
        {
            received.Add(message);
        }

        Assert.Equal([1], received);
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await bus.PublishAsync("t", 2));
    }

    [Fact]
    public async Task Concurrent_subscribe_and_unsubscribe_leave_a_consistent_table()
    {
        await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            for (var i = 0; i < 500; i++)
            {
                var stream = await _bus.SubscribeAsync<int>("hot");
                await _bus.PublishAsync("hot", i);
                await stream.DisposeAsync();
            }
        })));

        Assert.Equal(0, _bus.TopicCount);
        await using var last = await _bus.SubscribeAsync<int>("hot");
        await using var messages = last.GetAsyncEnumerator();
        await _bus.PublishAsync("hot", -1);
        Assert.Equal(-1, await Wait.NextAsync(messages));
    }
}
