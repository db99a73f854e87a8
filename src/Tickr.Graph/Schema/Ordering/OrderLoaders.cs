using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Tickr.Data;
using Tickr.Domain.Ordering;
using Tickr.Domain.Ticketing;
using Tickr.Graph.Schema.Common;

namespace Tickr.Graph.Schema.Ordering;

/// <summary>Orders (with their lines) by id, one query per batch.</summary>
public sealed class OrderByIdLoader(IDbContextFactory<TickrDbContext> contexts) : EntityLoader<Order>(contexts)
{
    protected override Expression<Func<TickrDbContext, Guid[], IQueryable<Order>>> Query => (db, ids) =>
        db.Orders.Include(o => o.Lines).Where(o => ids.Contains(o.Id));

    protected override Guid KeyOf(Order row) => row.Id;
}

/// <summary>Each order's tickets, one query per batch.</summary>
public sealed class TicketsByOrderLoader(IDbContextFactory<TickrDbContext> contexts) : EntityGroupLoader<Ticket>(contexts)
{
    protected override Expression<Func<TickrDbContext, Guid[], IQueryable<Ticket>>> Query => (db, parentIds) =>
        db.Tickets.Where(t => parentIds.Contains(t.OrderId)).OrderBy(t => t.Id);

    protected override Guid ParentOf(Ticket row) => row.OrderId;
}

/// <summary>Tickets by id, one query per batch.</summary>
public sealed class TicketByIdLoader(IDbContextFactory<TickrDbContext> contexts) : EntityLoader<Ticket>(contexts)
{
    protected override Expression<Func<TickrDbContext, Guid[], IQueryable<Ticket>>> Query => (db, ids) =>
        db.Tickets.Where(t => ids.Contains(t.Id));

    protected override Guid KeyOf(Ticket row) => row.Id;
}
