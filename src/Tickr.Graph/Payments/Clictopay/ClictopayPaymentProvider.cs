using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Tickr.Domain.Common;
using Tickr.Domain.Payments;

namespace Tickr.Graph.Payments.Clictopay;

/// <summary>
/// Clictopay (SMT, Tunisia) behind <see cref="IPaymentProvider"/>: <c>register.do</c> returns the hosted payment
/// page the buyer is sent to; after paying, Clictopay redirects the buyer to the return URL with <c>orderId</c>, and
/// the order's state is read back server to server (<see cref="ReadNotificationAsync"/>), so nothing the browser
/// carries is trusted. Amounts are integers in the currency's minor units (millimes), the currency its ISO numeric code.
/// </summary>
public sealed class ClictopayPaymentProvider : IPaymentProvider
{
    /// <summary>The named <see cref="HttpClient"/> the adapter sends through.</summary>
    public const string HttpClientName = "Tickr.Payments.Clictopay";

    /// <summary>The <c>jsonParams</c> entry carrying Tickr's order id; Clictopay returns it in <c>merchantOrderParams</c>.</summary>
    public const string OrderIdParameter = "tickrOrderId";

    private static readonly string[] Languages = ["fr", "en", "ar"];
    private readonly ClictopayGateway _gateway;
    private readonly ClictopayOptions _options;
    private readonly Currency _currency;
    private readonly TimeProvider _clock;

    public ClictopayPaymentProvider(IHttpClientFactory httpClients, IOptions<ClictopayOptions> options, TimeProvider clock)
    {
        _options = options.Value;
        _currency = Currency.FromCode(_options.Currency);
        _clock = clock;
        _gateway = new ClictopayGateway(httpClients, _options, clock);
    }

    public PaymentProviderKind Kind => PaymentProviderKind.Clictopay;

    public async Task<PaymentSession> CreatePaymentAsync(PaymentRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.OrderNumber);
        var amount = Amount(request.Amount);
        var language = Languages.Contains(request.Language) ? request.Language : "fr";
        var orderParameters = JsonSerializer.Serialize(new Dictionary<string, string> { [OrderIdParameter] = request.OrderId.ToString() });

        var answer = await _gateway.CallAsync("register.do",
        [
            new("orderNumber", request.OrderNumber),
            new("amount", amount),
            new("currency", _currency.NumericCode.ToString(CultureInfo.InvariantCulture)),
            new("returnUrl", request.ReturnUrl.AbsoluteUri),
            new("failUrl", request.FailUrl.AbsoluteUri),
            new("language", language),
            new("description", $"Tickr {request.OrderNumber}"),
            new("jsonParams", orderParameters),
        ], idempotent: false, cancellationToken);

