using Tickr.Domain.Payments;

namespace Tickr.Graph.Payments;

/// <summary>Why an incoming notification was refused.</summary>
public enum WebhookRejection
{
    /// <summary>No signature header (Stripe-Signature).</summary>
    MissingSignature,

    /// <summary>The signature does not match the body and the endpoint's secret: forged, tampered, or another secret.</summary>
    InvalidSignature,

    /// <summary>Correctly signed, but the signed timestamp is outside the tolerance (a replay, or a skewed clock).</summary>
    StaleTimestamp,

    /// <summary>Authentic but unreadable (not an event, too large), or a return redirect without its order id.</summary>
    Malformed,
}

/// <summary>
/// An incoming webhook or return redirect was not accepted. The endpoint answers HTTP 400 and applies nothing;
/// the message is safe to log (it never contains the secret).
/// </summary>
public sealed class WebhookRejectedException(PaymentProviderKind provider, WebhookRejection reason, string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    public PaymentProviderKind Provider { get; } = provider;

    public WebhookRejection Reason { get; } = reason;
}
