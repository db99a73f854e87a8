using Tickr.Domain.Ordering;
using Tickr.Graph.Schema.Errors;
using Tickr.GraphQL.Types.Building;

// The error unions of buying, paying and refunding, and which error types join each.
namespace Tickr.Graph.Schema.Ordering
{
    /// <summary>Why <c>reserveTickets</c> failed.</summary>
    [UnionType("ReserveTicketsError")]
    public interface IReserveTicketsError;

    /// <summary>Why <c>checkout</c> failed.</summary>
    [UnionType("CheckoutError")]
    public interface ICheckoutError;

    /// <summary>Why <c>cancelOrder</c> failed.</summary>
    [UnionType("CancelOrderError")]
    public interface ICancelOrderError;

    /// <summary>Why <c>refundOrder</c> failed.</summary>
    [UnionType("RefundOrderError")]
    public interface IRefundOrderError;

    /// <summary>Not enough tickets are left.</summary>
    public sealed class SoldOutError(string message, string? ticketTypeId, int remaining) : IUserError, IReserveTicketsError
    {
        public string Code => "SOLD_OUT";

        public string Message { get; } = message;

        /// <summary>The ticket type that ran out.</summary>
        [ID]
        public string? TicketTypeId { get; } = ticketTypeId;

        /// <summary>How many tickets of it were left (fewer than asked; 0 when sold out).</summary>
        public int Remaining { get; } = remaining;
    }

    /// <summary>The ticket type's sales window is not open.</summary>
    public sealed class SalesClosedError(string message, string? ticketTypeId) : IUserError, IReserveTicketsError
    {
        public string Code => "SALES_CLOSED";

        public string Message { get; } = message;

        /// <summary>The ticket type whose sales are closed.</summary>
        [ID]
        public string? TicketTypeId { get; } = ticketTypeId;
    }

    /// <summary>The event is not on sale: a draft, cancelled or ended.</summary>
    public sealed class EventNotOnSaleError(string message) : IUserError, IReserveTicketsError
    {
        public string Code => "EVENT_NOT_ON_SALE";

        public string Message { get; } = message;
    }

    /// <summary>A quantity is outside the per-order or per-buyer limits.</summary>
    public sealed class LimitExceededError(string message, string? ticketTypeId, int? limit) : IUserError, IReserveTicketsError
    {
        public string Code => "LIMIT_EXCEEDED";

        public string Message { get; } = message;

        /// <summary>The ticket type whose limit applies; null for the event's per-buyer limit.</summary>
        [ID]
        public string? TicketTypeId { get; } = ticketTypeId;

        /// <summary>The limit.</summary>
        public int? Limit { get; } = limit;
    }

    /// <summary>The promo code is unknown, expired, used up, or applies to none of the tickets.</summary>
    public sealed class InvalidPromoCodeError(string message) : IUserError, IReserveTicketsError
    {
        public string Code => "INVALID_PROMO_CODE";

        public string Message { get; } = message;
    }

    /// <summary>The idempotency key was already used for a different request.</summary>
    public sealed class IdempotencyKeyReusedError(string message) : IUserError, IReserveTicketsError
    {
        public string Code => "IDEMPOTENCY_KEY_REUSED";

        public string Message { get; } = message;
    }

    /// <summary>The payment provider is not configured here, or did not answer.</summary>
    public sealed class PaymentProviderError(string message, string provider) : IUserError, ICheckoutError, IRefundOrderError
    {
        public string Code => "PAYMENT_PROVIDER_ERROR";

        public string Message { get; } = message;

        /// <summary>The provider: STRIPE, CLICTOPAY or DEVELOPMENT.</summary>
        public string Provider { get; } = provider;
    }

    /// <summary>The refund is outside the event's refund policy.</summary>
    public sealed class RefundNotAllowedError(string message) : IUserError, IRefundOrderError
    {
        public string Code => "REFUND_NOT_ALLOWED";

        public string Message { get; } = message;
    }

    /// <summary>The amount is zero, negative, or above what is left to refund.</summary>
    public sealed class InvalidRefundAmountError(string message) : IUserError, IRefundOrderError
    {
        public string Code => "INVALID_REFUND_AMOUNT";

        public string Message { get; } = message;
    }

    /// <summary>Turns a refused ordering rule into its error type.</summary>
    internal static class OrderingErrors
    {
        public static IUserError From(OrderingException e)
        {
            var typeId = e.TicketTypeId is { } id ? Relay.GlobalId.Encode(Catalog.TicketTypeNode.TypeName, id) : null;
            return e.Code switch
            {
                OrderingErrorCode.SoldOut => new SoldOutError(e.Message, typeId, e.Remaining ?? 0),
                OrderingErrorCode.SalesClosed => new SalesClosedError(e.Message, typeId),
                OrderingErrorCode.EventNotOnSale => new EventNotOnSaleError(e.Message),
                OrderingErrorCode.LimitExceeded => new LimitExceededError(e.Message, typeId, e.Limit),
                OrderingErrorCode.InvalidPromoCode => new InvalidPromoCodeError(e.Message),
                OrderingErrorCode.IdempotencyKeyReused => new IdempotencyKeyReusedError(e.Message),
                OrderingErrorCode.TicketTypeNotFound => new NotFoundError(e.Message, typeId),
                OrderingErrorCode.InvalidOrderStatus => new InvalidStatusError(e.Message),
                OrderingErrorCode.RefundNotAllowed => new RefundNotAllowedError(e.Message),
                OrderingErrorCode.InvalidRefundAmount => new InvalidRefundAmountError(e.Message),
                _ => new InvalidInputError("INVALID_QUANTITY", e.Message, "items"),
            };
        }
    }
}

namespace Tickr.Graph.Schema.Errors
{
    using Tickr.Graph.Schema.Ordering;

    public sealed partial class InvalidInputError : IReserveTicketsError, ICheckoutError, ICancelOrderError, IRefundOrderError;

    public sealed partial class NotFoundError : IReserveTicketsError, ICheckoutError, ICancelOrderError, IRefundOrderError;

    public sealed partial class NotAuthorizedError : IRefundOrderError;

    // Paying a cancelled order, cancelling a paid one, refunding an unpaid one.
    public sealed partial class InvalidStatusError : ICheckoutError, ICancelOrderError, IRefundOrderError;

    public sealed partial class ConcurrentUpdateError : ICheckoutError, ICancelOrderError, IRefundOrderError;
}
