using Tickr.Domain.Common;

namespace Tickr.Domain.Payments;

/// <summary>Gives back all or part of a captured payment.</summary>
/// <param name="ProviderReference">The payment's provider reference.</param>
/// <param name="Amount">The amount to give back, in the payment's currency; less than the payment for a partial refund.</param>
/// <param name="IdempotencyKey">
/// Stable per refund: Stripe returns the same refund for the same key. Clictopay has no such key, so its adapter checks
/// the refundable balance first and never retries; record the refund before calling and do not call twice.
/// </param>
/// <param name="Reason">Free text kept with the refund where the provider stores it (Stripe metadata).</param>
public sealed record RefundRequest(string ProviderReference, Money Amount, string IdempotencyKey, string? Reason);

/// <summary>Why a provider refused a refund.</summary>
public enum RefundFailureCode
{
    /// <summary>The amount is more than what remains refundable (already refunded, or more than was paid).</summary>
    ExceedsRefundable,

    /// <summary>The payment is not in a refundable state (never paid, declined).</summary>
    NotRefundable,

    /// <summary>The provider refused for another reason; see the message.</summary>
    Refused,
}

/// <summary>
/// The outcome of a refund the provider answered. A refusal is a result, not an exception; an unreachable provider or
/// refused credentials are a <see cref="PaymentProviderException"/>.
/// </summary>
/// <param name="RefundReference">The provider's refund id (Stripe <c>re_…</c>); null when refused.</param>
/// <param name="Succeeded">True when the provider accepted the refund (Stripe: <c>succeeded</c> or <c>pending</c>).</param>
/// <param name="FailureReason">The provider's message when refused.</param>
/// <param name="FailureCode">Why it was refused; null when it succeeded.</param>
public sealed record RefundResult(string? RefundReference, bool Succeeded, string? FailureReason, RefundFailureCode? FailureCode = null)
{
    public static RefundResult Accepted(string refundReference) => new(refundReference, true, null);

    public static RefundResult Refused(RefundFailureCode code, string reason) => new(null, false, reason, code);
}
