using StackExchange.Redis;

namespace Tickr.GraphQL.AspNetCore.Subscriptions;

/// <summary>A topic of the Redis bus: its channel, its message queue (one per entry) and the channel subscription's state.</summary>
internal sealed class RedisTopic : Topic
{
    public RedisTopic(string name, RedisChannel channel)
        : base(name)
    {
        Channel = channel;
    }

    public RedisChannel Channel { get; }

    /// <summary>
    /// This entry's registration with StackExchange.Redis, set and replaced only under <see cref="Topic.Gate"/>; null
    /// until the first subscriber subscribes the channel. A queue (not an <c>Action</c> handler) because StackExchange.Redis
    /// 2+ runs handlers concurrently on the thread pool, which reorders messages of one channel; a queue's message loop
    /// delivers them in the order Redis sent them. StackExchange.Redis keeps one server subscription per channel and a
    /// list of queues, so an old entry being unsubscribed and a new one for the same topic being subscribed cannot undo
    /// each other.
    /// </summary>
    public ChannelMessageQueue? Queue { get; set; }

    /// <summary>Completed once the channel subscription is confirmed or known to be deferred (never faults).</summary>
    public TaskCompletionSource Subscribed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
