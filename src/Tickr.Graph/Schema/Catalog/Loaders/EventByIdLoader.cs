using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Tickr.Data;
using Tickr.Domain.Catalog;
using Tickr.Graph.Schema.Common;

namespace Tickr.Graph.Schema.Catalog.Loaders;

/// <summary>Events by id, one query per batch.</summary>
public sealed class EventByIdLoader(IDbContextFactory<TickrDbContext> contexts) : EntityLoader<Event>(contexts)
{
    protected override Expression<Func<TickrDbContext, Guid[], IQueryable<Event>>> Query => (db, ids) => db.Events.Where(x => ids.Contains(x.Id));

    protected override Guid KeyOf(Event row) => row.Id;
}
