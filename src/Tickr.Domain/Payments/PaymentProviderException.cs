namespace Tickr.Domain.Payments;

/// <summary>Why a provider call failed, stable and machine-readable.</summary>
public enum PaymentErrorCode
{
    /// <summary>The provider is not configured on this instance.</summary>
    NotConfigured,

    /// <summary>No connection, a network error, or a 5xx answer.</summary>
    Unreachable,

    /// <summary>No answer within the configured timeout.</summary>
    Timeout,

    /// <summary>The provider refused our credentials (Stripe 401, Clictopay "access denied").</summary>
    CredentialsRefused,

    /// <summary>The answer could not be read (not JSON, fields missing, another currency than asked).</summary>
    InvalidResponse,

    /// <summary>
    /// The request cannot be sent or was refused as invalid: currency the provider does not take, an amount it cannot
    /// represent (Stripe's three-decimal currencies need a last digit 0), a parameter it rejects.
    /// </summary>
    InvalidRequest,

    /// <summary>The provider knows no payment with this reference.</summary>
    UnknownPayment,

    /// <summary>Clictopay: this order number is already registered (a new attempt needs a new number).</summary>
    DuplicateOrderNumber,
}

/// <summary>
/// A provider call failed: unreachable provider, refused credentials, malformed answer, or a request it cannot take.
/// Carries the provider, a stable <see cref="Code"/>, and the provider's own code and message when it gave them.
/// </summary>
public sealed class PaymentProviderException : Exception
{
    public PaymentProviderException(PaymentProviderKind provider, PaymentErrorCode code, string message,
        string? providerCode = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Provider = provider;
        Code = code;
        ProviderCode = providerCode;
    }

    public PaymentProviderKind Provider { get; }

    public PaymentErrorCode Code { get; }

    /// <summary>The provider's own error code (Stripe <c>error.code</c>, Clictopay <c>errorCode</c>), when it sent one.</summary>
    public string? ProviderCode { get; }
}
