using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tickr.Domain.Payments;
using Tickr.Graph.Payments;
using Tickr.Graph.Payments.Stripe;
using Tickr.Testing.Payments;
using static Tickr.Graph.Tests.Payments.PaymentServices;

namespace Tickr.Graph.Tests.Payments;

/// <summary>
/// Webhook verification against signatures made by Stripe's own code: the official stripe npm package's
/// <c>webhooks.generateTestHeaderString</c>, run by node.
/// </summary>
public sealed class StripeWebhookTests(StripeWebhookSigner signer) : IClassFixture<StripeWebhookSigner>, IAsyncLifetime
{
    private FakeStripeServer _stripe = null!;
    private ServiceProvider _services = null!;

    private StripeWebhookReader Reader => _services.GetRequiredService<StripeWebhookReader>();

    public async Task InitializeAsync()
    {
        _stripe = await FakeStripeServer.StartNewAsync();
        _services = Build(StripeSettings(_stripe));
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _stripe.DisposeAsync();
    }

    [Fact]
    public async Task A_webhook_signed_by_stripes_npm_helper_is_accepted_over_http_and_mapped()
    {
        var orderId = Guid.NewGuid();
        var (intentId, payload) = await PaidIntentEventAsync("payment_intent.succeeded", orderId);
        var header = await signer.SignAsync(payload, WebhookSecret);
        await using var app = await WebhookEndpointAsync();

        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        using var content = new StringContent(payload, Encoding.UTF8, "application/json");
        content.Headers.Add(StripeWebhookReader.SignatureHeader, header);
        using var response = await client.PostAsync("/webhooks/stripe", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var notification = Assert.Single(app.Services.GetRequiredService<List<PaymentNotification>>());
        Assert.Equal(PaymentProviderKind.Stripe, notification.Provider);
        Assert.StartsWith("evt_", notification.ProviderEventId, StringComparison.Ordinal);
        Assert.Equal(intentId, notification.ProviderReference);
        Assert.Equal(PaymentState.Succeeded, notification.State);
        Assert.Equal(Tnd(75_000), notification.Amount);
        Assert.Equal(orderId, notification.OrderId);
        Assert.InRange(notification.OccurredAt, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task A_forged_a_tampered_and_an_unsigned_webhook_get_HTTP_400()
    {
        var (_, payload) = await PaidIntentEventAsync("payment_intent.succeeded", Guid.NewGuid());
        var forged = await signer.SignAsync(payload, "whsec_not_the_endpoint_secret");
        var genuine = await signer.SignAsync(payload, WebhookSecret);
        var tampered = payload.Replace("\"amount_received\":75000", "\"amount_received\":75", StringComparison.Ordinal);
        Assert.NotEqual(payload, tampered);
        await using var app = await WebhookEndpointAsync();
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

        Assert.Equal(HttpStatusCode.BadRequest, await PostAsync(client, payload, forged));
        Assert.Equal(HttpStatusCode.BadRequest, await PostAsync(client, tampered, genuine));
        Assert.Equal(HttpStatusCode.BadRequest, await PostAsync(client, payload, null));
        Assert.Empty(app.Services.GetRequiredService<List<PaymentNotification>>());
        Assert.Equal(HttpStatusCode.OK, await PostAsync(client, payload, genuine));
    }

    [Fact]
    public async Task Rejections_say_why()
    {
        var (_, payload) = await PaidIntentEventAsync("payment_intent.succeeded", Guid.NewGuid());

        Assert.Equal(WebhookRejection.InvalidSignature, Rejection(payload, await signer.SignAsync(payload, "whsec_other")));
        Assert.Equal(WebhookRejection.InvalidSignature,
            Rejection(payload.Replace("tnd", "eur", StringComparison.Ordinal), await signer.SignAsync(payload, WebhookSecret)));
        Assert.Equal(WebhookRejection.MissingSignature, Rejection(payload, null));
        Assert.Equal(WebhookRejection.MissingSignature, Rejection(payload, ""));
        Assert.Equal(WebhookRejection.InvalidSignature, Rejection(payload, "t=1,v1=deadbeef"));
        Assert.Equal(WebhookRejection.InvalidSignature, Rejection(payload, "not a stripe header"));
    }

    [Fact]
    public async Task A_timestamp_older_than_300_seconds_is_stale_but_one_within_the_tolerance_is_accepted()
    {
        var (_, payload) = await PaidIntentEventAsync("payment_intent.succeeded", Guid.NewGuid());

        var stale = await signer.SignAsync(payload, WebhookSecret, DateTimeOffset.UtcNow.AddSeconds(-310));
        var recent = await signer.SignAsync(payload, WebhookSecret, DateTimeOffset.UtcNow.AddSeconds(-240));

        Assert.Equal(WebhookRejection.StaleTimestamp, Rejection(payload, stale));
        Assert.NotNull(Reader.Read(payload, recent));
    }

    [Fact]
    public async Task The_event_id_is_the_deduplication_key()
    {
        var (intentId, _) = await PaidIntentEventAsync("payment_intent.succeeded", Guid.NewGuid());
        var payload = _stripe.BuildEvent("payment_intent.succeeded", intentId, global::Stripe.StripeConfiguration.ApiVersion, eventId: "evt_dedupe_1");
        var redelivered = Reader.Read(payload, await signer.SignAsync(payload, WebhookSecret));
        var again = Reader.Read(payload, await signer.SignAsync(payload, WebhookSecret));
        var other = _stripe.BuildEvent("payment_intent.succeeded", intentId, global::Stripe.StripeConfiguration.ApiVersion);
        var another = Reader.Read(other, await signer.SignAsync(other, WebhookSecret));

        Assert.Equal("evt_dedupe_1", redelivered!.ProviderEventId);
        Assert.Equal(redelivered, again);
        Assert.NotEqual(redelivered.ProviderEventId, another!.ProviderEventId);
        Assert.Equal(redelivered.ProviderReference, another.ProviderReference);
    }

    [Fact]
    public async Task Failed_and_refunded_payments_are_mapped_and_other_event_types_ignored()
    {
        var provider = _services.Provider(PaymentProviderKind.Stripe);
        var orderId = Guid.NewGuid();
        var declined = await provider.CreatePaymentAsync(Request(Tnd(20_000), orderId: orderId));
        _stripe.MarkFailed(declined.ProviderReference);
        var failedPayload = _stripe.BuildEvent("payment_intent.payment_failed", declined.ProviderReference, global::Stripe.StripeConfiguration.ApiVersion);

        var (paidId, _) = await PaidIntentEventAsync("payment_intent.succeeded", Guid.NewGuid());
        await provider.RefundAsync(new RefundRequest(paidId, Tnd(25_000), "refund-a", null));
        var refundedPayload = _stripe.BuildEvent("charge.refunded", paidId, global::Stripe.StripeConfiguration.ApiVersion);
        var otherPayload = _stripe.BuildEvent("payment_intent.created", paidId, global::Stripe.StripeConfiguration.ApiVersion);

        var failed = Reader.Read(failedPayload, await signer.SignAsync(failedPayload, WebhookSecret))!;
        Assert.Equal((PaymentState.Failed, declined.ProviderReference, orderId), (failed.State, failed.ProviderReference, failed.OrderId));

        var refunded = Reader.Read(refundedPayload, await signer.SignAsync(refundedPayload, WebhookSecret))!;
        Assert.Equal((PaymentState.Refunded, paidId, Tnd(25_000)), (refunded.State, refunded.ProviderReference, refunded.Amount!.Value));

        Assert.Null(Reader.Read(otherPayload, await signer.SignAsync(otherPayload, WebhookSecret)));
    }

    [Fact]
    public async Task An_event_of_another_api_version_is_read()
    {
        var (intentId, _) = await PaidIntentEventAsync("payment_intent.succeeded", Guid.NewGuid());
        var payload = _stripe.BuildEvent("payment_intent.succeeded", intentId, "2020-08-27");

        var notification = Reader.Read(payload, await signer.SignAsync(payload, WebhookSecret));

        Assert.Equal(PaymentState.Succeeded, notification!.State);
    }

    [Fact]
    public async Task An_authentic_body_that_is_not_an_event_is_malformed()
    {
        const string payload = "[1, 2, 3]";

        Assert.Equal(WebhookRejection.Malformed, Rejection(payload, await signer.SignAsync(payload, WebhookSecret)));
    }

    [Fact]
    public async Task Without_a_webhook_secret_the_reader_says_it_is_not_configured()
    {
        var settings = StripeSettings(_stripe);
        settings["Tickr:Payments:Stripe:WebhookSecret"] = null;
        await using var services = Build(settings);
        var (_, payload) = await PaidIntentEventAsync("payment_intent.succeeded", Guid.NewGuid());

        var error = Assert.Throws<PaymentProviderException>(() =>
            services.GetRequiredService<StripeWebhookReader>().Read(payload, "t=1,v1=00"));

        Assert.Equal(PaymentErrorCode.NotConfigured, error.Code);
    }

    private async Task<(string IntentId, string Payload)> PaidIntentEventAsync(string type, Guid orderId)
    {
        var session = await _services.Provider(PaymentProviderKind.Stripe).CreatePaymentAsync(Request(Tnd(75_000), orderId: orderId));
        _stripe.MarkSucceeded(session.ProviderReference);
        return (session.ProviderReference, _stripe.BuildEvent(type, session.ProviderReference, global::Stripe.StripeConfiguration.ApiVersion));
    }

    private WebhookRejection? Rejection(string payload, string? header)
    {
        try
        {
            Reader.Read(payload, header);
            return null;
        }
        catch (WebhookRejectedException e)
        {
            return e.Reason;
        }
    }

    private static async Task<HttpStatusCode> PostAsync(HttpClient client, string payload, string? signature)
    {
        using var content = new StringContent(payload, Encoding.UTF8, "application/json");
        if (signature is not null)
        {
            content.Headers.Add(StripeWebhookReader.SignatureHeader, signature);
        }
        using var response = await client.PostAsync("/webhooks/stripe", content);
        return response.StatusCode;
    }

    /// <summary>The endpoint as the server maps it: 200 for an applied or ignored event, 400 for a rejected one.</summary>
    private async Task<WebApplication> WebhookEndpointAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSingleton(_services.GetRequiredService<StripeWebhookReader>());
        builder.Services.AddSingleton(new List<PaymentNotification>());
        var app = builder.Build();
        app.MapPost("/webhooks/stripe", async (HttpContext context, StripeWebhookReader reader, List<PaymentNotification> applied) =>
        {
            try
            {
                if (await reader.ReadAsync(context.Request, context.RequestAborted) is { } notification)
                {
                    lock (applied)
                    {
                        applied.Add(notification);
                    }
                }
                return Results.Ok();
            }
            catch (WebhookRejectedException)
            {
                return Results.BadRequest();
            }
        });
        await app.StartAsync();
        return app;
    }
}
