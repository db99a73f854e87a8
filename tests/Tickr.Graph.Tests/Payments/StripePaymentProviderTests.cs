using Tickr.Domain.Common;
using Tickr.Domain.Payments;
using Tickr.Testing.Payments;
using static Tickr.Graph.Tests.Payments.PaymentServices;

namespace Tickr.Graph.Tests.Payments;

/// <summary>The Stripe adapter (Stripe.net 53) against a fake Stripe API over real HTTP.</summary>
public sealed class StripePaymentProviderTests
{
    [Fact]
    public async Task Create_sends_minor_units_a_lower_case_currency_and_the_order_and_returns_the_client_secret()
    {
        await using var stripe = await FakeStripeServer.StartNewAsync();
        await using var services = Build(StripeSettings(stripe));
        var orderId = Guid.NewGuid();

        var session = await services.Provider(PaymentProviderKind.Stripe)
            .CreatePaymentAsync(Request(Tnd(48_500), idempotencyKey: "checkout-1", orderNumber: "TK-1001", orderId: orderId));

        var sent = Assert.Single(stripe.Requests);
        Assert.Equal(("POST", "/v1/payment_intents"), (sent.Method, sent.Path));
        Assert.Equal("48500", sent.Parameters["amount"]);
        Assert.Equal("tnd", sent.Parameters["currency"]);
        Assert.Equal(orderId.ToString(), sent.Parameters["metadata[order_id]"]);
        Assert.Equal("TK-1001", sent.Parameters["metadata[order_number]"]);
        Assert.Equal("buyer@example.tn", sent.Parameters["receipt_email"]);
        Assert.Equal("checkout-1", sent.IdempotencyKey);

        var intent = stripe.Intent(session.ProviderReference)!;
        Assert.StartsWith("pi_", session.ProviderReference, StringComparison.Ordinal);
        Assert.Equal(intent.ClientSecret, session.ClientSecret);
        Assert.Equal(PaymentState.Pending, session.State);
        Assert.Null(session.RedirectUrl);
    }

    [Fact]
    public async Task The_same_idempotency_key_returns_the_same_intent_and_another_key_a_new_one()
    {
        await using var stripe = await FakeStripeServer.StartNewAsync();
        await using var services = Build(StripeSettings(stripe));
        var provider = services.Provider(PaymentProviderKind.Stripe);
        var request = Request(new Money(2_500, Currency.Eur), idempotencyKey: "order-42-attempt-1");

        var first = await provider.CreatePaymentAsync(request);
        var again = await provider.CreatePaymentAsync(request);
        var other = await provider.CreatePaymentAsync(request with { IdempotencyKey = "order-42-attempt-2" });

        Assert.Equal(first.ProviderReference, again.ProviderReference);
        Assert.Equal(first.ClientSecret, again.ClientSecret);
        Assert.NotEqual(first.ProviderReference, other.ProviderReference);
        Assert.Equal(2, stripe.IntentCount);
        Assert.Equal([false, true, false], stripe.Requests.Select(r => r.Replayed));
    }

    [Fact]
    public async Task Status_maps_pending_succeeded_declined_and_canceled_intents()
    {
        await using var stripe = await FakeStripeServer.StartNewAsync();
        await using var services = Build(StripeSettings(stripe));
        var provider = services.Provider(PaymentProviderKind.Stripe);
        var paid = await provider.CreatePaymentAsync(Request(Tnd(30_000)));
        var declined = await provider.CreatePaymentAsync(Request(Tnd(30_000)));
        var canceled = await provider.CreatePaymentAsync(Request(Tnd(30_000)));

        var pending = await provider.GetStatusAsync(paid.ProviderReference);
        Assert.Equal(PaymentState.Pending, pending.State);
        Assert.Null(pending.AmountPaid);

        stripe.MarkSucceeded(paid.ProviderReference);
        stripe.MarkFailed(declined.ProviderReference, "card_declined", "Your card has insufficient funds.");
        stripe.Cancel(canceled.ProviderReference);

        var succeeded = await provider.GetStatusAsync(paid.ProviderReference);
        Assert.Equal(new PaymentStatus(paid.ProviderReference, PaymentState.Succeeded, Tnd(30_000), null), succeeded);
        var failed = await provider.GetStatusAsync(declined.ProviderReference);
        Assert.Equal(PaymentState.Failed, failed.State);
        Assert.Equal("Your card has insufficient funds.", failed.FailureReason);
        Assert.Equal(PaymentState.Failed, (await provider.GetStatusAsync(canceled.ProviderReference)).State);
    }

