using Tickr.Domain.Payments;

namespace Tickr.Graph.Payments.Clictopay;

/// <summary>
/// Reads the buyer's return from Clictopay's payment page (Clictopay appends <c>orderId</c> to the return and fail
/// URLs). Clictopay signs nothing here, so the query string is only a hint: the state comes from
/// <c>getOrderStatusExtended.do</c>, server to server.
/// </summary>
public sealed class ClictopayReturnReader(IPaymentProviders providers)
{
    /// <summary>The query parameter Clictopay adds to the return URL.</summary>
    public const string OrderIdParameter = "orderId";

    /// <summary>
    /// The verified notification for this return. A request without <c>orderId</c> is a <see cref="WebhookRejectedException"/>;
    /// an order Clictopay does not know is a <see cref="PaymentProviderException"/> (<see cref="PaymentErrorCode.UnknownPayment"/>).
    /// </summary>
    public Task<PaymentNotification> ReadAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var orderId = request.Query[OrderIdParameter].ToString();
        if (string.IsNullOrWhiteSpace(orderId) || orderId.Length > 64)
        {
            throw new WebhookRejectedException(PaymentProviderKind.Clictopay, WebhookRejection.Malformed,
                $"The return from Clictopay has no valid {OrderIdParameter}.");
        }
        return providers.Get(PaymentProviderKind.Clictopay) is ClictopayPaymentProvider clictopay
            ? clictopay.ReadNotificationAsync(orderId, cancellationToken)
            : throw new InvalidOperationException("The Clictopay provider is not the Clictopay adapter.");
    }
}
