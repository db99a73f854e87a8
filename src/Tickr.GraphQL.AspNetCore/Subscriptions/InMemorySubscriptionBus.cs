using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Tickr.GraphQL.AspNetCore.Subscriptions;

/// <summary>
/// The subscription bus of a single server instance: publishing hands the message to each subscriber's
/// bounded queue on the publisher's thread, without locks and without waiting for any subscriber.
/// </summary>
public sealed class InMemorySubscriptionBus : ISubscriptionBus, IAsyncDisposable, IDisposable
{
    private readonly SubscriptionBusOptions _options;
    private readonly ILogger _logger;
    private readonly TopicTable<Topic> _topics = new(name => new Topic(name));
    private readonly Func<Subscriber, ValueTask> _unsubscribe;
    private int _disposed;

    public InMemorySubscriptionBus(SubscriptionBusOptions? options = null, ILogger<InMemorySubscriptionBus>? logger = null)
    {
        _options = options ?? new SubscriptionBusOptions();
        _logger = logger ?? NullLogger<InMemorySubscriptionBus>.Instance;
        _unsubscribe = Unsubscribe;
    }

    /// <summary>Topics with at least one subscriber (diagnostics and tests).</summary>
    internal int TopicCount => _topics.Count;

    internal int SubscriberCount(string topic) => _topics.SubscriberCount(topic);

    public ValueTask PublishAsync<T>(string topic, T message, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        cancellationToken.ThrowIfCancellationRequested();

        if (_topics.TryGet(topic, out var entry))
        {
            var subscribers = entry.Subscribers;
            if (subscribers.Length > 0)
            {
                var publication = Publication.FromMessage(topic, message, utf8: null, _options.JsonSerializerOptions, _logger);
                foreach (var subscriber in subscribers)
                {
                    subscriber.Deliver(publication);
                }
            }
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<ISourceStream<T>> SubscribeAsync<T>(
        string topic,
        SubscriptionOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        cancellationToken.ThrowIfCancellationRequested();

        var stream = new SourceStream<T>(topic, options ?? _options.DefaultSubscriptionOptions, _unsubscribe);
        _topics.Add(topic, stream, out _);
        if (Volatile.Read(ref _disposed) != 0)
        {
            // Raced with DisposeAsync, which may have missed this subscriber: end it like the others.
            stream.Complete();
        }

        stream.ReleaseWhenCancelled(cancellationToken);
        return ValueTask.FromResult<ISourceStream<T>>(stream);
    }

    /// <summary>Ends every subscriber's stream (after the messages already queued).</summary>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        foreach (var topic in _topics.Topics)
        {
            foreach (var subscriber in topic.Subscribers)
            {
                subscriber.Complete();
            }
        }
    }

    private ValueTask Unsubscribe(Subscriber subscriber)
    {
        _topics.Remove(subscriber);
        return ValueTask.CompletedTask;
    }
}
