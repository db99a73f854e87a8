namespace Tickr.Graph.Auth;

/// <summary>
/// JWT bearer settings (<c>Tickr:Auth:*</c>). Tokens are HMAC-SHA256 signed with <see cref="SigningKey"/> and must
/// carry this issuer, this audience and an expiry; the same rules apply to HTTP requests and WebSocket connections.
/// </summary>
public sealed class TickrAuthOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Tickr:Auth";

    /// <summary>Expected <c>iss</c> claim.</summary>
    public string Issuer { get; set; } = "tickr";

    /// <summary>Expected <c>aud</c> claim.</summary>
    public string Audience { get; set; } = "tickr";

    /// <summary>
    /// The HMAC key (its UTF-8 bytes, at least 32 of them). Absent: a random per-process key in Development
    /// (so no token validates until one is configured); a startup failure in any other environment.
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary>Tolerated clock difference when checking <c>exp</c> and <c>nbf</c>.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);
}
