namespace Tickr.GraphQL.AspNetCore.Tests.Subscriptions;

/// <summary>The kind of small message mutations publish.</summary>
public sealed record InventoryChanged(int EventId, int Available);
