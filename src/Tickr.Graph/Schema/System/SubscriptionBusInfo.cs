namespace Tickr.Graph.Schema.System;

/// <summary>The subscription bus of this instance.</summary>
/// <param name="Kind">In-process or Redis.</param>
/// <param name="Connected">Whether live updates from other instances arrive (always true in-process).</param>
public sealed record SubscriptionBusInfo(SubscriptionBusKind Kind, bool Connected);
