using Tickr.Domain.Catalog;
using Tickr.Domain.Common;

namespace Tickr.Domain.Ordering;

/// <summary>
/// Some tickets of one type in an order, priced when reserved: list price, discount and the 4 % commission per
/// ticket, so that refunding one ticket gives back exactly its share.
/// </summary>
public sealed class OrderLine
{
    private OrderLine() { }

    public Guid Id { get; private set; }

    public Guid OrderId { get; private set; }

    public Guid TicketTypeId { get; private set; }

    /// <summary>The type's name when ordered (a later rename does not rewrite receipts).</summary>
    public string TicketTypeName { get; private set; } = "";

    public int Quantity { get; private set; }

    public long UnitPriceMinorUnits { get; private set; }

    public long UnitDiscountMinorUnits { get; private set; }

    /// <summary>Commission on one ticket: 4 % of what the buyer pays for it.</summary>
    public long UnitCommissionMinorUnits { get; private set; }

    public int Position { get; private set; }

    /// <summary>What the buyer pays for the line.</summary>
    public long TotalMinorUnits => (UnitPriceMinorUnits - UnitDiscountMinorUnits) * Quantity;

    public long CommissionMinorUnits => UnitCommissionMinorUnits * Quantity;

    public long NetMinorUnits => TotalMinorUnits - CommissionMinorUnits;

    internal static OrderLine Create(Order order, TicketType type, int quantity, Money unitDiscount, int position)
    {
        var paid = type.Price - unitDiscount;
        var split = Common.Commission.Standard.Split(paid);
        return new OrderLine
        {
            Id = Guid.CreateVersion7(order.CreatedAt),
            OrderId = order.Id,
            TicketTypeId = type.Id,
            TicketTypeName = type.Name,
            Quantity = quantity,
            UnitPriceMinorUnits = type.Price.MinorUnits,
            UnitDiscountMinorUnits = unitDiscount.MinorUnits,
            UnitCommissionMinorUnits = split.Platform.MinorUnits,
            Position = position,
        };
    }
}
