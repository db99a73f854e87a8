namespace Tickr.GraphQL.AspNetCore.Subscriptions;

/// <summary>Subscribes to subscription topics (what the GraphQL subscription resolvers need).</summary>
public interface ITopicEventReceiver
{
    /// <summary>
    /// Subscribes to <paramref name="topic"/>. When the returned task completes, the subscription is live
    /// (for Redis: the channel subscription is confirmed, or Redis is unreachable and it will be established
    /// when Redis comes back), so a message published afterwards is received.
    /// Messages go to a bounded queue private to this subscriber (<see cref="SubscriptionOptions"/>):
    /// a subscriber that does not read loses messages, it never slows publishers or other subscribers.
    /// Dispose the stream (or finish enumerating it) to unsubscribe.
    /// </summary>
    ValueTask<ISourceStream<T>> SubscribeAsync<T>(
        string topic,
        SubscriptionOptions? options = null,
        CancellationToken cancellationToken = default);
}
