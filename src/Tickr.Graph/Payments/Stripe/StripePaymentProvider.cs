using System.Net;
using Microsoft.Extensions.Options;
using Stripe;
using Tickr.Domain.Common;
using Tickr.Domain.Payments;

namespace Tickr.Graph.Payments.Stripe;

/// <summary>
/// Stripe PaymentIntents behind <see cref="IPaymentProvider"/>: creating returns the intent's client secret for
/// Stripe.js; the payment is confirmed by the <c>payment_intent.succeeded</c> webhook (<see cref="StripeWebhookReader"/>)
/// or by reading the intent. Every write carries the caller's idempotency key.
/// </summary>
public sealed class StripePaymentProvider(IHttpClientFactory httpClients, IOptions<StripeOptions> options) : IPaymentProvider
{
    /// <summary>The named <see cref="HttpClient"/> Stripe.net sends through.</summary>
    public const string HttpClientName = "Tickr.Payments.Stripe";

    /// <summary>Metadata key of Tickr's order id on every PaymentIntent (read back from webhooks).</summary>
    public const string OrderIdMetadataKey = "order_id";

    public const string OrderNumberMetadataKey = "order_number";

    private readonly StripeOptions _options = options.Value;

    public PaymentProviderKind Kind => PaymentProviderKind.Stripe;

    public async Task<PaymentSession> CreatePaymentAsync(PaymentRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.IdempotencyKey);
        var (amount, currency) = StripeAmounts.ToStripe(request.Amount);
        var create = new PaymentIntentCreateOptions
        {
            Amount = amount,
            Currency = currency,
            Description = $"Tickr order {request.OrderNumber}",
            ReceiptEmail = string.IsNullOrWhiteSpace(request.BuyerEmail) ? null : request.BuyerEmail,
            Metadata = new Dictionary<string, string>
            {
                [OrderIdMetadataKey] = request.OrderId.ToString(),
                [OrderNumberMetadataKey] = request.OrderNumber,
            },
            AutomaticPaymentMethods = new PaymentIntentAutomaticPaymentMethodsOptions { Enabled = true },
        };

