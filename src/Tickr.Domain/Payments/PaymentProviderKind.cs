namespace Tickr.Domain.Payments;

/// <summary>The payment providers Tickr can take money through.</summary>
public enum PaymentProviderKind
{
    /// <summary>Confirms every payment at once without moving money; never available in Production.</summary>
    Development,

    /// <summary>Stripe PaymentIntents (international cards).</summary>
    Stripe,

    /// <summary>Clictopay by SMT (Société Monétique Tunisie): Tunisian cards, in dinars.</summary>
    Clictopay,
}
