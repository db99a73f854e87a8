using Microsoft.EntityFrameworkCore;
using Tickr.Data;
using Tickr.Domain.Catalog;
using Tickr.Graph.Schema.Common;

namespace Tickr.Graph.Schema.Catalog.Loaders;

/// <summary>Each event's ticket types in display order, one query per batch.</summary>
public sealed class TicketTypesByEventLoader(IDbContextFactory<TickrDbContext> contexts) : EntityGroupLoader<TicketType>(contexts)
{
    protected override IQueryable<TicketType> Query(TickrDbContext db, IReadOnlyList<Guid> parentIds) =>
        db.TicketTypes.Where(t => parentIds.Contains(t.EventId)).OrderBy(t => t.Position).ThenBy(t => t.Id);

    protected override Guid ParentOf(TicketType row) => row.EventId;
}
