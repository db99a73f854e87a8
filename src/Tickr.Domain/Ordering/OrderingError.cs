namespace Tickr.Domain.Ordering;

/// <summary>Why a purchase, a payment or a refund was refused. Stable codes; the API turns each into a typed error.</summary>
public enum OrderingErrorCode
{
    /// <summary>The event is not published, is cancelled or has ended.</summary>
    EventNotOnSale,

    /// <summary>A ticket type is unknown, belongs to another event, or is hidden and its access code was not given.</summary>
    TicketTypeNotFound,

    /// <summary>A ticket type's sales window is not open.</summary>
    SalesClosed,

    /// <summary>A quantity is outside the per-order or per-buyer limits.</summary>
    LimitExceeded,

    /// <summary>A quantity or an item list is malformed (zero, negative, empty, too many items).</summary>
    InvalidQuantity,

    /// <summary>The promo code is unknown, expired, used up, or applies to none of the tickets.</summary>
    InvalidPromoCode,

    /// <summary>Not enough tickets are left.</summary>
    SoldOut,

    /// <summary>The idempotency key was used before with a different request.</summary>
    IdempotencyKeyReused,

    /// <summary>The order is not in a status that allows the operation (paying a cancelled order…).</summary>
    InvalidOrderStatus,

    /// <summary>A refund is outside the event's refund policy.</summary>
    RefundNotAllowed,

    /// <summary>A refund amount is zero, negative, or above what is left to refund.</summary>
    InvalidRefundAmount,
}

/// <summary>A refused ordering operation. Nothing it would have changed is persisted.</summary>
public sealed class OrderingException(OrderingErrorCode code, string message) : Exception(message)
{
    public OrderingErrorCode Code { get; } = code;

    /// <summary>The ticket type at fault, when one is.</summary>
    public Guid? TicketTypeId { get; init; }

    /// <summary>For <see cref="OrderingErrorCode.SoldOut"/>: how many tickets of that type were left.</summary>
    public int? Remaining { get; init; }

    /// <summary>For <see cref="OrderingErrorCode.LimitExceeded"/>: the limit that applies.</summary>
    public int? Limit { get; init; }
}
