namespace Tickr.Graph.Payments.Stripe;

/// <summary>Stripe settings (<c>Tickr:Payments:Stripe:*</c>). Stripe is configured when <see cref="SecretKey"/> is set.</summary>
public sealed class StripeOptions
{
    public const string Section = "Tickr:Payments:Stripe";

    /// <summary>The secret API key (<c>sk_live_…</c>, <c>sk_test_…</c>, or a restricted <c>rk_…</c>).</summary>
    public string? SecretKey { get; set; }

    /// <summary>The publishable key (<c>pk_…</c>) the buyer's app gives Stripe.js; not used by the server itself.</summary>
    public string? PublishableKey { get; set; }

    /// <summary>The webhook endpoint's signing secret (<c>whsec_…</c>). Required in Production when Stripe is configured.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>Stripe's API address; null means Stripe's own. Tests point it at a local fake.</summary>
    public Uri? ApiBase { get; set; }

    /// <summary>Timeout of one HTTP request to Stripe (default 30 s).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Retries of Stripe.net's own client after a network error or a retryable answer (default 2). Safe for writes:
    /// every create and refund carries an idempotency key, so a retried request can never charge twice.
    /// </summary>
    public int MaxNetworkRetries { get; set; } = 2;

    /// <summary>How old a webhook's signed timestamp may be, in seconds (Stripe's default: 300).</summary>
    public long WebhookToleranceSeconds { get; set; } = 300;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(SecretKey);
}
