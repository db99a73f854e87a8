using Microsoft.Extensions.Options;
using Tickr.Domain.Payments;
using Tickr.Graph.Payments.Stripe;
using Tickr.GraphQL.Types.Building;

namespace Tickr.Graph.Schema.Ordering;

/// <summary>What a buyer's app needs to know to take a payment.</summary>
[QueryType]
public sealed class PaymentQueries
{
    /// <summary>What the web app needs to pay: enabled providers and Stripe's publishable key when Stripe is configured.</summary>
    public PaymentOptions GetPaymentOptions([Service] IPaymentProviders providers, [Service] IOptions<StripeOptions> stripe)
    {
        ArgumentNullException.ThrowIfNull(providers);
        ArgumentNullException.ThrowIfNull(stripe);
        var key = providers.IsConfigured(PaymentProviderKind.Stripe) && !string.IsNullOrWhiteSpace(stripe.Value.PublishableKey)
            ? stripe.Value.PublishableKey
            : null;
        return new PaymentOptions(providers.Configured, key);
    }
}

/// <summary>The payment providers this server takes.</summary>
/// <param name="Providers">The providers checkout accepts, in a fixed order (DEVELOPMENT, STRIPE, CLICTOPAY); DEVELOPMENT never in Production.</param>
/// <param name="StripePublishableKey">Stripe's publishable key (<c>pk_…</c>) for Stripe.js; null when Stripe is not configured.</param>
[GraphQLName("PaymentOptions")]
public sealed record PaymentOptions(IReadOnlyList<PaymentProviderKind> Providers, string? StripePublishableKey);
