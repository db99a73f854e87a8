using Tickr.Domain.Common;
using Tickr.Domain.Payments;
using Tickr.Graph.Payments.Development;
using Tickr.Testing.Payments;
using Microsoft.Extensions.DependencyInjection;
using static Tickr.Graph.Tests.Payments.PaymentServices;

namespace Tickr.Graph.Tests.Payments;

/// <summary>AddTickrPayments: which providers each configuration enables, and the Development provider.</summary>
public sealed class PaymentRegistrationTests
{
    [Fact]
    public async Task Without_configuration_Development_has_only_the_development_provider()
    {
        await using var services = Build(new Dictionary<string, string?>());
        var providers = services.GetRequiredService<IPaymentProviders>();

        Assert.Equal([PaymentProviderKind.Development], providers.Configured);
        var error = Assert.Throws<PaymentProviderException>(() => providers.Get(PaymentProviderKind.Stripe));
        Assert.Equal((PaymentProviderKind.Stripe, PaymentErrorCode.NotConfigured), (error.Provider, error.Code));
        Assert.False(providers.TryGet(PaymentProviderKind.Clictopay, out _));
    }

    [Fact]
    public async Task Configured_keys_enable_Stripe_and_Clictopay_beside_the_development_provider()
    {
        await using var stripe = new FakeStripeServer();
        await using var clictopay = new FakeClictopayServer();
        var settings = StripeSettings(stripe);
        foreach (var (key, value) in ClictopaySettings(clictopay))
        {
            settings[key] = value;
        }

        await using var development = Build(settings, "Staging");
        await using var production = Build(settings, "Production");

        Assert.Equal([PaymentProviderKind.Development, PaymentProviderKind.Stripe, PaymentProviderKind.Clictopay],
            development.GetRequiredService<IPaymentProviders>().Configured);
        Assert.Equal([PaymentProviderKind.Stripe, PaymentProviderKind.Clictopay], production.GetRequiredService<IPaymentProviders>().Configured);
        Assert.False(production.GetRequiredService<IPaymentProviders>().IsConfigured(PaymentProviderKind.Development));
    }

    [Fact]
    public async Task Production_without_a_real_provider_starts_with_no_provider_at_all()
    {
        // Free events still sell; paid checkouts get "not configured". The Development provider never stands in.
        await using var production = Build(new Dictionary<string, string?>(), "Production");
        var providers = production.GetRequiredService<IPaymentProviders>();

        Assert.Empty(providers.Configured);
        var error = Assert.Throws<PaymentProviderException>(() => providers.Get(PaymentProviderKind.Development));
        Assert.Equal(PaymentErrorCode.NotConfigured, error.Code);
    }

    [Fact]
    public void Incomplete_provider_settings_fail_at_startup()
    {
        var stripeWithoutWebhookSecret = Assert.Throws<InvalidOperationException>(() => Build(new Dictionary<string, string?>
        {
            ["Tickr:Payments:Stripe:SecretKey"] = "sk_live_x",
        }, "Production"));
        var clictopayWithoutAddress = Assert.Throws<InvalidOperationException>(() => Build(new Dictionary<string, string?>
        {
            ["Tickr:Payments:Clictopay:UserName"] = "merchant",
            ["Tickr:Payments:Clictopay:Password"] = "secret",
        }));

        Assert.Contains("Tickr:Payments:Stripe:WebhookSecret", stripeWithoutWebhookSecret.Message, StringComparison.Ordinal);
        Assert.Contains("Tickr:Payments:Clictopay:BaseUrl", clictopayWithoutAddress.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_development_provider_confirms_at_once_honours_keys_and_checks_refunds()
    {
        await using var services = Build(new Dictionary<string, string?>());
        var provider = services.Provider(PaymentProviderKind.Development);
        var request = Request(Tnd(25_000), idempotencyKey: "dev-1");

        var session = await provider.CreatePaymentAsync(request);
        var again = await provider.CreatePaymentAsync(request);

        Assert.Equal(PaymentState.Succeeded, session.State);
        Assert.StartsWith(DevelopmentPaymentProvider.ReferencePrefix, session.ProviderReference, StringComparison.Ordinal);
        Assert.Equal(session.ProviderReference, again.ProviderReference);
        Assert.Equal(new PaymentStatus(session.ProviderReference, PaymentState.Succeeded, Tnd(25_000), null),
            await provider.GetStatusAsync(session.ProviderReference));

        var partial = await provider.RefundAsync(new RefundRequest(session.ProviderReference, Tnd(10_000), "r-1", null));
        var retried = await provider.RefundAsync(new RefundRequest(session.ProviderReference, Tnd(10_000), "r-1", null));
        var tooMuch = await provider.RefundAsync(new RefundRequest(session.ProviderReference, Tnd(15_001), "r-2", null));

        Assert.True(partial.Succeeded);
        Assert.Equal(partial.RefundReference, retried.RefundReference);
        Assert.Equal(RefundFailureCode.ExceedsRefundable, tooMuch.FailureCode);
        var status = await provider.GetStatusAsync(session.ProviderReference);
        Assert.Equal((PaymentState.Refunded, new Money(10_000, Currency.Tnd)), (status.State, status.AmountRefunded!.Value));
    }
}
