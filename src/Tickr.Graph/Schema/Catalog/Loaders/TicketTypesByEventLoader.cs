using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Tickr.Data;
using Tickr.Domain.Catalog;
using Tickr.Graph.Schema.Common;

namespace Tickr.Graph.Schema.Catalog.Loaders;

/// <summary>
/// Each event's ticket types in display order with what their quotas leave, one query per batch, so a page's
/// <c>remaining</c> costs no second round trip.
/// </summary>
public sealed class TicketTypesByEventLoader(IDbContextFactory<TickrDbContext> contexts) : EntityGroupLoader<OfferedTicketType>(contexts)
{
    // The tightest quota of each ticket type, aggregated once over the quotas of the batch's events (indexed by event),
    // then joined: a correlated subquery per ticket type made PostgreSQL hash the quotas table for every row.
    protected override Expression<Func<TickrDbContext, Guid[], IQueryable<OfferedTicketType>>> Query => (db, parentIds) =>
        from t in db.TicketTypes
        where parentIds.Contains(t.EventId)
        join l in
            from q in db.Quotas
            where parentIds.Contains(q.EventId)
            from x in q.TicketTypes
            group q.Capacity - q.Sold - q.Held by x.TicketTypeId into g
            select new { TicketTypeId = g.Key, Remaining = g.Min() }
            on t.Id equals l.TicketTypeId into ls
        from l in ls.DefaultIfEmpty()
        orderby t.Position, t.Id
        select new OfferedTicketType(t, l == null ? null : l.Remaining);

    protected override Guid ParentOf(OfferedTicketType row) => row.Type.EventId;
}

/// <summary>A ticket type and the remainder of the tightest quota it draws on (null when no quota covers it).</summary>
public sealed record OfferedTicketType(TicketType Type, int? QuotaRemaining)
{
    /// <summary>Tickets available: the type's own remainder, limited by its quotas.</summary>
    public int Remaining => Math.Max(0, QuotaRemaining is { } q ? Math.Min(Type.Remaining, q) : Type.Remaining);
}
