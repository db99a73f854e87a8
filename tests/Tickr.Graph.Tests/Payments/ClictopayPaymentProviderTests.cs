using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Tickr.Domain.Common;
using Tickr.Domain.Payments;
using Tickr.Graph.Payments;
using Tickr.Graph.Payments.Clictopay;
using Tickr.Testing.Payments;
using static Tickr.Graph.Tests.Payments.PaymentServices;

namespace Tickr.Graph.Tests.Payments;

/// <summary>The Clictopay adapter against a fake Clictopay REST API over real HTTP.</summary>
public sealed class ClictopayPaymentProviderTests : IAsyncLifetime
{
    private FakeClictopayServer _clictopay = null!;
    private ServiceProvider _services = null!;

    private IPaymentProvider Provider => _services.Provider(PaymentProviderKind.Clictopay);

    public async Task InitializeAsync()
    {
        _clictopay = await FakeClictopayServer.StartNewAsync();
        _services = Build(ClictopaySettings(_clictopay));
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _clictopay.DisposeAsync();
    }

    [Fact]
    public async Task Register_sends_millimes_currency_788_and_the_urls_in_a_form_body_and_returns_the_payment_page()
    {
        var orderId = Guid.NewGuid();
        var request = Request(Tnd(48_500), orderNumber: "TK-2001", orderId: orderId) with { Language = "ar" };

        var session = await Provider.CreatePaymentAsync(request);

        var sent = Assert.Single(_clictopay.Requests);
        Assert.Equal(("register.do", "POST"), (sent.Method, sent.HttpMethod));
        Assert.Equal("48500", sent.Parameters["amount"]);
        Assert.Equal("788", sent.Parameters["currency"]);
        Assert.Equal("TK-2001", sent.Parameters["orderNumber"]);
        Assert.Equal("ar", sent.Parameters["language"]);
        Assert.Equal("https://tickr.example/checkout/return", sent.Parameters["returnUrl"]);
        Assert.Equal("https://tickr.example/checkout/failed", sent.Parameters["failUrl"]);
        Assert.Equal((FakeClictopayServer.DefaultUserName, FakeClictopayServer.DefaultPassword), (sent.Parameters["userName"], sent.Parameters["password"]));

        var order = _clictopay.Order(session.ProviderReference)!;
        Assert.Equal(orderId.ToString(), order.MerchantParameters[ClictopayPaymentProvider.OrderIdParameter]);
        Assert.Equal(PaymentState.Pending, session.State);
        Assert.Null(session.ClientSecret);
        Assert.Equal(new Uri(_clictopay.Address, $"payment/merchants/tickr/payment_ar.html?mdOrder={order.OrderId}"), session.RedirectUrl);
    }

    [Fact]
    public async Task A_base_url_without_its_final_slash_reaches_the_same_methods()
    {
        var settings = ClictopaySettings(_clictopay);
        settings["Tickr:Payments:Clictopay:BaseUrl"] = _clictopay.BaseUrl.AbsoluteUri.TrimEnd('/');
        await using var services = Build(settings);

        var session = await services.Provider(PaymentProviderKind.Clictopay).CreatePaymentAsync(Request(Tnd(10_000)));

        Assert.NotNull(_clictopay.Order(session.ProviderReference));
    }

    [Fact]
    public async Task An_amount_in_another_currency_is_refused_without_calling_Clictopay()
    {
        var error = await Assert.ThrowsAsync<PaymentProviderException>(() =>
            Provider.CreatePaymentAsync(Request(new Money(2_500, Currency.Eur))));

        Assert.Equal((PaymentProviderKind.Clictopay, PaymentErrorCode.InvalidRequest), (error.Provider, error.Code));
        Assert.Empty(_clictopay.Requests);
    }

    [Fact]
    public async Task Status_maps_registered_paid_and_declined_orders()
    {
        var paid = await Provider.CreatePaymentAsync(Request(Tnd(35_000)));
        var declined = await Provider.CreatePaymentAsync(Request(Tnd(35_000)));

        Assert.Equal(new PaymentStatus(paid.ProviderReference, PaymentState.Pending, null, null), await Provider.GetStatusAsync(paid.ProviderReference));

        _clictopay.MarkPaid(paid.ProviderReference);
        _clictopay.MarkDeclined(declined.ProviderReference, 116, "Insufficient funds");

        Assert.Equal(new PaymentStatus(paid.ProviderReference, PaymentState.Succeeded, Tnd(35_000), null),
            await Provider.GetStatusAsync(paid.ProviderReference));
        Assert.Equal(new PaymentStatus(declined.ProviderReference, PaymentState.Failed, null, "Insufficient funds"),
            await Provider.GetStatusAsync(declined.ProviderReference));
        // Credentials travel in a POST body, never in a URL that proxies and access logs keep.
        Assert.All(_clictopay.Requests, r => Assert.Equal("POST", r.HttpMethod));
    }

