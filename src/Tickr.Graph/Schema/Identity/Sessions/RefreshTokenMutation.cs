using Microsoft.AspNetCore.Identity;
using Tickr.Data.Identity;
using Tickr.Graph.Auth;
using Tickr.Graph.Schema.Errors;
using Tickr.GraphQL.Execution;
using Tickr.GraphQL.Types.Building;

namespace Tickr.Graph.Schema.Identity;

/// <summary>The refresh token to exchange.</summary>
public sealed class RefreshTokenInput
{
    /// <summary>The latest refresh token of the session (each works once).</summary>
    public required string RefreshToken { get; init; }
}

/// <summary>The result of <c>refreshToken</c>: new tokens (the presented refresh token no longer works), or errors.</summary>
public sealed class RefreshTokenPayload : SessionPayload
{
    internal RefreshTokenPayload(Session? session, IReadOnlyList<IRefreshTokenError> errors)
        : base(session) => Errors = errors;

    /// <summary>Why the exchange failed; empty on success.</summary>
    public IReadOnlyList<IRefreshTokenError> Errors { get; }
}

/// <summary>A reason <c>refreshToken</c> failed.</summary>
[UnionType("RefreshTokenError")]
public interface IRefreshTokenError;

/// <summary><c>refreshToken</c>.</summary>
[MutationType]
public sealed class RefreshTokenMutation
{
    /// <summary>
    /// Exchanges a refresh token for a new access token and a new refresh token (rotation). A refresh token works
    /// once: presenting one that was already exchanged revokes the whole session (REFRESH_TOKEN_REUSED), since a copy
    /// of it is in someone else's hands. Rate limited per client IP.
    /// </summary>
    public async Task<RefreshTokenPayload> RefreshTokenAsync(
        [GraphQLDescription("The refresh token.")] RefreshTokenInput input,
        [Service] RefreshTokenStore refreshTokens,
        [Service] SignIn signIn,
        [Service] TickrAuthOptions options,
        [Service] AuthRateLimiter limiter,
        [Service] TimeProvider clock,
        IResolverContext context)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(refreshTokens);
        ArgumentNullException.ThrowIfNull(signIn);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(limiter);
        ArgumentNullException.ThrowIfNull(context);
        if (limiter.TryAcquire(AuthRateLimitPolicy.Refresh, "ip:" + context.GetClientAddress()) is { } wait)
        {
            return Failed(IdentityErrors.RateLimited(wait));
        }
        if (string.IsNullOrEmpty(input.RefreshToken) || input.RefreshToken.Length > 200)
        {
            return Failed(IdentityErrors.InvalidToken("The refresh token is invalid."));
        }
        var rotation = await refreshTokens.RotateAsync(input.RefreshToken, options.RefreshTokenLifetime, clock.GetUtcNow(), context.CancellationToken);
        switch (rotation.Status)
        {
            case RefreshTokenStatus.Rotated:
                var user = await signIn.Users.FindByIdAsync(rotation.UserId.ToString());
                if (user is null)
                {
                    return Failed(IdentityErrors.InvalidToken("The account no longer exists."));
                }
                var access = await signIn.AccessTokenAsync(user);
                return new RefreshTokenPayload(new Session(access, new IssuedRefreshToken(rotation.Token!, rotation.ExpiresAt), user), []);
            case RefreshTokenStatus.Reused:
                return Failed(new RefreshTokenReusedError("This refresh token was already used: every token of the session is revoked. Sign in again."));
            case RefreshTokenStatus.Expired:
                return Failed(IdentityErrors.InvalidToken("The refresh token has expired: sign in again."));
            case RefreshTokenStatus.Revoked:
                return Failed(IdentityErrors.InvalidToken("The session was signed out: sign in again."));
            default:
                return Failed(IdentityErrors.InvalidToken("The refresh token is invalid."));
        }
    }

    private static RefreshTokenPayload Failed(IUserError error) => new(null, [UserError.As<IRefreshTokenError>(error)]);
}