        var intent = await CallAsync(client => new PaymentIntentService(client).CreateAsync(
            create, new RequestOptions { IdempotencyKey = request.IdempotencyKey }, cancellationToken), cancellationToken);
        if (string.IsNullOrEmpty(intent.Id) || string.IsNullOrEmpty(intent.ClientSecret))
        {
            throw new PaymentProviderException(Kind, PaymentErrorCode.InvalidResponse, "Stripe answered without a PaymentIntent id or client secret.");
        }
        return new PaymentSession(intent.Id, ToStatus(intent).State, intent.ClientSecret, null);
    }

    public async Task<PaymentStatus> GetStatusAsync(string providerReference, CancellationToken cancellationToken = default)
    {
        var intent = await GetIntentAsync(providerReference, cancellationToken);
        return ToStatus(intent);
    }

    public async Task<RefundResult> RefundAsync(RefundRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.IdempotencyKey);
        var (amount, currency) = StripeAmounts.ToStripe(request.Amount);

        // A refund names no currency at Stripe: read the intent first (a safe read) so that 10 EUR can never be taken
        // as 10 of a TND payment's minor units, and so that an unpaid intent gets a clear answer.
        var intent = await GetIntentAsync(request.ProviderReference, cancellationToken);
        if (!string.Equals(intent.Currency, currency, StringComparison.OrdinalIgnoreCase))
        {
            throw new PaymentProviderException(Kind, PaymentErrorCode.InvalidRequest,
                $"The refund is in {request.Amount.Currency.Code}, the payment {request.ProviderReference} in {intent.Currency?.ToUpperInvariant()}.");
        }
        if (intent.Status != "succeeded")
        {
            return RefundResult.Refused(RefundFailureCode.NotRefundable,
                $"The payment {request.ProviderReference} is '{intent.Status}', not paid: there is nothing to refund.");
        }

        var create = new RefundCreateOptions
        {
            PaymentIntent = request.ProviderReference,
            Amount = amount,
            Reason = "requested_by_customer",
            Metadata = string.IsNullOrWhiteSpace(request.Reason) ? null : new Dictionary<string, string> { ["reason"] = request.Reason },
        };
        try
        {
            var refund = await CallAsync(client => new RefundService(client).CreateAsync(
                create, new RequestOptions { IdempotencyKey = request.IdempotencyKey }, cancellationToken), cancellationToken);
            return refund.Status switch
            {
                "succeeded" or "pending" or "requires_action" => RefundResult.Accepted(refund.Id),
                _ => RefundResult.Refused(RefundFailureCode.Refused,
                    $"Stripe refused the refund ({refund.Status}{(refund.FailureReason is null ? "" : ": " + refund.FailureReason)})."),
            };
        }
        catch (PaymentProviderException e) when (e.Code == PaymentErrorCode.InvalidRequest)
        {
            // Stripe's 400 answers to a refund: more than what remains, or a charge that cannot be refunded.
            var code = e.ProviderCode is "amount_too_large" or "charge_already_refunded"
                ? RefundFailureCode.ExceedsRefundable
                : RefundFailureCode.Refused;
            return RefundResult.Refused(code, e.Message);
        }
    }

    private Task<PaymentIntent> GetIntentAsync(string providerReference, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(providerReference);
        var get = new PaymentIntentGetOptions { Expand = ["latest_charge"] };
        return CallAsync(client => new PaymentIntentService(client).GetAsync(providerReference, get, null, cancellationToken), cancellationToken);
    }

    private PaymentStatus ToStatus(PaymentIntent intent)
    {
        var charge = intent.LatestCharge;
        var refunded = charge is { AmountRefunded: > 0 } ? StripeAmounts.FromStripe(charge.AmountRefunded, intent.Currency) : (Money?)null;
        return intent.Status switch
        {
            "succeeded" => new PaymentStatus(intent.Id, refunded is null ? PaymentState.Succeeded : PaymentState.Refunded,
                StripeAmounts.FromStripe(intent.AmountReceived > 0 ? intent.AmountReceived : intent.Amount, intent.Currency), null, refunded),
            "canceled" => new PaymentStatus(intent.Id, PaymentState.Failed, null,
                intent.CancellationReason is null ? "canceled" : "canceled: " + intent.CancellationReason),
            // Back to requires_payment_method after an attempt: that attempt was declined. Stripe lets the buyer retry
            // the same intent, so a later attempt can still succeed (a payment_intent.succeeded webhook follows).
            "requires_payment_method" when intent.LastPaymentError is not null => new PaymentStatus(intent.Id, PaymentState.Failed, null,
                intent.LastPaymentError.Message ?? intent.LastPaymentError.Code ?? "declined"),
            _ => new PaymentStatus(intent.Id, PaymentState.Pending, null, null),
        };
    }

    private IStripeClient CreateClient()
    {
        var http = new SystemNetHttpClient(httpClients.CreateClient(HttpClientName), Math.Max(0, _options.MaxNetworkRetries));
        var apiBase = _options.ApiBase?.ToString().TrimEnd('/');
        return new StripeClient(apiKey: _options.SecretKey, httpClient: http, apiBase: apiBase);
    }

    /// <summary>Runs one Stripe.net call and turns its failures into <see cref="PaymentProviderException"/>s.</summary>
    private async Task<T> CallAsync<T>(Func<IStripeClient, Task<T>> call, CancellationToken cancellationToken)
    {
        if (!_options.IsConfigured)
        {
            throw new PaymentProviderException(Kind, PaymentErrorCode.NotConfigured, "Stripe is not configured (Tickr:Payments:Stripe:SecretKey).");
        }
        try
        {
            return await call(CreateClient());
        }
        catch (StripeException e)
        {
            throw Translate(e);
        }
        catch (HttpRequestException e)
        {
            throw new PaymentProviderException(Kind, PaymentErrorCode.Unreachable, $"Stripe is unreachable: {e.Message}", null, e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new PaymentProviderException(Kind, PaymentErrorCode.Timeout, $"Stripe did not answer within {_options.Timeout}.", null, e);
        }
        catch (Newtonsoft.Json.JsonException e)
        {
            throw new PaymentProviderException(Kind, PaymentErrorCode.InvalidResponse, $"Stripe's answer could not be read: {e.Message}", null, e);
        }
    }

    private PaymentProviderException Translate(StripeException e)
    {
        var error = e.StripeError;
        var message = error?.Message ?? e.Message;
        var code = e.HttpStatusCode switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => PaymentErrorCode.CredentialsRefused,
            HttpStatusCode.NotFound => PaymentErrorCode.UnknownPayment,
            HttpStatusCode.TooManyRequests => PaymentErrorCode.Unreachable,
            >= HttpStatusCode.InternalServerError => PaymentErrorCode.Unreachable,
            _ when error is null || string.IsNullOrEmpty(error.Type) => PaymentErrorCode.InvalidResponse,
            _ => PaymentErrorCode.InvalidRequest,
        };
        return new PaymentProviderException(Kind, code, $"Stripe: {message}", error?.Code, e);
    }
}