    [Fact]
    public async Task A_three_decimal_amount_whose_last_digit_is_not_zero_is_refused_before_reaching_Stripe()
    {
        await using var stripe = await FakeStripeServer.StartNewAsync();
        await using var services = Build(StripeSettings(stripe));

        var error = await Assert.ThrowsAsync<PaymentProviderException>(() =>
            services.Provider(PaymentProviderKind.Stripe).CreatePaymentAsync(Request(Tnd(12_345))));

        Assert.Equal(PaymentErrorCode.InvalidRequest, error.Code);
        Assert.Equal(PaymentProviderKind.Stripe, error.Provider);
        Assert.Empty(stripe.Requests);
    }

    [Fact]
    public async Task Refunds_partial_then_the_rest_then_too_much_is_a_typed_refusal()
    {
        await using var stripe = await FakeStripeServer.StartNewAsync();
        await using var services = Build(StripeSettings(stripe));
        var provider = services.Provider(PaymentProviderKind.Stripe);
        var session = await provider.CreatePaymentAsync(Request(Tnd(100_000)));
        stripe.MarkSucceeded(session.ProviderReference);

        var partial = await provider.RefundAsync(new RefundRequest(session.ProviderReference, Tnd(40_000), "refund-1", "one ticket returned"));
        Assert.True(partial.Succeeded);
        Assert.StartsWith("re_", partial.RefundReference, StringComparison.Ordinal);
        var sent = stripe.Requests.Last();
        Assert.Equal(("/v1/refunds", "40000", "refund-1"), (sent.Path, sent.Parameters["amount"], sent.IdempotencyKey));
        Assert.Equal("one ticket returned", sent.Parameters["metadata[reason]"]);

        var status = await provider.GetStatusAsync(session.ProviderReference);
        Assert.Equal((PaymentState.Refunded, Tnd(100_000), Tnd(40_000)), (status.State, status.AmountPaid!.Value, status.AmountRefunded!.Value));

        var tooMuch = await provider.RefundAsync(new RefundRequest(session.ProviderReference, Tnd(60_010), "refund-2", null));
        Assert.False(tooMuch.Succeeded);
        Assert.Equal(RefundFailureCode.ExceedsRefundable, tooMuch.FailureCode);
        Assert.Contains("greater than unrefunded amount", tooMuch.FailureReason, StringComparison.Ordinal);

        var rest = await provider.RefundAsync(new RefundRequest(session.ProviderReference, Tnd(60_000), "refund-3", null));
        Assert.True(rest.Succeeded);
        Assert.Equal(100_000, stripe.Intent(session.ProviderReference)!.AmountRefunded);

        var nothingLeft = await provider.RefundAsync(new RefundRequest(session.ProviderReference, Tnd(10), "refund-4", null));
        Assert.Equal(RefundFailureCode.ExceedsRefundable, nothingLeft.FailureCode);
    }

    [Fact]
    public async Task A_refund_retried_with_its_idempotency_key_refunds_once()
    {
        await using var stripe = await FakeStripeServer.StartNewAsync();
        await using var services = Build(StripeSettings(stripe));
        var provider = services.Provider(PaymentProviderKind.Stripe);
        var session = await provider.CreatePaymentAsync(Request(new Money(5_000, Currency.Usd)));
        stripe.MarkSucceeded(session.ProviderReference);
        var refund = new RefundRequest(session.ProviderReference, new Money(2_000, Currency.Usd), "refund-order-7", null);

        var first = await provider.RefundAsync(refund);
        var retried = await provider.RefundAsync(refund);

        Assert.Equal(first.RefundReference, retried.RefundReference);
        Assert.Equal(2_000, stripe.Intent(session.ProviderReference)!.AmountRefunded);
    }

