using Tickr.Domain.Ordering;
using Tickr.Graph.Schema.Catalog;
using Tickr.Graph.Schema.Catalog.Loaders;
using Tickr.Graph.Schema.Common;
using Tickr.Graph.Schema.Relay;
using Tickr.Graph.Schema.Ticketing;
using Tickr.GraphQL.Execution;
using Tickr.GraphQL.Types.Building;

namespace Tickr.Graph.Schema.Ordering;

/// <summary>
/// A buyer's order for tickets of one event. Visible to its buyer and to the event's organization; the commission and
/// the organizer's net are the organization's only.
/// </summary>
[GraphQLName("Order")]
public sealed class OrderNode(Order o) : INode
{
    public const string TypeName = "Order";

    internal Order Entity => o;

    /// <summary>The order's global id.</summary>
    public string Id => GlobalId.Encode(TypeName, o.Id);

    /// <summary>What the buyer and the organizer quote, e.g. TK-7Q2M9XKD.</summary>
    public string Number => o.Number;

    /// <summary>Where the order is: RESERVED until paid or expired, then PAID, CANCELLED, EXPIRED or REFUNDED.</summary>
    public OrderStatus Status => o.Status;

    /// <summary>The tickets ordered, per ticket type, with their prices when ordered.</summary>
    public IReadOnlyList<OrderLineNode> Lines => o.Lines.OrderBy(l => l.Position).Select(l => new OrderLineNode(l, o)).ToArray();

    /// <summary>Number of tickets in the order.</summary>
    public int TicketCount => o.TicketCount;

    /// <summary>List prices before discount.</summary>
    public MoneyAmount Subtotal => new(o.Subtotal);

    /// <summary>The promo code's discount.</summary>
    public MoneyAmount Discount => new(o.Discount);

    /// <summary>What the buyer pays.</summary>
    public MoneyAmount Total => new(o.Total);

    /// <summary>Refunded so far.</summary>
    public MoneyAmount Refunded => new(o.Refunded);

    /// <summary>The platform's 4 % commission. The event's organization only (null otherwise).</summary>
    public async Task<MoneyAmount?> GetCommissionAsync(IResolverContext context) =>
        await OrganizerAsync(context) ? new MoneyAmount(o.Commission) : null;

    /// <summary>What the organizer receives: total minus commission. The event's organization only (null otherwise).</summary>
    public async Task<MoneyAmount?> GetNetAsync(IResolverContext context) =>
        await OrganizerAsync(context) ? new MoneyAmount(o.Net) : null;

    /// <summary>The buyer's email. The event's organization and the buyer only.</summary>
    public string BuyerEmail => o.BuyerEmail;

    /// <summary>When the order was placed.</summary>
    public DateTimeOffset CreatedAt => o.CreatedAt;

    /// <summary>Until when the tickets are held for an unpaid order.</summary>
    public DateTimeOffset ExpiresAt => o.ExpiresAt;

    /// <summary>When it was paid; null until then.</summary>
    public DateTimeOffset? PaidAt => o.PaidAt;

    /// <summary>The event.</summary>
    public async Task<EventNode?> GetEventAsync(EventByIdLoader events)
    {
        ArgumentNullException.ThrowIfNull(events);
        return await events.LoadAsync(o.EventId) is { } e ? new EventNode(e) : null;
    }

    /// <summary>The tickets issued for the order (empty until it is paid).</summary>
    public async Task<IReadOnlyList<TicketNode>> GetTicketsAsync(TicketsByOrderLoader tickets)
    {
        ArgumentNullException.ThrowIfNull(tickets);
        return (await tickets.LoadAsync(o.Id)).Select(t => new TicketNode(t)).ToArray();
    }

    private Task<bool> OrganizerAsync(IResolverContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.GetAccess().CanViewPrivateAsync(o.OrganizationId, context.CancellationToken);
    }

    /// <summary>Whether the caller may see this order: its buyer or the event's organization.</summary>
    internal static async Task<bool> CanSeeAsync(IResolverContext context, Order order) =>
        context.GetAccess().Actor.UserId == order.BuyerId
        || await context.GetAccess().CanViewPrivateAsync(order.OrganizationId, context.CancellationToken);
}

/// <summary>Some tickets of one type in an order.</summary>
[GraphQLName("OrderLine")]
public sealed class OrderLineNode(OrderLine line, Order order)
{
    /// <summary>The ticket type.</summary>
    [ID]
    public string TicketTypeId => GlobalId.Encode(TicketTypeNode.TypeName, line.TicketTypeId);

    /// <summary>The ticket type's name when ordered.</summary>
    public string TicketTypeName => line.TicketTypeName;

    /// <summary>How many tickets.</summary>
    public int Quantity => line.Quantity;

    /// <summary>The list price of one ticket.</summary>
    public MoneyAmount UnitPrice => new(new Domain.Common.Money(line.UnitPriceMinorUnits, order.Currency));

    /// <summary>The discount on one ticket.</summary>
    public MoneyAmount UnitDiscount => new(new Domain.Common.Money(line.UnitDiscountMinorUnits, order.Currency));

    /// <summary>What the buyer pays for the line.</summary>
    public MoneyAmount Total => new(new Domain.Common.Money(line.TotalMinorUnits, order.Currency));
}
