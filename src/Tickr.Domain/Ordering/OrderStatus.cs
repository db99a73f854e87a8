namespace Tickr.Domain.Ordering;

/// <summary>Where an order is in its life.</summary>
public enum OrderStatus
{
    /// <summary>Tickets are held until <see cref="Order.ExpiresAt"/> while the buyer pays.</summary>
    Reserved,

    /// <summary>Paid (or free and confirmed): tickets are issued.</summary>
    Paid,

    /// <summary>The buyer cancelled before paying; the hold was released.</summary>
    Cancelled,

    /// <summary>Not paid in time; the hold was released.</summary>
    Expired,

    /// <summary>Every ticket was refunded.</summary>
    Refunded,
}
