using System.Threading.Channels;

namespace Tickr.GraphQL.AspNetCore.Subscriptions;

/// <summary>A subscriber backed by a bounded channel, exposed to the consumer as an <see cref="ISourceStream{T}"/>.</summary>
internal sealed class SourceStream<T> : Subscriber, ISourceStream<T>
{
    private readonly Channel<T> _channel;
    private readonly Func<Subscriber, ValueTask> _unsubscribe;
    private long _dropped;
    private int _enumerated;
    private int _disposed;

    public SourceStream(string topic, SubscriptionOptions options, Func<Subscriber, ValueTask> unsubscribe)
    {
        Topic = topic;
        _unsubscribe = unsubscribe;
        _channel = Channel.CreateBounded<T>(
            new BoundedChannelOptions(options.Capacity)
            {
                FullMode = options.Overflow == SubscriptionOverflow.DropNewest
                    ? BoundedChannelFullMode.DropWrite
                    : BoundedChannelFullMode.DropOldest,
                SingleReader = true,
                SingleWriter = false,
                // The publisher's thread must never run the consumer's continuation (its GraphQL execution).
                AllowSynchronousContinuations = false,
            },
            _ => Interlocked.Increment(ref _dropped));
    }

    public string Topic { get; }

    private CancellationTokenRegistration _release;

    /// <summary>
    /// Cancelling the token the subscription was made with releases it: a subscribe resolver that subscribed with
    /// its operation's token does not leak the subscription when its stream is dropped unread (a shared subscription's
    /// joining subscriber) or when the operation ends before reading.
    /// </summary>
    public void ReleaseWhenCancelled(CancellationToken cancellationToken)
    {
        if (cancellationToken.CanBeCanceled)
        {
            _release = cancellationToken.UnsafeRegister(static state => _ = ReleaseAsync((SourceStream<T>)state!), this);
        }
    }

    private static async Task ReleaseAsync(SourceStream<T> stream)
    {
        try
        {
            await stream.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Best effort: the bus logs its own unsubscribe failures.
        }
    }

    public long DroppedCount => Interlocked.Read(ref _dropped);

    public override void Deliver(Publication publication)
    {
        if (publication.TryGet(out T value))
        {
            // Bounded with a drop mode: TryWrite never waits; it fails only once the stream is completed.
            _channel.Writer.TryWrite(value);
        }
        else
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    public override void Complete() => _channel.Writer.TryComplete();

    public IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        // A second reader would steal messages from the first: make that bug loud.
        if (Interlocked.Exchange(ref _enumerated, 1) != 0)
        {
            throw new InvalidOperationException($"The subscription to '{Topic}' can be enumerated only once.");
        }

        return ReadAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _release.Unregister();
        _channel.Writer.TryComplete();
        await _unsubscribe(this).ConfigureAwait(false);
    }

    private async IAsyncEnumerator<T> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            var reader = _channel.Reader;
            while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (reader.TryRead(out var item))
                {
                    yield return item;
                }
            }
        }
        finally
        {
            // The stream is single-use, so leaving the loop (break, exception, cancellation) unsubscribes:
            // a consumer that forgets DisposeAsync does not leak a subscription.
            await DisposeAsync().ConfigureAwait(false);
        }
    }
}
