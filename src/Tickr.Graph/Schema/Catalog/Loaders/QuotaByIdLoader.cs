using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Tickr.Data;
using Tickr.Domain.Catalog;
using Tickr.Graph.Schema.Common;

namespace Tickr.Graph.Schema.Catalog.Loaders;

/// <summary>Quotas by id with the ticket types they cover, one query per batch.</summary>
public sealed class QuotaByIdLoader(IDbContextFactory<TickrDbContext> contexts) : EntityLoader<Quota>(contexts)
{
    protected override Expression<Func<TickrDbContext, Guid[], IQueryable<Quota>>> Query => (db, ids) =>
        db.Quotas.Include(q => q.TicketTypes).Where(q => ids.Contains(q.Id));

    protected override Guid KeyOf(Quota row) => row.Id;
}
