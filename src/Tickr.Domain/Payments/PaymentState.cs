namespace Tickr.Domain.Payments;

/// <summary>Where a payment stands at its provider, in provider-neutral terms.</summary>
public enum PaymentState
{
    /// <summary>Created; the buyer has not paid yet (or the provider is still authorizing).</summary>
    Pending,

    /// <summary>The money is captured.</summary>
    Succeeded,

    /// <summary>Declined, cancelled or reversed: no money was taken. A new payment is needed.</summary>
    Failed,

    /// <summary>
    /// The money was taken and then (partly or wholly) given back: Clictopay's order status 4, or Stripe's
    /// <c>charge.refunded</c> for a refund made outside Tickr (the Stripe Dashboard).
    /// </summary>
    Refunded,
}
