using System.Threading.Channels;
using Tickr.GraphQL.AspNetCore.Subscriptions;

namespace Tickr.GraphQL.AspNetCore.SharedSubscriptions;

/// <summary>
/// One subscriber's membership of a group: a bounded queue of the group's serialized results (drop oldest or
/// newest, never wait), read by the subscriber's transport. Disposing it leaves the group.
/// </summary>
internal sealed class SharedSubscriber : IAsyncDisposable
{
    private readonly Channel<ReadOnlyMemory<byte>> _queue;
    private long _dropped;
    private int _left;

    public SharedSubscriber(SharedSubscriptionRegistry registry, SubscriptionOptions queue)
    {
        Registry = registry;
        _queue = Channel.CreateBounded<ReadOnlyMemory<byte>>(
            new BoundedChannelOptions(queue.Capacity)
            {
                FullMode = queue.Overflow == SubscriptionOverflow.DropNewest ? BoundedChannelFullMode.DropWrite : BoundedChannelFullMode.DropOldest,
                SingleReader = true,
                SingleWriter = false,
                // The group's fan-out loop must never run a subscriber's transport code.
                AllowSynchronousContinuations = false,
            },
            _ => Interlocked.Increment(ref _dropped));
    }

    public SharedSubscriptionRegistry Registry { get; }

    /// <summary>The group this subscriber belongs to (set by the registry under its lock).</summary>
    public SubscriptionGroup Group { get; set; } = null!;

    /// <summary>Results dropped because this subscriber's queue was full.</summary>
    public long DroppedCount => Interlocked.Read(ref _dropped);

    /// <summary>Queues a shared result; never waits (a full queue drops per its overflow mode).</summary>
    public void Offer(ReadOnlyMemory<byte> json) => _queue.Writer.TryWrite(json);

    /// <summary>No more results: the group's source ended (the queued ones are still read).</summary>
    public void Complete() => _queue.Writer.TryComplete();

    public IAsyncEnumerable<ReadOnlyMemory<byte>> ReadAllAsync(CancellationToken cancellationToken) => _queue.Reader.ReadAllAsync(cancellationToken);

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _left, 1) == 0)
        {
            _queue.Writer.TryComplete();
            Registry.Leave(this);
        }
        return ValueTask.CompletedTask;
    }
}
