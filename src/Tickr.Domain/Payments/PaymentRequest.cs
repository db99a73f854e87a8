using Tickr.Domain.Common;

namespace Tickr.Domain.Payments;

/// <summary>What a provider needs to start taking payment for an order.</summary>
/// <param name="OrderId">Tickr's order id; carried back in notifications (Stripe metadata, Clictopay order parameters).</param>
/// <param name="OrderNumber">
/// The human-readable order number. Clictopay refuses a second registration with the same number, so a new payment
/// attempt for the same order needs a new number (e.g. a suffix per attempt).
/// </param>
/// <param name="Amount">The exact amount to take, in the order's currency.</param>
/// <param name="BuyerEmail">Where the provider may send its receipt (Stripe only).</param>
/// <param name="IdempotencyKey">
/// Stable per payment attempt: sending the same request again with the same key returns the same payment (Stripe's
/// <c>Idempotency-Key</c>; the Development provider honours it too).
/// </param>
/// <param name="Language">The payment page's language: <c>fr</c>, <c>en</c> or <c>ar</c>.</param>
/// <param name="ReturnUrl">Where a hosted payment page sends the buyer after paying.</param>
/// <param name="FailUrl">Where a hosted payment page sends the buyer after a failure or cancellation.</param>
public sealed record PaymentRequest(
    Guid OrderId,
    string OrderNumber,
    Money Amount,
    string BuyerEmail,
    string IdempotencyKey,
    string Language,
    Uri ReturnUrl,
    Uri FailUrl);
