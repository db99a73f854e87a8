using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Tickr.Data.Identity;

namespace Tickr.Graph.Auth;

/// <summary>A signed token and the instant it stops being valid.</summary>
/// <param name="Token">The compact JWT.</param>
/// <param name="ExpiresAt">Its <c>exp</c>.</param>
public sealed record SignedToken(string Token, DateTimeOffset ExpiresAt);

/// <summary>
/// Issues Tickr's JWTs with the server's signing key: access tokens (validated by the JwtBearer setup of
/// <see cref="TickrAuthenticationExtensions"/>, so every token issued here is accepted there) and the short-lived
/// challenge of a two-factor login, whose audience differs so that it can never be used as an access token.
/// </summary>
public sealed class AccessTokenIssuer(TickrSigningKey key, TickrAuthOptions options, TimeProvider clock)
{
    private const string PurposeClaim = "tkr_purpose";
    private const string TwoFactorPurpose = "two-factor";
    private const string StampClaim = "tkr_stamp";

    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    /// <summary>An access token naming the user (<c>sub</c>, <c>email</c>, <c>name</c>) and their platform roles (<c>role</c>).</summary>
    public SignedToken CreateAccessToken(TickrUser user, IEnumerable<string> roles)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(roles);
        var claims = new Dictionary<string, object>
        {
            [TickrClaimTypes.Subject] = user.Id.ToString(),
            [TickrClaimTypes.Email] = user.Email ?? "",
            [TickrClaimTypes.Name] = user.DisplayName,
            [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
        };
        var roleList = roles.ToArray();
        if (roleList.Length > 0)
        {
            claims[TickrClaimTypes.Role] = roleList;
        }
        return Sign(claims, options.Audience, options.AccessTokenLifetime);
    }

    /// <summary>
    /// The challenge a password sign-in of a two-factor account returns: it names the user and a digest of their
    /// security stamp, so a password change or a new authenticator voids pending challenges.
    /// </summary>
    public SignedToken CreateTwoFactorChallenge(TickrUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var claims = new Dictionary<string, object>
        {
            [TickrClaimTypes.Subject] = user.Id.ToString(),
            [PurposeClaim] = TwoFactorPurpose,
            [StampClaim] = StampDigest(user.SecurityStamp),
            [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
        };
        return Sign(claims, options.TwoFactorAudience, options.TwoFactorChallengeLifetime);
    }

    /// <summary>The user and stamp digest of a valid, unexpired challenge; null for anything else.</summary>
    public async Task<(Guid UserId, string Stamp)?> ReadTwoFactorChallengeAsync(string challengeToken)
    {
        if (string.IsNullOrWhiteSpace(challengeToken) || challengeToken.Length > 4096)
        {
            return null;
        }
        var result = await _handler.ValidateTokenAsync(challengeToken, new TokenValidationParameters
        {
            ValidIssuer = options.Issuer,
            ValidAudience = options.TwoFactorAudience,
            IssuerSigningKey = key.Key,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.Zero,
            LifetimeValidator = (_, expires, _, _) => expires is { } e && clock.GetUtcNow().UtcDateTime < e,
        }).ConfigureAwait(false);
        if (!result.IsValid
            || !result.Claims.TryGetValue(PurposeClaim, out var purpose) || purpose as string != TwoFactorPurpose
            || !result.Claims.TryGetValue(TickrClaimTypes.Subject, out var subject) || !Guid.TryParse(subject as string, out var userId)
            || !result.Claims.TryGetValue(StampClaim, out var stamp) || stamp is not string stampDigest)
        {
            return null;
        }
        return (userId, stampDigest);
    }

    /// <summary>Whether a challenge's stamp digest still matches the user's security stamp.</summary>
    public static bool StampMatches(TickrUser user, string digest)
    {
        ArgumentNullException.ThrowIfNull(user);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(StampDigest(user.SecurityStamp)), Encoding.ASCII.GetBytes(digest ?? ""));
    }

    private SignedToken Sign(Dictionary<string, object> claims, string audience, TimeSpan lifetime)
    {
        var now = clock.GetUtcNow();
        // Whole seconds: exp is a NumericDate, and the value returned to clients must be the one in the token.
        var issuedAt = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds());
        var expires = issuedAt + lifetime;
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = audience,
            Claims = claims,
            IssuedAt = issuedAt.UtcDateTime,
            NotBefore = issuedAt.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(key.Key, SecurityAlgorithms.HmacSha256),
        });
        return new SignedToken(token, expires);
    }

    private static string StampDigest(string? stamp) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(stamp ?? "")))[..22];
}
