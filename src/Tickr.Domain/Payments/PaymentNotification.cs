using Tickr.Domain.Common;

namespace Tickr.Domain.Payments;

/// <summary>
/// A verified, provider-neutral notification from a webhook (Stripe, signature checked) or a return redirect
/// (Clictopay, confirmed by reading the order's status from Clictopay). Providers deliver at least once: use
/// <see cref="ProviderEventId"/> to apply each notification once.
/// </summary>
/// <param name="Provider">Who sent it.</param>
/// <param name="ProviderEventId">Unique per event (Stripe <c>evt_…</c>; Clictopay orderId and status): the deduplication key.</param>
/// <param name="ProviderReference">The payment's provider reference, as returned in <see cref="PaymentSession"/>.</param>
/// <param name="State">The payment's new state.</param>
/// <param name="Amount">The amount captured (Succeeded), or refunded so far (Refunded); null when unknown.</param>
/// <param name="OccurredAt">When the provider says it happened.</param>
/// <param name="OrderId">Tickr's order id, when the provider carried it back.</param>
public sealed record PaymentNotification(
    PaymentProviderKind Provider,
    string ProviderEventId,
    string ProviderReference,
    PaymentState State,
    Money? Amount,
    DateTimeOffset OccurredAt,
    Guid? OrderId);
