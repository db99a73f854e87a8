using Tickr.GraphQL.AspNetCore.Subscriptions;

namespace Tickr.GraphQL.AspNetCore.SharedSubscriptions;

/// <summary>Shared execution of subscription events (fields declared shareable with <c>[SharedSubscription]</c>).</summary>
public sealed class SharedSubscriptionOptions
{
    /// <summary>
    /// Group subscribers of shareable fields (default true). False: every subscriber executes its own events, as
    /// for any other field (the benchmark's "without sharing" side).
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Each group member's queue of serialized results between the group and the member's transport: 64 results,
    /// drop oldest by default. A slow client fills and drops only its own queue; the group never waits for it.
    /// <see cref="SubscriptionOptions.LatestValue"/> coalesces to the newest result.
    /// </summary>
    public SubscriptionOptions SubscriberQueue { get; set; } = SubscriptionOptions.Default;
}