        if (!ClictopayJson.IsSuccess(answer))
        {
            throw Failure("register.do", answer, duplicateIsKnown: true);
        }
        var orderId = ClictopayJson.String(answer, "orderId");
        var formUrl = ClictopayJson.String(answer, "formUrl");
        if (string.IsNullOrEmpty(orderId) || !Uri.TryCreate(formUrl, UriKind.Absolute, out var redirect))
        {
            throw new PaymentProviderException(Kind, PaymentErrorCode.InvalidResponse, "Clictopay's register.do answer has no orderId or formUrl.");
        }
        return new PaymentSession(orderId, PaymentState.Pending, null, redirect);
    }

    public async Task<PaymentStatus> GetStatusAsync(string providerReference, CancellationToken cancellationToken = default) =>
        (await ReadOrderAsync(providerReference, cancellationToken)).Status;

    public async Task<RefundResult> RefundAsync(RefundRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var amount = Amount(request.Amount);

        // refund.do has no idempotency key and must never be retried blindly: check what remains refundable first
        // (a safe, retried read), so that an over-refund is refused here with a clear reason.
        var order = await ReadOrderAsync(request.ProviderReference, cancellationToken);
        if (order.Status.State is not (PaymentState.Succeeded or PaymentState.Refunded) || order.Status.AmountPaid is not { } paid)
        {
            return RefundResult.Refused(RefundFailureCode.NotRefundable,
                $"The Clictopay order {request.ProviderReference} is {order.Status.State}, not paid: there is nothing to refund.");
        }
        var remaining = paid - (order.Status.AmountRefunded ?? Money.Zero(_currency));
        if (request.Amount > remaining)
        {
            return RefundResult.Refused(RefundFailureCode.ExceedsRefundable,
                $"Only {remaining} of {paid} remains refundable on the Clictopay order {request.ProviderReference}; {request.Amount} was asked.");
        }

        var answer = await _gateway.CallAsync("refund.do",
        [
            new("orderId", request.ProviderReference),
            new("amount", amount),
        ], idempotent: false, cancellationToken);
        if (ClictopayJson.IsSuccess(answer))
        {
            return RefundResult.Accepted($"{request.ProviderReference}:refund:{request.IdempotencyKey}");
        }

        var failure = Failure("refund.do", answer, duplicateIsKnown: false);
        if (failure.Code is PaymentErrorCode.CredentialsRefused or PaymentErrorCode.UnknownPayment)
        {
            throw failure;
        }
        return RefundResult.Refused(RefundFailureCode.Refused, failure.Message);
    }

    /// <summary>
    /// The notification for a buyer's return from the payment page: the order's state read from Clictopay (never from
    /// the redirect's query string). <see cref="PaymentNotification.ProviderEventId"/> is the order id with its status,
    /// so a second return with the same outcome deduplicates.
    /// </summary>
    public async Task<PaymentNotification> ReadNotificationAsync(string orderId, CancellationToken cancellationToken = default)
    {
        var order = await ReadOrderAsync(orderId, cancellationToken);
        var amount = order.Status.State == PaymentState.Refunded ? order.Status.AmountRefunded : order.Status.AmountPaid;
        return new PaymentNotification(Kind, string.Create(CultureInfo.InvariantCulture, $"{orderId}:{order.OrderStatus}"), orderId,
            order.Status.State, amount, _clock.GetUtcNow(), order.TickrOrderId);
    }

    private async Task<ClictopayOrder> ReadOrderAsync(string orderId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orderId);
        var answer = await _gateway.CallAsync("getOrderStatusExtended.do", [new("orderId", orderId), new("language", "fr")],
            idempotent: true, cancellationToken);
        var orderStatus = ClictopayJson.Integer(answer, "orderStatus");
        if (orderStatus is null)
        {
            throw ClictopayJson.IsSuccess(answer)
                ? new PaymentProviderException(Kind, PaymentErrorCode.InvalidResponse, "Clictopay's order status answer has no orderStatus.")
                : Failure("getOrderStatusExtended.do", answer, duplicateIsKnown: false);
        }

        var currency = ClictopayJson.String(answer, "currency");
        if (currency is not null && currency != _currency.NumericCode.ToString(CultureInfo.InvariantCulture))
        {
            throw new PaymentProviderException(Kind, PaymentErrorCode.InvalidResponse,
                $"Clictopay reports the order {orderId} in currency {currency}, not {_currency.Code} ({_currency.NumericCode}).");
        }

        long? deposited = null, refunded = null;
        if (answer.TryGetProperty("paymentAmountInfo", out var amounts) && amounts.ValueKind == JsonValueKind.Object)
        {
            deposited = ClictopayJson.Integer(amounts, "depositedAmount");
            refunded = ClictopayJson.Integer(amounts, "refundedAmount");
        }
        var state = orderStatus switch
        {
            2 => PaymentState.Succeeded,        // amount authorized and deposited: paid
            4 => PaymentState.Refunded,         // a refund was made
            3 or 6 => PaymentState.Failed,      // authorization reversed / declined
            _ => PaymentState.Pending,          // 0 registered, 1 pre-authorized (held), 5 issuer's 3-D Secure in progress
        };
        var paidAmount = state is PaymentState.Succeeded or PaymentState.Refunded
            ? new Money(deposited is > 0 ? deposited.Value : ClictopayJson.Integer(answer, "amount") ?? 0, _currency)
            : (Money?)null;
        var refundedAmount = refunded is > 0 ? new Money(refunded.Value, _currency) : (Money?)null;
        var reason = state == PaymentState.Failed
            ? ClictopayJson.String(answer, "actionCodeDescription") is { Length: > 0 } description ? description : $"orderStatus {orderStatus}"
            : null;

        return new ClictopayOrder(new PaymentStatus(orderId, state, paidAmount, reason, refundedAmount), (int)orderStatus.Value, TickrOrderId(answer));
    }

    private static Guid? TickrOrderId(JsonElement answer)
    {
        if (!answer.TryGetProperty("merchantOrderParams", out var parameters) || parameters.ValueKind != JsonValueKind.Array)
        {
            return null;
        }
        foreach (var parameter in parameters.EnumerateArray())
        {
            if (parameter.ValueKind == JsonValueKind.Object && ClictopayJson.String(parameter, "name") == OrderIdParameter
                && Guid.TryParse(ClictopayJson.String(parameter, "value"), out var id))
            {
                return id;
            }
        }
        return null;
    }

    /// <summary>The amount as Clictopay wants it: integer minor units, in the merchant account's currency only.</summary>
    private string Amount(Money money)
    {
        if (money.Currency != _currency)
        {
            throw new PaymentProviderException(Kind, PaymentErrorCode.InvalidRequest,
                $"Clictopay takes {_currency.Code} only; the amount is {money}.");
        }
        if (money.MinorUnits <= 0)
        {
            throw new PaymentProviderException(Kind, PaymentErrorCode.InvalidRequest, $"Clictopay cannot take an amount of {money}.");
        }
        return money.MinorUnits.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// An answer with a non-zero <c>errorCode</c>: 1 a duplicate order number (register.do), 5 access denied (or another
    /// refused parameter), 6 an unknown order, 7 a system error or an operation the order's state forbids.
    /// </summary>
    private PaymentProviderException Failure(string method, JsonElement answer, bool duplicateIsKnown)
    {
        var errorCode = ClictopayJson.ErrorCode(answer);
        var message = ClictopayJson.String(answer, "errorMessage") ?? "no message";
        var code = errorCode switch
        {
            "1" when duplicateIsKnown => PaymentErrorCode.DuplicateOrderNumber,
            "5" when message.Contains("access", StringComparison.OrdinalIgnoreCase)
                  || message.Contains("password", StringComparison.OrdinalIgnoreCase) => PaymentErrorCode.CredentialsRefused,
            "6" => PaymentErrorCode.UnknownPayment,
            "7" => PaymentErrorCode.InvalidRequest,
            _ => PaymentErrorCode.InvalidRequest,
        };
        return new PaymentProviderException(Kind, code, $"Clictopay refused {method} (errorCode {errorCode}): {message}", errorCode);
    }

    private sealed record ClictopayOrder(PaymentStatus Status, int OrderStatus, Guid? TickrOrderId);
}
