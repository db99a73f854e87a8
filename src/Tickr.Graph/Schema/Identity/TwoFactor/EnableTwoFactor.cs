using Microsoft.AspNetCore.Identity;
using Tickr.Data.Identity;
using Tickr.Graph.Auth;
using Tickr.Graph.Schema.Errors;
using Tickr.GraphQL.Execution;
using Tickr.GraphQL.Types.Building;

namespace Tickr.Graph.Schema.Identity;

/// <summary>A code from the authenticator app set up with <c>beginTwoFactorSetup</c>.</summary>
public sealed class EnableTwoFactorInput
{
    /// <summary>The app's current 6-digit code.</summary>
    public required string Code { get; init; }
}

/// <summary>The result of <c>enableTwoFactor</c>.</summary>
public sealed class EnableTwoFactorPayload
{
    /// <summary>The user, two-factor sign-in now enabled; null when it failed.</summary>
    public UserNode? User { get; init; }

    /// <summary>
    /// Single-use codes that replace the authenticator when the phone is lost. Shown only here: the user must store
    /// them somewhere safe.
    /// </summary>
    public IReadOnlyList<string>? RecoveryCodes { get; init; }

    /// <summary>Why enabling failed; empty on success.</summary>
    public IReadOnlyList<IEnableTwoFactorError> Errors { get; init; } = [];
}

/// <summary>A reason <c>enableTwoFactor</c> failed.</summary>
[UnionType("EnableTwoFactorError")]
public interface IEnableTwoFactorError;

/// <summary><c>enableTwoFactor</c>.</summary>
[MutationType]
public sealed class EnableTwoFactorMutation
{
    /// <summary>
    /// Turns two-factor sign-in on once the authenticator app proves it has the key (its current code), and returns
    /// the recovery codes. From then on <c>login</c> answers with a challenge. Wrong codes count as failed sign-ins.
    /// </summary>
    public async Task<EnableTwoFactorPayload> EnableTwoFactorAsync(
        [GraphQLDescription("The app's current code.")] EnableTwoFactorInput input,
        [Service] SignIn signIn,
        [Service] TimeProvider clock,
        IResolverContext context)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(signIn);
        ArgumentNullException.ThrowIfNull(context);
        var users = signIn.Users;
        var user = await IdentityErrors.RequireUserAsync(users, context);
        if (user.TwoFactorEnabled)
        {
            return Failed(new InvalidStatusError("Two-factor sign-in is already enabled."));
        }
        if (string.IsNullOrEmpty(await users.GetAuthenticatorKeyAsync(user)))
        {
            return Failed(new InvalidStatusError("No authenticator is being set up: call beginTwoFactorSetup first."));
        }
        if (await signIn.LockedUntilAsync(user) is { } lockedUntil)
        {
            return Failed(IdentityErrors.Locked(lockedUntil));
        }
        if (!await TwoFactorCodes.VerifyAuthenticatorCodeAsync(users, user, input.Code ?? "", clock.GetUtcNow()))
        {
            var failed = await signIn.FailedAsync(user);
            return Failed(failed.Outcome == SignInOutcome.LockedOut ? IdentityErrors.Locked(failed.LockedUntil!.Value) : IdentityErrors.InvalidTwoFactorCode());
        }
        await users.ResetAccessFailedCountAsync(user);
        await users.SetTwoFactorEnabledAsync(user, true);
        var recoveryCodes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, TwoFactorCodes.RecoveryCodeCount);
        return new EnableTwoFactorPayload { User = new UserNode(user), RecoveryCodes = recoveryCodes?.ToArray() ?? [] };
    }

    private static EnableTwoFactorPayload Failed(IUserError error) => new() { Errors = [UserError.As<IEnableTwoFactorError>(error)] };
}
