namespace Tickr.GraphQL.AspNetCore.Subscriptions;

/// <summary>Settings of <see cref="RedisSubscriptionBus"/>.</summary>
public sealed class RedisSubscriptionBusOptions : SubscriptionBusOptions
{
    /// <summary>
    /// A StackExchange.Redis configuration string, e.g. <c>localhost:6379,password=…</c>.
    /// <c>abortConnect</c> is always forced to false so the application starts while Redis is down.
    /// </summary>
    public string ConnectionString { get; set; } = "localhost:6379";

    /// <summary>Prepended to every topic to form the Redis channel name, so several apps can share one Redis.</summary>
    public string ChannelPrefix { get; set; } = "tickr:";

    /// <summary>
    /// How long <see cref="ITopicEventReceiver.SubscribeAsync{T}"/> waits for Redis to confirm a new channel
    /// subscription. On timeout the stream is returned anyway; the subscription completes in the background.
    /// </summary>
    public TimeSpan SubscribeTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long <see cref="ITopicEventSender.PublishAsync{T}"/> waits for Redis to accept a PUBLISH before it
    /// gives up on the remote delivery (logged). Bounds the delay a hung Redis can add to a mutation.
    /// </summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How often the bus checks, while connected, that StackExchange.Redis holds the channel of every topic with local
    /// subscribers, and re-subscribes the ones it does not: a SUBSCRIBE that Redis refused (ACL) is otherwise not retried
    /// before the next reconnect. The check reads the client's state only; it sends commands only to repair.
    /// <see cref="Timeout.InfiniteTimeSpan"/> turns the periodic check off (the checks after a reconnect and after a
    /// first SUBSCRIBE that did not take stay).
    /// </summary>
    public TimeSpan SubscriptionCheckInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long after StackExchange.Redis reports a restored connection the bus checks its subscriptions: the
    /// client first re-sends them itself; checking before it has would re-subscribe channels needlessly. Also the
    /// delay before a repair is checked (and retried while Redis still refuses it).
    /// </summary>
    public TimeSpan ReconnectCheckDelay { get; set; } = TimeSpan.FromSeconds(1);
}