    [Fact]
    public async Task A_second_registration_of_an_order_number_is_a_duplicate()
    {
        await Provider.CreatePaymentAsync(Request(Tnd(10_000), orderNumber: "TK-3003"));

        var error = await Assert.ThrowsAsync<PaymentProviderException>(() => Provider.CreatePaymentAsync(Request(Tnd(10_000), orderNumber: "TK-3003")));

        Assert.Equal((PaymentErrorCode.DuplicateOrderNumber, "1"), (error.Code, error.ProviderCode));
    }

    [Fact]
    public async Task Refused_credentials_and_an_unknown_order_are_told_apart()
    {
        await using var wrongPassword = Build(ClictopaySettings(_clictopay, password: "not-the-password"));

        var refused = await Assert.ThrowsAsync<PaymentProviderException>(() =>
            wrongPassword.Provider(PaymentProviderKind.Clictopay).CreatePaymentAsync(Request(Tnd(10_000))));
        var unknown = await Assert.ThrowsAsync<PaymentProviderException>(() => Provider.GetStatusAsync(Guid.NewGuid().ToString()));

        Assert.Equal((PaymentErrorCode.CredentialsRefused, "5"), (refused.Code, refused.ProviderCode));
        Assert.Equal((PaymentErrorCode.UnknownPayment, "6"), (unknown.Code, unknown.ProviderCode));
    }

    [Fact]
    public async Task Refunds_partial_then_the_rest_and_too_much_is_refused_before_calling_refund()
    {
        var session = await Provider.CreatePaymentAsync(Request(Tnd(90_000)));
        _clictopay.MarkPaid(session.ProviderReference);

        var partial = await Provider.RefundAsync(new RefundRequest(session.ProviderReference, Tnd(30_000), "refund-1", null));
        Assert.True(partial.Succeeded);
        Assert.Equal("30000", _clictopay.Requests.Single(r => r.Method == "refund.do").Parameters["amount"]);
        var status = await Provider.GetStatusAsync(session.ProviderReference);
        Assert.Equal((PaymentState.Refunded, Tnd(90_000), Tnd(30_000)), (status.State, status.AmountPaid!.Value, status.AmountRefunded!.Value));

        var tooMuch = await Provider.RefundAsync(new RefundRequest(session.ProviderReference, Tnd(60_001), "refund-2", null));
        Assert.Equal((false, RefundFailureCode.ExceedsRefundable), (tooMuch.Succeeded, tooMuch.FailureCode));
        Assert.Single(_clictopay.Requests, r => r.Method == "refund.do");

        var rest = await Provider.RefundAsync(new RefundRequest(session.ProviderReference, Tnd(60_000), "refund-3", null));
        Assert.True(rest.Succeeded);
        Assert.Equal(90_000, _clictopay.Order(session.ProviderReference)!.RefundedAmount);
    }

    [Fact]
    public async Task An_unpaid_order_is_not_refundable()
    {
        var session = await Provider.CreatePaymentAsync(Request(Tnd(20_000)));

        var refund = await Provider.RefundAsync(new RefundRequest(session.ProviderReference, Tnd(20_000), "refund-1", null));

        Assert.Equal(RefundFailureCode.NotRefundable, refund.FailureCode);
        Assert.DoesNotContain(_clictopay.Requests, r => r.Method == "refund.do");
    }

    [Fact]
    public async Task Clictopay_down_is_an_unreachable_provider()
    {
        var session = await Provider.CreatePaymentAsync(Request(Tnd(10_000)));
        await _clictopay.StopAsync();

        var register = await Assert.ThrowsAsync<PaymentProviderException>(() => Provider.CreatePaymentAsync(Request(Tnd(10_000))));
        var status = await Assert.ThrowsAsync<PaymentProviderException>(() => Provider.GetStatusAsync(session.ProviderReference));

        Assert.Equal(PaymentErrorCode.Unreachable, register.Code);
        Assert.Equal(PaymentErrorCode.Unreachable, status.Code);
    }

