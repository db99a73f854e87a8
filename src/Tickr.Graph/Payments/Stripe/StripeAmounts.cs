using System.Globalization;
using Tickr.Domain.Common;
using Tickr.Domain.Payments;

namespace Tickr.Graph.Payments.Stripe;

/// <summary>
/// Tickr amounts to Stripe's and back. Stripe takes integer minor units and a lower-case ISO code. For the
/// three-decimal currencies (TND, and BHD, JOD, KWD, OMR) Stripe accepts 3-digit minor units but, for its card
/// partners, requires the last digit to be 0 ("round amounts to the nearest ten", docs.stripe.com/currencies). Tickr
/// never rounds a price silently: an amount like 12.345 TND is refused with <see cref="PaymentErrorCode.InvalidRequest"/>,
/// and organizers selling through Stripe price in whole hundredths of a dinar.
/// </summary>
internal static class StripeAmounts
{
    public static (long Amount, string Currency) ToStripe(Money money)
    {
        if (money.MinorUnits <= 0)
        {
            throw new PaymentProviderException(PaymentProviderKind.Stripe, PaymentErrorCode.InvalidRequest,
                $"Stripe cannot take an amount of {money}: it must be positive.");
        }
        if (money.Currency.MinorUnits == 3 && money.MinorUnits % 10 != 0)
        {
            throw new PaymentProviderException(PaymentProviderKind.Stripe, PaymentErrorCode.InvalidRequest,
                $"Stripe takes {money.Currency.Code} amounts in multiples of 10 {money.Currency.Code} minor units only; {money} is not one.");
        }
        return (money.MinorUnits, money.Currency.Code.ToLowerInvariant());
    }

    public static Money FromStripe(long amount, string? currency)
    {
        if (!Currency.TryFromCode(currency, out var known))
        {
            throw new PaymentProviderException(PaymentProviderKind.Stripe, PaymentErrorCode.InvalidResponse,
                string.Create(CultureInfo.InvariantCulture, $"Stripe answered in the currency '{currency}', which Tickr does not sell in."));
        }
        return new Money(amount, known);
    }
}
