using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Tickr.Data;
using Tickr.Domain.Catalog;
using Tickr.Graph.Schema.Common;

namespace Tickr.Graph.Schema.Catalog.Loaders;

/// <summary>
/// Each event's ticket types in display order with their inventory (sold and held, summed over the inventory buckets)
/// and what their quotas leave, one query per batch, so a page's <c>remaining</c> costs no second round trip.
/// </summary>
public sealed class TicketTypesByEventLoader(IDbContextFactory<TickrDbContext> contexts) : EntityGroupLoader<OfferedTicketType>(contexts)
{
    // Bucket sums and the tightest quota of each ticket type are aggregated once over the batch's events (buckets are
    // indexed by event), then joined: a correlated subquery per ticket type made PostgreSQL rescan for every row.
    protected override Expression<Func<TickrDbContext, Guid[], IQueryable<OfferedTicketType>>> Query => (db, parentIds) =>
        from t in db.TicketTypes
        where parentIds.Contains(t.EventId)
        join inv in
            from b in db.InventoryBuckets
            where parentIds.Contains(b.EventId)
            group b by b.PoolId into g
            select new { PoolId = g.Key, Sold = g.Sum(x => x.Sold), Held = g.Sum(x => x.Held) }
            on t.Id equals inv.PoolId into invs
        from inv in invs.DefaultIfEmpty()
        join l in
            from q in db.Quotas
            where parentIds.Contains(q.EventId)
            join qi in
                from b in db.InventoryBuckets
                where parentIds.Contains(b.EventId)
                group b by b.PoolId into g
                select new { PoolId = g.Key, Used = g.Sum(x => x.Sold + x.Held) }
                on q.Id equals qi.PoolId
            from x in q.TicketTypes
            group q.Capacity - qi.Used by x.TicketTypeId into g
            select new { TicketTypeId = g.Key, Remaining = g.Min() }
            on t.Id equals l.TicketTypeId into ls
        from l in ls.DefaultIfEmpty()
        orderby t.Position, t.Id
        select new OfferedTicketType(t, inv == null ? 0 : inv.Sold, inv == null ? 0 : inv.Held, l == null ? null : l.Remaining);

    protected override Guid ParentOf(OfferedTicketType row) => row.Type.EventId;
}

/// <summary>A ticket type with its inventory and the remainder of the tightest quota it draws on (null when no quota covers it).</summary>
public sealed record OfferedTicketType
{
    public OfferedTicketType(TicketType type, int sold, int held, int? quotaRemaining)
    {
        ArgumentNullException.ThrowIfNull(type);
        // The row was read untracked for this request: it carries the counts read with it.
        type.LoadInventory(sold, held);
        Type = type;
        QuotaRemaining = quotaRemaining;
    }

    public TicketType Type { get; }

    public int? QuotaRemaining { get; }

    /// <summary>Tickets available: the type's own remainder, limited by its quotas.</summary>
    public int Remaining => Math.Max(0, QuotaRemaining is { } q ? Math.Min(Type.Remaining, q) : Type.Remaining);
}
