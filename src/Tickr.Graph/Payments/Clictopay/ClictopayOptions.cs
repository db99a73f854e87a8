namespace Tickr.Graph.Payments.Clictopay;

/// <summary>
/// Clictopay settings (<c>Tickr:Payments:Clictopay:*</c>). Clictopay is configured when <see cref="UserName"/> is set;
/// then <see cref="Password"/> and <see cref="BaseUrl"/> are required.
/// </summary>
public sealed class ClictopayOptions
{
    public const string Section = "Tickr:Payments:Clictopay";

    /// <summary>The merchant's API user (the <c>userName</c> parameter).</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>
    /// The REST API's address, ending in <c>/payment/rest/</c>: <c>https://test.clictopay.com/payment/rest/</c> for the
    /// test platform, <c>https://ipay.clictopay.com/payment/rest/</c> in production.
    /// </summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>The merchant account's currency (ISO code, default TND): a payment in any other currency is refused.</summary>
    public string Currency { get; set; } = "TND";

    /// <summary>Timeout of one HTTP attempt (default 30 s).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Retries of a status read after a network error, a timeout or a 5xx answer (default 2). Registrations and refunds
    /// are never retried: Clictopay has no idempotency key, and a repeated refund would pay twice.
    /// </summary>
    public int ReadRetries { get; set; } = 2;

    /// <summary>The first retry's delay, doubled for each further one (default 200 ms).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(UserName);
}
