using Microsoft.Extensions.DependencyInjection.Extensions;
using Tickr.Domain.Payments;
using Tickr.Graph.Payments.Clictopay;
using Tickr.Graph.Payments.Development;
using Tickr.Graph.Payments.Stripe;

namespace Tickr.Graph.Payments;

/// <summary>Registers the payment providers the configuration enables (see Payments/README.md).</summary>
public static class PaymentServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IPaymentProviders"/> with: Stripe when <c>Tickr:Payments:Stripe:SecretKey</c> is set,
    /// Clictopay when <c>Tickr:Payments:Clictopay:UserName</c> is set, and the Development provider outside Production.
    /// Also <see cref="StripeWebhookReader"/> and <see cref="ClictopayReturnReader"/>. Throws
    /// <see cref="InvalidOperationException"/> (a startup error) for an incomplete configuration. The Development
    /// provider is never registered in Production.
    /// </summary>
    public static IServiceCollection AddTickrPayments(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);

        var stripeSection = configuration.GetSection(StripeOptions.Section);
        var clictopaySection = configuration.GetSection(ClictopayOptions.Section);
        var stripe = stripeSection.Get<StripeOptions>() ?? new StripeOptions();
        var clictopay = clictopaySection.Get<ClictopayOptions>() ?? new ClictopayOptions();
        var production = environment.IsProduction();
        Validate(stripe, clictopay, production);

        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<StripeOptions>().Bind(stripeSection);
        services.AddOptions<ClictopayOptions>().Bind(clictopaySection);

        if (stripe.IsConfigured)
        {
            services.AddHttpClient(StripePaymentProvider.HttpClientName, client => client.Timeout = stripe.Timeout);
            services.AddSingleton<StripePaymentProvider>();
            services.AddSingleton<IPaymentProvider>(provider => provider.GetRequiredService<StripePaymentProvider>());
        }
        if (clictopay.IsConfigured)
        {
            // Timeouts are Polly's, per attempt (ClictopayOptions.Timeout); the client's own would cut retries short.
            services.AddHttpClient(ClictopayPaymentProvider.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
            services.AddSingleton<ClictopayPaymentProvider>();
            services.AddSingleton<IPaymentProvider>(provider => provider.GetRequiredService<ClictopayPaymentProvider>());
        }
        if (!production)
        {
            services.AddSingleton<DevelopmentPaymentProvider>();
            services.AddSingleton<IPaymentProvider>(provider => provider.GetRequiredService<DevelopmentPaymentProvider>());
        }

        services.TryAddSingleton<IPaymentProviders, PaymentProviders>();
        services.TryAddSingleton<StripeWebhookReader>();
        services.TryAddSingleton<ClictopayReturnReader>();
        return services;
    }

    private static void Validate(StripeOptions stripe, ClictopayOptions clictopay, bool production)
    {
        var problems = new List<string>();
        if (stripe.IsConfigured)
        {
            if (production && string.IsNullOrWhiteSpace(stripe.WebhookSecret))
            {
                problems.Add($"{StripeOptions.Section}:WebhookSecret is required in Production (payments are confirmed by Stripe's webhooks).");
            }
            if (stripe.ApiBase is { IsAbsoluteUri: false })
            {
                problems.Add($"{StripeOptions.Section}:ApiBase must be an absolute URL.");
            }
            if (stripe.Timeout <= TimeSpan.Zero)
            {
                problems.Add($"{StripeOptions.Section}:Timeout must be positive.");
            }
        }
        if (clictopay.IsConfigured)
        {
            if (string.IsNullOrWhiteSpace(clictopay.Password))
            {
                problems.Add($"{ClictopayOptions.Section}:Password is required when {ClictopayOptions.Section}:UserName is set.");
            }
            if (clictopay.BaseUrl is not { IsAbsoluteUri: true })
            {
                problems.Add($"{ClictopayOptions.Section}:BaseUrl is required (absolute, ending in /payment/rest/) when "
                    + $"{ClictopayOptions.Section}:UserName is set.");
            }
            if (!Domain.Common.Currency.TryFromCode(clictopay.Currency, out _))
            {
                problems.Add($"{ClictopayOptions.Section}:Currency '{clictopay.Currency}' is not a currency Tickr sells in.");
            }
            if (clictopay.Timeout <= TimeSpan.Zero)
            {
                problems.Add($"{ClictopayOptions.Section}:Timeout must be positive.");
            }
        }
        // Production without any provider still starts (free events sell; paid checkouts answer PaymentProviderError
        // "not configured"); the server logs a warning at start (TickrServerExtensions.UseTickrServer).
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("Payments configuration: " + string.Join(" ", problems));
        }
    }
}
