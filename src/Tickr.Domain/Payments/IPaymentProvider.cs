namespace Tickr.Domain.Payments;

/// <summary>
/// A payment provider behind one port: create a payment, read its state, refund it. Infrastructure failures
/// (unreachable, refused credentials, malformed answers, an amount the provider cannot take) are
/// <see cref="PaymentProviderException"/>s; a refused refund is a <see cref="RefundResult"/>.
/// </summary>
public interface IPaymentProvider
{
    PaymentProviderKind Kind { get; }

    /// <summary>Registers the payment at the provider (never retried blindly: only Stripe's idempotency key makes a retry safe).</summary>
    Task<PaymentSession> CreatePaymentAsync(PaymentRequest request, CancellationToken cancellationToken = default);

    /// <summary>Reads the payment's state from the provider (a safe, retried read).</summary>
    Task<PaymentStatus> GetStatusAsync(string providerReference, CancellationToken cancellationToken = default);

    /// <summary>Gives money back.</summary>
    Task<RefundResult> RefundAsync(RefundRequest request, CancellationToken cancellationToken = default);
}

/// <summary>The providers this instance can use, by kind.</summary>
public interface IPaymentProviders
{
    /// <summary>The configured providers, in <see cref="PaymentProviderKind"/> order.</summary>
    IReadOnlyList<PaymentProviderKind> Configured { get; }

    bool IsConfigured(PaymentProviderKind kind);

    /// <summary>The provider of this kind; a <see cref="PaymentProviderException"/> with <see cref="PaymentErrorCode.NotConfigured"/> when it is not.</summary>
    IPaymentProvider Get(PaymentProviderKind kind);

    bool TryGet(PaymentProviderKind kind, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IPaymentProvider? provider);
}
