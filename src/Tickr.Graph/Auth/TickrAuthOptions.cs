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

    /// <summary>How long an access token issued by <c>login</c> or <c>refreshToken</c> is valid.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a refresh token is valid; each rotation issues a new one with this lifetime.</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long the challenge of a two-factor login waits for its code.</summary>
    public TimeSpan TwoFactorChallengeLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long the token of an email-confirmation message stays valid.</summary>
    public TimeSpan EmailConfirmationTokenLifetime { get; set; } = TimeSpan.FromDays(2);

    /// <summary>How long the token of a password-reset message stays valid.</summary>
    public TimeSpan PasswordResetTokenLifetime { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Account lockout after repeated failed sign-ins (<c>Tickr:Auth:Lockout:*</c>).</summary>
    public LockoutSettings Lockout { get; set; } = new();

    /// <summary>The audience of two-factor challenge tokens: never accepted as an access token's.</summary>
    internal string TwoFactorAudience => Audience + ":two-factor";
}

/// <summary>Identity's lockout: after <see cref="MaxFailedAttempts"/> failures in a row, sign-in is refused for <see cref="Duration"/>.</summary>
public sealed class LockoutSettings
{
    /// <summary>Failed passwords or two-factor codes in a row before the account locks.</summary>
    public int MaxFailedAttempts { get; set; } = 5;

    /// <summary>How long a locked account stays locked.</summary>
    public TimeSpan Duration { get; set; } = TimeSpan.FromMinutes(15);
}
