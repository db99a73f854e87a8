using Microsoft.AspNetCore.Identity;
using Tickr.Data.Identity;
using Tickr.Graph.Auth;
using Tickr.Graph.Schema.Errors;
using Tickr.GraphQL.Execution;
using Tickr.GraphQL.Types.Building;

namespace Tickr.Graph.Schema.Identity;

/// <summary>Proof that the user still holds the second factor.</summary>
public sealed class DisableTwoFactorInput
{
    /// <summary>The authenticator app's current 6-digit code, or one of the recovery codes.</summary>
    public required string Code { get; init; }
}

/// <summary>The result of <c>disableTwoFactor</c>.</summary>
public sealed class DisableTwoFactorPayload
{
    /// <summary>The user, two-factor sign-in now off; null when it failed.</summary>
    public UserNode? User { get; init; }

    /// <summary>Why disabling failed; empty on success.</summary>
    public IReadOnlyList<IDisableTwoFactorError> Errors { get; init; } = [];
}

/// <summary>A reason <c>disableTwoFactor</c> failed.</summary>
[UnionType("DisableTwoFactorError")]
public interface IDisableTwoFactorError;

/// <summary><c>disableTwoFactor</c>.</summary>
[MutationType]
public sealed class DisableTwoFactorMutation
{
    /// <summary>
    /// Turns two-factor sign-in off, with a current authenticator code or a recovery code (a stolen access token alone
    /// cannot do it). The authenticator key and the recovery codes are discarded. Wrong codes count as failed sign-ins.
    /// </summary>
    public async Task<DisableTwoFactorPayload> DisableTwoFactorAsync(
        [GraphQLDescription("A current code.")] DisableTwoFactorInput input,
        [Service] SignIn signIn,
        [Service] TimeProvider clock,
        IResolverContext context)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(signIn);
        ArgumentNullException.ThrowIfNull(context);
        var users = signIn.Users;
        var user = await IdentityErrors.RequireUserAsync(users, context);
        if (!user.TwoFactorEnabled)
        {
            return Failed(new InvalidStatusError("Two-factor sign-in is not enabled."));
        }
        if (await signIn.LockedUntilAsync(user) is { } lockedUntil)
        {
            return Failed(IdentityErrors.Locked(lockedUntil));
        }
        if (!await TwoFactorCodes.AcceptAsync(users, user, input.Code ?? "", clock.GetUtcNow()))
        {
            var failed = await signIn.FailedAsync(user);
            return Failed(failed.Outcome == SignInOutcome.LockedOut ? IdentityErrors.Locked(failed.LockedUntil!.Value) : IdentityErrors.InvalidTwoFactorCode());
        }
        await users.ResetAccessFailedCountAsync(user);
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
        return new DisableTwoFactorPayload { User = new UserNode(user) };
    }

    private static DisableTwoFactorPayload Failed(IUserError error) => new() { Errors = [UserError.As<IDisableTwoFactorError>(error)] };
}
