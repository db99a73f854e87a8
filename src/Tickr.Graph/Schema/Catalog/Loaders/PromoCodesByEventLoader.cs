using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Tickr.Data;
using Tickr.Domain.Catalog;
using Tickr.Graph.Schema.Common;

namespace Tickr.Graph.Schema.Catalog.Loaders;

/// <summary>Each event's promo codes with their ticket-type restrictions, one query per batch.</summary>
public sealed class PromoCodesByEventLoader(IDbContextFactory<TickrDbContext> contexts) : EntityGroupLoader<PromoCode>(contexts)
{
    protected override Expression<Func<TickrDbContext, Guid[], IQueryable<PromoCode>>> Query => (db, parentIds) =>
        db.PromoCodes.Include(p => p.TicketTypes).Where(p => parentIds.Contains(p.EventId)).OrderBy(p => p.Code);

    protected override Guid ParentOf(PromoCode row) => row.EventId;
}
