using Microsoft.AspNetCore.Identity;
using Tickr.Data.Identity;
using Tickr.Graph.Schema.Errors;
using Tickr.GraphQL.Execution;
using Tickr.GraphQL.Types.Building;

namespace Tickr.Graph.Schema.Identity;

/// <summary>A new password, with the emailed reset token.</summary>
public sealed class ResetPasswordInput
{
    /// <summary>The account's email address.</summary>
    public required string Email { get; init; }

    /// <summary>The token from the password-reset email.</summary>
    public required string Token { get; init; }

    /// <summary>The new password: at least 10 characters, with a lower-case letter and a digit.</summary>
    public required string NewPassword { get; init; }
}

/// <summary>The result of <c>resetPassword</c>.</summary>
public sealed class ResetPasswordPayload
{
    /// <summary>The account whose password was replaced; null when the reset failed.</summary>
    public UserNode? User { get; init; }

    /// <summary>Why the reset failed; empty on success.</summary>
    public IReadOnlyList<IResetPasswordError> Errors { get; init; } = [];
}

/// <summary>A reason <c>resetPassword</c> failed.</summary>
[UnionType("ResetPasswordError")]
public interface IResetPasswordError;

/// <summary><c>resetPassword</c>.</summary>
[MutationType]
public sealed class ResetPasswordMutation
{
    /// <summary>
    /// Replaces the password with the emailed token. Every session of the account is signed out (its refresh tokens
    /// are revoked), a lockout is lifted, and other reset tokens stop working.
    /// </summary>
    public async Task<ResetPasswordPayload> ResetPasswordAsync(
        [GraphQLDescription("The address, the token and the new password.")] ResetPasswordInput input,
        [Service] UserManager<TickrUser> users,
        [Service] RefreshTokenStore refreshTokens,
        [Service] TimeProvider clock,
        IResolverContext context)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(refreshTokens);
        ArgumentNullException.ThrowIfNull(context);
        var user = string.IsNullOrWhiteSpace(input.Email) ? null : await users.FindByEmailAsync(input.Email.Trim());
        if (user is null)
        {
            return Failed(IdentityErrors.InvalidToken());
        }
        var result = await users.ResetPasswordAsync(user, input.Token ?? "", input.NewPassword ?? "");
        if (!result.Succeeded)
        {
            return Failed(result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken))
                ? IdentityErrors.InvalidToken()
                : IdentityErrors.FromIdentity(result.Errors));
        }
        await users.ResetAccessFailedCountAsync(user);
        await users.SetLockoutEndDateAsync(user, null);
        await refreshTokens.RevokeAllAsync(user.Id, clock.GetUtcNow(), RefreshTokenStore.Reasons.PasswordReset, context.CancellationToken);
        return new ResetPasswordPayload { User = new UserNode(user) };
    }

    private static ResetPasswordPayload Failed(IUserError error) => new() { Errors = [UserError.As<IResetPasswordError>(error)] };
}
