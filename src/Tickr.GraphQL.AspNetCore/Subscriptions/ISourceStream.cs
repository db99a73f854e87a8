namespace Tickr.GraphQL.AspNetCore.Subscriptions;

/// <summary>
/// The messages of one subscription, in publication order (per publisher). It can be enumerated once;
/// the enumeration ends when the bus is disposed. Ending the enumeration or disposing the stream unsubscribes.
/// </summary>
public interface ISourceStream<out T> : IAsyncEnumerable<T>, IAsyncDisposable
{
    /// <summary>The topic this stream is subscribed to.</summary>
    string Topic { get; }

    /// <summary>
    /// Messages this subscriber lost: dropped because its queue was full (see <see cref="SubscriptionOverflow"/>;
    /// coalesced values of <see cref="SubscriptionOptions.LatestValue"/> count here too), or not convertible to <typeparamref name="T"/>.
    /// </summary>
    long DroppedCount { get; }
}
