using System.ComponentModel;
using Tickr.Data.Identity;
using Tickr.Graph.Schema.Errors;
using Tickr.GraphQL.Execution;
using Tickr.GraphQL.Types.Building;

namespace Tickr.Graph.Schema.Identity;

/// <summary>The session to sign out.</summary>
public sealed class LogoutInput
{
    /// <summary>The session's latest refresh token.</summary>
    public required string RefreshToken { get; init; }

    /// <summary>True to sign out every session of the account (every device), not only this one.</summary>
    [DefaultValue(false)]
    public bool AllSessions { get; init; }
}

/// <summary>The result of <c>logout</c>.</summary>
public sealed class LogoutPayload
{
    /// <summary>True when the session (or every session) is signed out: its refresh tokens no longer work.</summary>
    public bool LoggedOut { get; init; }

    /// <summary>Why the sign-out failed; empty on success.</summary>
    public IReadOnlyList<ILogoutError> Errors { get; init; } = [];
}

/// <summary>A reason <c>logout</c> failed.</summary>
[UnionType("LogoutError")]
public interface ILogoutError;

/// <summary><c>logout</c>.</summary>
[MutationType]
public sealed class LogoutMutation
{
    /// <summary>
    /// Signs out: revokes the refresh tokens of the session (or of every session with <c>allSessions</c>). Access
    /// tokens already issued stay valid until they expire (15 minutes by default): clients drop them. Signing out a
    /// session that is already signed out succeeds.
    /// </summary>
    public async Task<LogoutPayload> LogoutAsync(
        [GraphQLDescription("The session's refresh token.")] LogoutInput input,
        [Service] RefreshTokenStore refreshTokens,
        [Service] TimeProvider clock,
        IResolverContext context)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(refreshTokens);
        ArgumentNullException.ThrowIfNull(context);
        if (string.IsNullOrEmpty(input.RefreshToken) || input.RefreshToken.Length > 200
            || await refreshTokens.RevokeAsync(input.RefreshToken, input.AllSessions, clock.GetUtcNow(), context.CancellationToken) is null)
        {
            return new LogoutPayload { Errors = [UserError.As<ILogoutError>(IdentityErrors.InvalidToken("The refresh token is invalid."))] };
        }
        return new LogoutPayload { LoggedOut = true };
    }
}
