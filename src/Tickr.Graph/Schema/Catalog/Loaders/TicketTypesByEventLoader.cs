using Microsoft.EntityFrameworkCore;
using Tickr.Data;
using Tickr.Domain.Catalog;
using Tickr.Graph.Schema.Common;

namespace Tickr.Graph.Schema.Catalog.Loaders;

/// <summary>
/// Each event's ticket types in display order with what their quotas leave, one query per batch: the tightest quota
/// comes from a correlated subquery, so a page's <c>remaining</c> costs no second round trip.
/// </summary>
public sealed class TicketTypesByEventLoader(IDbContextFactory<TickrDbContext> contexts) : EntityGroupLoader<OfferedTicketType>(contexts)
{
    protected override IQueryable<OfferedTicketType> Query(TickrDbContext db, IReadOnlyList<Guid> parentIds) =>
        db.TicketTypes
            .Where(t => parentIds.Contains(t.EventId))
            .OrderBy(t => t.Position).ThenBy(t => t.Id)
            .Select(t => new OfferedTicketType(
                t,
                // From the ticket type's quota links (indexed by ticket type) to each quota by key: a few index lookups
                // per row, where "quotas having a link to t" scanned every quota for each ticket type.
                db.Set<QuotaTicketType>()
                    .Where(x => x.TicketTypeId == t.Id)
                    .Join(db.Quotas, x => x.QuotaId, q => q.Id, (x, q) => (int?)(q.Capacity - q.Sold - q.Held))
                    .Min()));

    protected override Guid ParentOf(OfferedTicketType row) => row.Type.EventId;
}

/// <summary>A ticket type and the remainder of the tightest quota it draws on (null when no quota covers it).</summary>
public sealed record OfferedTicketType(TicketType Type, int? QuotaRemaining)
{
    /// <summary>Tickets available: the type's own remainder, limited by its quotas.</summary>
    public int Remaining => Math.Max(0, QuotaRemaining is { } q ? Math.Min(Type.Remaining, q) : Type.Remaining);
}
