using StackExchange.Redis;

namespace Tickr.GraphQL.AspNetCore.Subscriptions;

/// <summary>A topic of the Redis bus: its channel, its handler (one per entry) and the channel subscription's state.</summary>
internal sealed class RedisTopic : Topic
{
    public RedisTopic(string name, RedisChannel channel, Func<RedisTopic, Action<RedisChannel, RedisValue>> handlerFactory)
        : base(name)
    {
        Channel = channel;
        Handler = handlerFactory(this);
    }

    public RedisChannel Channel { get; }

    /// <summary>
    /// This entry's handler. StackExchange.Redis keeps one server subscription per channel and a list of handlers,
    /// so an old entry being unsubscribed and a new one for the same topic being subscribed cannot undo each other.
    /// </summary>
    public Action<RedisChannel, RedisValue> Handler { get; }

    /// <summary>
    /// Set (under <see cref="Topic.Gate"/>) once the handler is registered with StackExchange.Redis; only then may the
    /// subscription check re-register it (never twice: a handler registered twice would deliver every message twice).
    /// </summary>
    public bool HandlerRegistered { get; set; }

    /// <summary>Completed once the channel subscription is confirmed or known to be deferred (never faults).</summary>
    public TaskCompletionSource Subscribed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
