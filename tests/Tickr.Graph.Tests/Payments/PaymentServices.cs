using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;
using Tickr.Domain.Common;
using Tickr.Domain.Payments;
using Tickr.Graph.Payments;
using Tickr.Testing.Payments;

namespace Tickr.Graph.Tests.Payments;

/// <summary>The payment services as the server registers them (AddTickrPayments), from in-memory configuration.</summary>
internal static class PaymentServices
{
    public const string WebhookSecret = "whsec_tickr_test_5f3a9c0e1b7d";

    public static ServiceProvider Build(IDictionary<string, string?> settings, string environment = "Development")
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddTickrPayments(configuration, new HostingEnvironment
        {
            EnvironmentName = environment,
            ApplicationName = "Tickr.Graph",
            ContentRootPath = AppContext.BaseDirectory,
        });
        return services.BuildServiceProvider();
    }

    public static Dictionary<string, string?> StripeSettings(FakeStripeServer stripe, string? secretKey = null) => new()
    {
        ["Tickr:Payments:Stripe:SecretKey"] = secretKey ?? stripe.SecretKey,
        ["Tickr:Payments:Stripe:PublishableKey"] = stripe.PublishableKey,
        ["Tickr:Payments:Stripe:WebhookSecret"] = WebhookSecret,
        ["Tickr:Payments:Stripe:ApiBase"] = stripe.Address.AbsoluteUri,
        // Stripe.net's own retries wait ~0.5 s each; the fakes answer at once, and "down" should fail fast here.
        ["Tickr:Payments:Stripe:MaxNetworkRetries"] = "0",
    };

    public static Dictionary<string, string?> ClictopaySettings(FakeClictopayServer clictopay, string? password = null) => new()
    {
        ["Tickr:Payments:Clictopay:UserName"] = clictopay.UserName,
        ["Tickr:Payments:Clictopay:Password"] = password ?? clictopay.Password,
        ["Tickr:Payments:Clictopay:BaseUrl"] = clictopay.BaseUrl.AbsoluteUri,
        ["Tickr:Payments:Clictopay:RetryDelay"] = "00:00:00.010",
        ["Tickr:Payments:Clictopay:Timeout"] = "00:00:05",
    };

    public static IPaymentProvider Provider(this ServiceProvider services, PaymentProviderKind kind) =>
        services.GetRequiredService<IPaymentProviders>().Get(kind);

    public static PaymentRequest Request(Money amount, string? idempotencyKey = null, string? orderNumber = null, Guid? orderId = null) => new(
        orderId ?? Guid.NewGuid(),
        orderNumber ?? "TK-" + Random.Shared.Next(100_000, 999_999).ToString(System.Globalization.CultureInfo.InvariantCulture),
        amount,
        "buyer@example.tn",
        idempotencyKey ?? Guid.NewGuid().ToString("N"),
        "fr",
        new Uri("https://tickr.example/checkout/return"),
        new Uri("https://tickr.example/checkout/failed"));

    public static Money Tnd(long millimes) => new(millimes, Currency.Tnd);
}
