namespace Tickr.GraphQL.AspNetCore.Subscriptions;

/// <summary>What a subscriber's full queue does with a new message. Never "wait": publishers must not block.</summary>
public enum SubscriptionOverflow
{
    /// <summary>Drop the oldest queued message to make room: the subscriber sees the most recent ones.</summary>
    DropOldest,

    /// <summary>Drop the new message: the subscriber sees the oldest ones (the start of a sequence).</summary>
    DropNewest,
}
