namespace Tickr.GraphQL.AspNetCore.Subscriptions;

/// <summary>Publishes messages on subscription topics (what mutations and background jobs need).</summary>
public interface ITopicEventSender
{
    /// <summary>
    /// Publishes <paramref name="message"/> to every current subscriber of <paramref name="topic"/>, on this
    /// instance and (for a distributed bus) on every other instance. Delivery is best effort and at most once:
    /// a transport failure (Redis down) is logged and counted, never thrown, so a mutation whose transaction has
    /// already committed is not failed by its notification. Only caller bugs throw (null topic, a message type
    /// System.Text.Json cannot serialize) and cancellation of <paramref name="cancellationToken"/>.
    /// </summary>
    ValueTask PublishAsync<T>(string topic, T message, CancellationToken cancellationToken = default);
}
