namespace Tickr.Graph.Auth;

/// <summary>
/// Claim names as they appear in Tickr's tokens. Inbound claim mapping is off, so a JWT's <c>sub</c> stays <c>sub</c>
/// instead of becoming a long WS-Federation URI.
/// </summary>
public static class TickrClaimTypes
{
    public const string Subject = "sub";
    public const string Role = "role";

    /// <summary>Some issuers write roles as a <c>roles</c> array; both are read.</summary>
    public const string Roles = "roles";
}
