using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Tickr.Data;
using Tickr.Graph.Schema.Common;

namespace Tickr.Graph.Schema.Catalog.Loaders;

/// <summary>Capacity, sold and held of every pool (ticket type or quota) of each event, summed over its buckets.</summary>
public sealed class PoolInventoryByEventLoader(IDbContextFactory<TickrDbContext> contexts) : EntityGroupLoader<PoolInventory>(contexts)
{
    protected override Expression<Func<TickrDbContext, Guid[], IQueryable<PoolInventory>>> Query => (db, parentIds) =>
        from b in db.InventoryBuckets
        where parentIds.Contains(b.EventId)
        group b by new { b.EventId, b.PoolId } into g
        select new PoolInventory(g.Key.EventId, g.Key.PoolId, g.Sum(x => x.Capacity), g.Sum(x => x.Sold), g.Sum(x => x.Held));

    protected override Guid ParentOf(PoolInventory row) => row.EventId;
}

/// <summary>A pool's totals.</summary>
public sealed record PoolInventory(Guid EventId, Guid PoolId, int Capacity, int Sold, int Held)
{
    public int Remaining => Math.Max(0, Capacity - Sold - Held);
}
