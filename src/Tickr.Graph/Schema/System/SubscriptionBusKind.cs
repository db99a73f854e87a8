namespace Tickr.Graph.Schema.System;

/// <summary>Which subscription bus carries live updates.</summary>
public enum SubscriptionBusKind
{
    /// <summary>In-process: live updates reach the subscribers of this instance only.</summary>
    InMemory,

    /// <summary>Redis pub/sub: live updates reach the subscribers of every instance.</summary>
    Redis,
}
