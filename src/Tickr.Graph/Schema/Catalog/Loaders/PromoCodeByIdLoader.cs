using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Tickr.Data;
using Tickr.Domain.Catalog;
using Tickr.Graph.Schema.Common;

namespace Tickr.Graph.Schema.Catalog.Loaders;

/// <summary>Promo codes by id with their ticket-type restrictions, one query per batch.</summary>
public sealed class PromoCodeByIdLoader(IDbContextFactory<TickrDbContext> contexts) : EntityLoader<PromoCode>(contexts)
{
    protected override Expression<Func<TickrDbContext, Guid[], IQueryable<PromoCode>>> Query => (db, ids) =>
        db.PromoCodes.Include(p => p.TicketTypes).Where(p => ids.Contains(p.Id));

    protected override Guid KeyOf(PromoCode row) => row.Id;
}
