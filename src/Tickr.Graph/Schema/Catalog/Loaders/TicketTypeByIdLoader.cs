using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Tickr.Data;
using Tickr.Domain.Catalog;
using Tickr.Graph.Schema.Common;

namespace Tickr.Graph.Schema.Catalog.Loaders;

/// <summary>TicketTypes by id, one query per batch.</summary>
public sealed class TicketTypeByIdLoader(IDbContextFactory<TickrDbContext> contexts) : EntityLoader<TicketType>(contexts)
{
    protected override Expression<Func<TickrDbContext, Guid[], IQueryable<TicketType>>> Query => (db, ids) => db.TicketTypes.Where(x => ids.Contains(x.Id));

    protected override Guid KeyOf(TicketType row) => row.Id;
}