    [Fact]
    public async Task A_slow_Clictopay_is_a_timeout()
    {
        // Registered with the default timeout (a loaded machine can take more than the short one to answer at all).
        var session = await Provider.CreatePaymentAsync(Request(Tnd(10_000)));
        var settings = ClictopaySettings(_clictopay);
        settings["Tickr:Payments:Clictopay:Timeout"] = "00:00:00.500";
        settings["Tickr:Payments:Clictopay:ReadRetries"] = "1";
        await using var services = Build(settings);
        var provider = services.Provider(PaymentProviderKind.Clictopay);
        _clictopay.ResponseDelay = TimeSpan.FromSeconds(10);

        var status = await Assert.ThrowsAsync<PaymentProviderException>(() => provider.GetStatusAsync(session.ProviderReference));

        Assert.Equal(PaymentErrorCode.Timeout, status.Code);
        Assert.Equal(2, _clictopay.Requests.Count(r => r.Method == "getOrderStatusExtended.do"));
    }

    [Fact]
    public async Task A_status_read_is_retried_after_5xx_but_a_registration_is_never_retried()
    {
        var session = await Provider.CreatePaymentAsync(Request(Tnd(10_000)));
        _clictopay.MarkPaid(session.ProviderReference);

        _clictopay.FailNext("getOrderStatusExtended.do", 2);
        var status = await Provider.GetStatusAsync(session.ProviderReference);
        Assert.Equal(PaymentState.Succeeded, status.State);
        Assert.Equal(3, _clictopay.Requests.Count(r => r.Method == "getOrderStatusExtended.do"));

        _clictopay.FailNext("register.do", 1);
        var error = await Assert.ThrowsAsync<PaymentProviderException>(() => Provider.CreatePaymentAsync(Request(Tnd(10_000))));
        Assert.Equal(PaymentErrorCode.Unreachable, error.Code);
        Assert.Equal(2, _clictopay.Requests.Count(r => r.Method == "register.do"));

        _clictopay.FailNext("refund.do", 1);
        await Assert.ThrowsAsync<PaymentProviderException>(() =>
            Provider.RefundAsync(new RefundRequest(session.ProviderReference, Tnd(10_000), "refund-1", null)));
        Assert.Single(_clictopay.Requests, r => r.Method == "refund.do");
        Assert.Equal(0, _clictopay.Order(session.ProviderReference)!.RefundedAmount);
    }

    [Fact]
    public async Task The_buyers_return_is_confirmed_with_Clictopay_not_taken_from_the_query_string()
    {
        var orderId = Guid.NewGuid();
        var session = await Provider.CreatePaymentAsync(Request(Tnd(42_000), orderId: orderId));
        var reader = _services.GetRequiredService<ClictopayReturnReader>();

        var notPaidYet = await reader.ReadAsync(Return($"?orderId={session.ProviderReference}&lang=fr"));
        Assert.Equal(PaymentState.Pending, notPaidYet.State);

        _clictopay.MarkPaid(session.ProviderReference);
        var paid = await reader.ReadAsync(Return($"?orderId={session.ProviderReference}&lang=fr"));

        Assert.Equal(PaymentProviderKind.Clictopay, paid.Provider);
        Assert.Equal((PaymentState.Succeeded, Tnd(42_000), orderId), (paid.State, paid.Amount!.Value, paid.OrderId));
        Assert.Equal(session.ProviderReference, paid.ProviderReference);
        Assert.Equal($"{session.ProviderReference}:2", paid.ProviderEventId);
        Assert.NotEqual(notPaidYet.ProviderEventId, paid.ProviderEventId);

        var missing = await Assert.ThrowsAsync<WebhookRejectedException>(() => reader.ReadAsync(Return("?lang=fr")));
        Assert.Equal(WebhookRejection.Malformed, missing.Reason);
        var forged = await Assert.ThrowsAsync<PaymentProviderException>(() => reader.ReadAsync(Return($"?orderId={Guid.NewGuid()}")));
        Assert.Equal(PaymentErrorCode.UnknownPayment, forged.Code);
    }

    private static HttpRequest Return(string query)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "GET";
        context.Request.Path = "/payments/clictopay/return";
        context.Request.QueryString = new QueryString(query);
        return context.Request;
    }
}
