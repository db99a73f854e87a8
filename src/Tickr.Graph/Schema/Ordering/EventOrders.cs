using Microsoft.EntityFrameworkCore;
using Tickr.Data;
using Tickr.Domain.Ordering;
using Tickr.Domain.Ticketing;
using Tickr.Graph.Schema.Catalog;
using Tickr.Graph.Schema.Relay;
using Tickr.Graph.Schema.Ticketing;
using Tickr.GraphQL;
using Tickr.GraphQL.Execution;
using Tickr.GraphQL.Types.Building;

namespace Tickr.Graph.Schema.Ordering;

/// <summary>
/// An event's orders and attendees for its organizers (the dashboard's tables): buyers' data, so the organization's
/// managers, owners and API keys only, never door staff (<see cref="Auth.Access.CanViewSalesAsync"/>).
/// </summary>
[ExtendObjectType(typeof(EventNode))]
public sealed class EventOrders
{
    /// <summary>The longest search text accepted.</summary>
    public const int MaxSearchLength = 256;

    /// <summary>The attendees' default page size (a table screen).</summary>
    public const int DefaultAttendeePageSize = 50;

    private static readonly OrderStatus[] Sold = [OrderStatus.Paid, OrderStatus.Refunded];

    /// <summary>
    /// Orders of the event, newest first; search matches order number, buyer email and holder emails
    /// (case-insensitive, substring). Organization members except scanners (null otherwise).
    /// </summary>
    [GraphQLCost(1, SlicingArguments = ["first"])]
    public async Task<Connection<OrderNode>?> GetOrdersAsync(
        [Parent] EventNode ev,
        [Service] IDbContextFactory<TickrDbContext> contexts,
        IResolverContext context,
        [GraphQLDescription("Part of an order number, of the buyer's email or of a ticket holder's email (any case).")] string? search = null,
        [GraphQLDescription("Only orders in these statuses (default: all).")] IReadOnlyList<OrderStatus>? status = null,
        [GraphQLDescription("Page size, 0 to 100 (default 20).")] int? first = Paging.DefaultPageSize,
        [GraphQLDescription("The cursor after which the page starts.")] string? after = null)
    {
        ArgumentNullException.ThrowIfNull(ev);
        ArgumentNullException.ThrowIfNull(context);
        var e = ev.Entity;
        if (!await context.GetAccess().CanViewSalesAsync(e.OrganizationId, context.CancellationToken))
        {
            return null;
        }
        var (lower, upper) = Terms(search);
        var statuses = status is { Count: > 0 } ? status.Distinct().ToArray() : null;
        var eventId = e.Id;
        return await Paging.ToConnectionAsync(
            contexts,
            db =>
            {
                var orders = db.Orders.AsNoTracking().Include(o => o.Lines).Where(o => o.EventId == eventId);
                if (statuses is not null)
                {
                    orders = orders.Where(o => statuses.Contains(o.Status));
                }
                if (lower is not null)
                {
                    orders = orders.Where(o => o.Number.Contains(upper!)
                        || o.BuyerEmail.ToLower().Contains(lower)
                        || db.Tickets.Any(t => t.OrderId == o.Id && t.HolderEmail.ToLower().Contains(lower)));
                }
                return orders.OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id);
            },
            first,
            after,
            o => new OrderNode(o),
            context.CancellationToken);
    }

    /// <summary>
    /// Tickets of paid (and refunded) orders, oldest first; search matches order number, buyer email and holder email
    /// (case-insensitive, substring). Organization members except scanners (null otherwise).
    /// </summary>
    [GraphQLCost(1, SlicingArguments = ["first"])]
    public async Task<Connection<TicketNode>?> GetAttendeesAsync(
        [Parent] EventNode ev,
        [Service] IDbContextFactory<TickrDbContext> contexts,
        IResolverContext context,
        [GraphQLDescription("Part of the holder's email, of the order number or of the buyer's email (any case).")] string? search = null,
        [GraphQLDescription("Page size, 0 to 100 (default 50).")] int? first = DefaultAttendeePageSize,
        [GraphQLDescription("The cursor after which the page starts.")] string? after = null)
    {
        ArgumentNullException.ThrowIfNull(ev);
        ArgumentNullException.ThrowIfNull(context);
        var e = ev.Entity;
        if (!await context.GetAccess().CanViewSalesAsync(e.OrganizationId, context.CancellationToken))
        {
            return null;
        }
        var (lower, upper) = Terms(search);
        var eventId = e.Id;
        return await Paging.ToConnectionAsync(
            contexts,
            db =>
            {
                var tickets = from t in db.Tickets.AsNoTracking()
                              join o in db.Orders on t.OrderId equals o.Id
                              where t.EventId == eventId && Sold.Contains(o.Status)
                              select new { Ticket = t, o.Number, o.BuyerEmail };
                if (lower is not null)
                {
                    tickets = tickets.Where(x => x.Ticket.HolderEmail.ToLower().Contains(lower)
                        || x.Number.Contains(upper!)
                        || x.BuyerEmail.ToLower().Contains(lower));
                }
                return tickets.OrderBy(x => x.Ticket.IssuedAt).ThenBy(x => x.Ticket.Id).Select(x => x.Ticket);
            },
            first ?? DefaultAttendeePageSize,
            after,
            t => new TicketNode(t),
            context.CancellationToken);
    }

    /// <summary>The search text in lower case (emails) and upper case (order numbers); nulls when there is nothing to match.</summary>
    private static (string? Lower, string? Upper) Terms(string? search)
    {
        var term = search?.Trim();
        if (string.IsNullOrEmpty(term))
        {
            return (null, null);
        }
        if (term.Length > MaxSearchLength)
        {
            throw new GraphQLException($"search must be at most {MaxSearchLength} characters.", ErrorCodes.BadUserInput);
        }
        return (term.ToLowerInvariant(), term.ToUpperInvariant());
    }
}

/// <summary>Where a ticket came from.</summary>
/// <remarks>
/// Extends Ticket by name (registered before the extensions that reach Ticket), so that it applies once Ticket's own
/// fields are built and its fields come after them.
/// </remarks>
[ExtendObjectType(TicketNode.TypeName)]
public sealed class TicketOrder
{
    /// <summary>The order the ticket came from: its buyer or the event's organization (null otherwise).</summary>
    public async Task<OrderNode?> GetOrderAsync([Parent] TicketNode ticket, OrderByIdLoader orders, IResolverContext context)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(orders);
        ArgumentNullException.ThrowIfNull(context);
        if (await orders.LoadAsync(ticket.Entity.OrderId) is not { } order)
        {
            return null;
        }
        var access = context.GetAccess();
        return access.Actor.UserId == order.BuyerId || await access.CanViewSalesAsync(order.OrganizationId, context.CancellationToken)
            ? new OrderNode(order)
            : null;
    }
}