    [Fact]
    public async Task Refunding_an_unpaid_intent_or_in_another_currency_is_refused()
    {
        await using var stripe = await FakeStripeServer.StartNewAsync();
        await using var services = Build(StripeSettings(stripe));
        var provider = services.Provider(PaymentProviderKind.Stripe);
        var session = await provider.CreatePaymentAsync(Request(Tnd(20_000)));

        var unpaid = await provider.RefundAsync(new RefundRequest(session.ProviderReference, Tnd(20_000), "r-1", null));
        Assert.Equal(RefundFailureCode.NotRefundable, unpaid.FailureCode);

        stripe.MarkSucceeded(session.ProviderReference);
        var error = await Assert.ThrowsAsync<PaymentProviderException>(() =>
            provider.RefundAsync(new RefundRequest(session.ProviderReference, new Money(2_000, Currency.Eur), "r-2", null)));
        Assert.Equal(PaymentErrorCode.InvalidRequest, error.Code);
        Assert.DoesNotContain(stripe.Requests, r => r.Path == "/v1/refunds");
    }

    [Fact]
    public async Task Stripe_down_is_an_unreachable_provider()
    {
        await using var stripe = await FakeStripeServer.StartNewAsync();
        await using var services = Build(StripeSettings(stripe));
        var provider = services.Provider(PaymentProviderKind.Stripe);
        var session = await provider.CreatePaymentAsync(Request(Tnd(10_000)));
        await stripe.StopAsync();

        var create = await Assert.ThrowsAsync<PaymentProviderException>(() => provider.CreatePaymentAsync(Request(Tnd(10_000))));
        var status = await Assert.ThrowsAsync<PaymentProviderException>(() => provider.GetStatusAsync(session.ProviderReference));

        Assert.Equal(PaymentErrorCode.Unreachable, create.Code);
        Assert.Equal(PaymentErrorCode.Unreachable, status.Code);
    }

    [Fact]
    public async Task A_slow_Stripe_is_a_timeout()
    {
        await using var stripe = await FakeStripeServer.StartNewAsync();
        var settings = StripeSettings(stripe);
        settings["Tickr:Payments:Stripe:Timeout"] = "00:00:00.200";
        await using var services = Build(settings);
        stripe.ResponseDelay = TimeSpan.FromSeconds(3);

        var error = await Assert.ThrowsAsync<PaymentProviderException>(() =>
            services.Provider(PaymentProviderKind.Stripe).CreatePaymentAsync(Request(Tnd(10_000))));

        Assert.Equal(PaymentErrorCode.Timeout, error.Code);
    }

    [Fact]
    public async Task A_refused_key_an_unknown_intent_and_an_unreadable_answer_are_told_apart()
    {
        await using var stripe = await FakeStripeServer.StartNewAsync();
        await using var wrongKey = Build(StripeSettings(stripe, secretKey: "sk_test_someone_else"));
        await using var services = Build(StripeSettings(stripe));

        var refused = await Assert.ThrowsAsync<PaymentProviderException>(() =>
            wrongKey.Provider(PaymentProviderKind.Stripe).CreatePaymentAsync(Request(Tnd(10_000))));
        Assert.Equal(PaymentErrorCode.CredentialsRefused, refused.Code);

        var unknown = await Assert.ThrowsAsync<PaymentProviderException>(() =>
            services.Provider(PaymentProviderKind.Stripe).GetStatusAsync("pi_does_not_exist"));
        Assert.Equal((PaymentErrorCode.UnknownPayment, "resource_missing"), (unknown.Code, unknown.ProviderCode));

        stripe.AnswerGarbage = true;
        var garbage = await Assert.ThrowsAsync<PaymentProviderException>(() =>
            services.Provider(PaymentProviderKind.Stripe).CreatePaymentAsync(Request(Tnd(10_000))));
        Assert.Equal(PaymentErrorCode.InvalidResponse, garbage.Code);
    }
}
