using Tickr.Graph.Auth;

namespace Tickr.Graph.Schema.Identity;

/// <summary>
/// The tokens of a started or refreshed session, shared by the payloads of <c>login</c>, <c>completeTwoFactorLogin</c>
/// and <c>refreshToken</c>. Send the access token as <c>Authorization: Bearer …</c>; before it expires, exchange the
/// refresh token for new ones with <c>refreshToken</c> (each refresh token works once).
/// </summary>
public abstract class SessionPayload
{
    private protected SessionPayload(Session? session)
    {
        if (session is not null)
        {
            AccessToken = session.AccessToken.Token;
            AccessTokenExpiresAt = session.AccessToken.ExpiresAt;
            RefreshToken = session.RefreshToken.Token;
            RefreshTokenExpiresAt = session.RefreshToken.ExpiresAt;
            User = new UserNode(session.User);
        }
    }

    /// <summary>A short-lived JWT to send as <c>Authorization: Bearer …</c>; null when no session was started.</summary>
    public string? AccessToken { get; }

    /// <summary>When the access token expires.</summary>
    public DateTimeOffset? AccessTokenExpiresAt { get; }

    /// <summary>The single-use token that <c>refreshToken</c> exchanges for new tokens; keep it secret.</summary>
    public string? RefreshToken { get; }

    /// <summary>When the refresh token expires.</summary>
    public DateTimeOffset? RefreshTokenExpiresAt { get; }

    /// <summary>The signed-in user.</summary>
    public UserNode? User { get; }
}
