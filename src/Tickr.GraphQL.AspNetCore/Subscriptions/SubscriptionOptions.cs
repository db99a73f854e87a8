namespace Tickr.GraphQL.AspNetCore.Subscriptions;

/// <summary>Per-subscriber queue settings.</summary>
public sealed record SubscriptionOptions
{
    private readonly int _capacity = 64;

    /// <summary>64 messages, drop oldest.</summary>
    public static SubscriptionOptions Default { get; } = new();

    /// <summary>
    /// Coalescing "latest value" mode (capacity 1, drop oldest) for topics whose messages supersede each
    /// other, like inventory counters: a slow subscriber skips intermediate values and gets the newest one.
    /// </summary>
    public static SubscriptionOptions LatestValue { get; } = new() { Capacity = 1 };

    /// <summary>How many unread messages the subscriber's queue holds (at least 1).</summary>
    public int Capacity
    {
        get => _capacity;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            _capacity = value;
        }
    }

    /// <summary>What happens when the queue is full.</summary>
    public SubscriptionOverflow Overflow { get; init; } = SubscriptionOverflow.DropOldest;
}
