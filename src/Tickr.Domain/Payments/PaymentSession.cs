namespace Tickr.Domain.Payments;

/// <summary>A payment created at a provider: what the buyer's app needs to pay it.</summary>
/// <param name="ProviderReference">The provider's id of the payment (Stripe <c>pi_…</c>, Clictopay orderId, <c>dev_…</c>): store it with the order.</param>
/// <param name="State">Usually <see cref="PaymentState.Pending"/>; the Development provider answers <see cref="PaymentState.Succeeded"/> at once.</param>
/// <param name="ClientSecret">Stripe: the PaymentIntent's client secret for Stripe.js / Elements. Give it to the buyer only.</param>
/// <param name="RedirectUrl">Clictopay: the hosted payment page (<c>formUrl</c>) to send the buyer to.</param>
public sealed record PaymentSession(string ProviderReference, PaymentState State, string? ClientSecret, Uri? RedirectUrl);
