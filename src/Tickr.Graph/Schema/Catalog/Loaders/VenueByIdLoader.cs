using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Tickr.Data;
using Tickr.Domain.Catalog;
using Tickr.Graph.Schema.Common;

namespace Tickr.Graph.Schema.Catalog.Loaders;

/// <summary>Venues by id, one query per batch.</summary>
public sealed class VenueByIdLoader(IDbContextFactory<TickrDbContext> contexts) : EntityLoader<Venue>(contexts)
{
    protected override Expression<Func<TickrDbContext, Guid[], IQueryable<Venue>>> Query => (db, ids) => db.Venues.Where(x => ids.Contains(x.Id));

    protected override Guid KeyOf(Venue row) => row.Id;
}
