using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using Stripe;
using Tickr.Domain.Common;
using Tickr.Domain.Payments;

namespace Tickr.Graph.Payments.Stripe;

/// <summary>
/// Verifies and reads a Stripe webhook. The endpoint passes the request in; the answer is a
/// <see cref="PaymentNotification"/> to apply (deduplicated by its event id), null for an event type Tickr ignores
/// (answer 200 so that Stripe stops sending it), or a <see cref="WebhookRejectedException"/> (answer 400).
/// </summary>
/// <remarks>
/// The signature check is Stripe.net's (<see cref="EventUtility.ValidateSignature(string, string, string, long, long)"/>,
/// HMAC-SHA256 of <c>timestamp.body</c> with the endpoint secret, timestamps older than
/// <see cref="StripeOptions.WebhookToleranceSeconds"/> refused), then <see cref="EventUtility.ParseEvent"/> without the
/// API-version check: together what <c>EventUtility.ConstructEvent(json, header, secret, 300,
/// throwOnApiVersionMismatch: false)</c> does, split so that a forged request and an authentic but unreadable one get
/// different reasons, and with the clock from <see cref="TimeProvider"/>.
/// </remarks>
public sealed class StripeWebhookReader(IOptions<StripeOptions> options, TimeProvider clock)
{
    /// <summary>The header Stripe signs with.</summary>
    public const string SignatureHeader = "Stripe-Signature";

    /// <summary>Larger bodies are refused unread (Stripe's events are a few kilobytes).</summary>
    public const int MaxBodyBytes = 512 * 1024;

    private readonly StripeOptions _options = options.Value;

    /// <summary>Reads the request's raw body and its <c>Stripe-Signature</c> header. The body must not have been read before.</summary>
    public async Task<PaymentNotification?> ReadAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > MaxBodyBytes)
        {
            throw new WebhookRejectedException(PaymentProviderKind.Stripe, WebhookRejection.Malformed, "The webhook body is too large.");
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                throw new WebhookRejectedException(PaymentProviderKind.Stripe, WebhookRejection.Malformed, "The webhook body is too large.");
            }
            buffer.Write(chunk, 0, read);
        }
        string json;
        try
        {
            json = new UTF8Encoding(false, true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (DecoderFallbackException e)
        {
            throw new WebhookRejectedException(PaymentProviderKind.Stripe, WebhookRejection.Malformed, "The webhook body is not UTF-8.", e);
        }
        return Read(json, request.Headers[SignatureHeader].ToString());
    }

    /// <summary>Verifies <paramref name="json"/> (the exact body received) against the signature header and maps the event.</summary>
    public PaymentNotification? Read(string json, string? signatureHeader)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (string.IsNullOrWhiteSpace(_options.WebhookSecret))
        {
            throw new PaymentProviderException(PaymentProviderKind.Stripe, PaymentErrorCode.NotConfigured,
                "Stripe webhooks are not configured (Tickr:Payments:Stripe:WebhookSecret).");
        }
        if (string.IsNullOrWhiteSpace(signatureHeader))
        {
            throw new WebhookRejectedException(PaymentProviderKind.Stripe, WebhookRejection.MissingSignature,
                $"The request has no {SignatureHeader} header.");
        }

        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        try
        {
            EventUtility.ValidateSignature(json, signatureHeader, _options.WebhookSecret, _options.WebhookToleranceSeconds, now);
        }
        catch (StripeException e)
        {
            // Stale only when the signature itself is genuine: checked again as of the moment it claims to be signed.
            var stale = SignedTimestamp(signatureHeader) is { } signedAt
                && Math.Abs(now - signedAt) > _options.WebhookToleranceSeconds
                && IsValidAt(json, signatureHeader, signedAt);
            throw stale
                ? new WebhookRejectedException(PaymentProviderKind.Stripe, WebhookRejection.StaleTimestamp,
                    $"The webhook was signed more than {_options.WebhookToleranceSeconds} s from now.", e)
                : new WebhookRejectedException(PaymentProviderKind.Stripe, WebhookRejection.InvalidSignature,
                    "The webhook's signature does not match its body.", e);
        }

        Event stripeEvent;
        try
        {
            stripeEvent = EventUtility.ParseEvent(json, throwOnApiVersionMismatch: false);
        }
        catch (Exception e) when (e is StripeException or Newtonsoft.Json.JsonException or System.Text.Json.JsonException
            or ArgumentException or InvalidOperationException or FormatException)
        {
            throw new WebhookRejectedException(PaymentProviderKind.Stripe, WebhookRejection.Malformed, "The webhook body is not a Stripe event.", e);
        }
        if (string.IsNullOrEmpty(stripeEvent.Id))
        {
            throw new WebhookRejectedException(PaymentProviderKind.Stripe, WebhookRejection.Malformed, "The Stripe event has no id.");
        }
        return Map(stripeEvent);
    }

    private static PaymentNotification? Map(Event stripeEvent)
    {
        var occurredAt = new DateTimeOffset(DateTime.SpecifyKind(stripeEvent.Created, DateTimeKind.Utc));
        switch (stripeEvent.Type, stripeEvent.Data?.Object)
        {
            case ("payment_intent.succeeded", PaymentIntent intent):
                return new PaymentNotification(PaymentProviderKind.Stripe, stripeEvent.Id, intent.Id, PaymentState.Succeeded,
                    ToMoney(intent.AmountReceived > 0 ? intent.AmountReceived : intent.Amount, intent.Currency), occurredAt, OrderId(intent.Metadata));
            case ("payment_intent.payment_failed" or "payment_intent.canceled", PaymentIntent intent):
                return new PaymentNotification(PaymentProviderKind.Stripe, stripeEvent.Id, intent.Id, PaymentState.Failed,
                    null, occurredAt, OrderId(intent.Metadata));
            case ("charge.refunded", Charge charge) when !string.IsNullOrEmpty(charge.PaymentIntentId):
                return new PaymentNotification(PaymentProviderKind.Stripe, stripeEvent.Id, charge.PaymentIntentId, PaymentState.Refunded,
                    ToMoney(charge.AmountRefunded, charge.Currency), occurredAt, OrderId(charge.Metadata));
            default:
                return null;
        }
    }

    private static Money? ToMoney(long amount, string? currency) =>
        Currency.TryFromCode(currency, out var known) ? new Money(amount, known) : null;

    private static Guid? OrderId(IDictionary<string, string>? metadata) =>
        metadata is not null && metadata.TryGetValue(StripePaymentProvider.OrderIdMetadataKey, out var value) && Guid.TryParse(value, out var id)
            ? id
            : null;

    private bool IsValidAt(string json, string signatureHeader, long signedAt)
    {
        try
        {
            EventUtility.ValidateSignature(json, signatureHeader, _options.WebhookSecret, _options.WebhookToleranceSeconds, signedAt);
            return true;
        }
        catch (StripeException)
        {
            return false;
        }
    }

    /// <summary>The <c>t=</c> element of a Stripe-Signature header, to tell a stale request from a forged one.</summary>
    private static long? SignedTimestamp(string header)
    {
        foreach (var part in header.Split(','))
        {
            var item = part.Trim();
            if (item.StartsWith("t=", StringComparison.Ordinal)
                && long.TryParse(item.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            {
                return seconds;
            }
        }
        return null;
    }
}
