using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Tickr.Data;
using Tickr.Domain.Catalog;
using Tickr.Graph.Schema.Common;

namespace Tickr.Graph.Schema.Catalog.Loaders;

/// <summary>
/// Each event's quotas with the ticket types they cover, one query per batch. Ticket types use it too, to find the
/// quotas that limit them (an event's quotas are few, so loading them per event is cheaper than per type).
/// </summary>
public sealed class QuotasByEventLoader(IDbContextFactory<TickrDbContext> contexts) : EntityGroupLoader<Quota>(contexts)
{
    protected override Expression<Func<TickrDbContext, Guid[], IQueryable<Quota>>> Query => (db, parentIds) =>
        db.Quotas.Include(q => q.TicketTypes).Where(q => parentIds.Contains(q.EventId)).OrderBy(q => q.CreatedAt).ThenBy(q => q.Id);

    protected override Guid ParentOf(Quota row) => row.EventId;
}
