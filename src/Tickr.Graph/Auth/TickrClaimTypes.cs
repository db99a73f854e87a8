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

    /// <summary>The user's email address (informative; identity is <c>sub</c>).</summary>
    public const string Email = "email";

    /// <summary>The user's display name.</summary>
    public const string Name = "name";

    /// <summary>API-key principals: the key's id.</summary>
    public const string ApiKeyId = "tkr_key";

    /// <summary>API-key principals: the organization the key acts for.</summary>
    public const string OrganizationId = "tkr_org";

    /// <summary>API-key principals: <c>ReadOnly</c> or <c>ReadWrite</c>.</summary>
    public const string ApiKeyScope = "tkr_scope";
}
