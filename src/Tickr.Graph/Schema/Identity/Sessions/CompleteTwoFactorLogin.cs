using Microsoft.AspNetCore.Identity;
using Tickr.Graph.Auth;
using Tickr.Graph.Schema.Errors;
using Tickr.GraphQL.Execution;
using Tickr.GraphQL.Types.Building;

namespace Tickr.Graph.Schema.Identity;

/// <summary>The second step of a two-factor sign-in: the challenge and one code.</summary>
public sealed class CompleteTwoFactorLoginInput
{
    /// <summary>The <c>challengeToken</c> that <c>login</c> returned.</summary>
    public required string ChallengeToken { get; init; }

    /// <summary>The 6-digit code of the authenticator app. Give this or <c>recoveryCode</c>.</summary>
    public string? Code { get; init; }

    /// <summary>One of the recovery codes given when two-factor sign-in was enabled (each works once). Give this or <c>code</c>.</summary>
    public string? RecoveryCode { get; init; }
}

/// <summary>The result of <c>completeTwoFactorLogin</c>: the session's tokens, or errors.</summary>
public sealed class CompleteTwoFactorLoginPayload : SessionPayload
{
    internal CompleteTwoFactorLoginPayload(Session? session, IReadOnlyList<ICompleteTwoFactorLoginError> errors)
        : base(session) => Errors = errors;

    /// <summary>Why the sign-in failed; empty on success.</summary>
    public IReadOnlyList<ICompleteTwoFactorLoginError> Errors { get; }
}

/// <summary>A reason <c>completeTwoFactorLogin</c> failed.</summary>
[UnionType("CompleteTwoFactorLoginError")]
public interface ICompleteTwoFactorLoginError;

/// <summary><c>completeTwoFactorLogin</c>.</summary>
[MutationType]
public sealed class CompleteTwoFactorLoginMutation
{
    /// <summary>
    /// Finishes a two-factor sign-in with an authenticator code or a recovery code. Wrong codes count as failed
    /// sign-ins (lockout). Rate limited like <c>login</c>.
    /// </summary>
    public async Task<CompleteTwoFactorLoginPayload> CompleteTwoFactorLoginAsync(
        [GraphQLDescription("The challenge and the code.")] CompleteTwoFactorLoginInput input,
        [Service] SignIn signIn,
        [Service] AccessTokenIssuer tokens,
        [Service] AuthRateLimiter limiter,
        [Service] TimeProvider clock,
        IResolverContext context)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(signIn);
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(limiter);
        ArgumentNullException.ThrowIfNull(context);
        if (limiter.TryAcquire(AuthRateLimitPolicy.Login, "ip:" + context.GetClientAddress()) is { } wait)
        {
            return Failed(IdentityErrors.RateLimited(wait));
        }
        if (string.IsNullOrWhiteSpace(input.Code) == string.IsNullOrWhiteSpace(input.RecoveryCode))
        {
            return Failed(new InvalidInputError("INVALID_VALUE", "Give exactly one of code and recoveryCode.", "code"));
        }
        var users = signIn.Users;
        var challenge = await tokens.ReadTwoFactorChallengeAsync(input.ChallengeToken);
        var user = challenge is { } c ? await users.FindByIdAsync(c.UserId.ToString()) : null;
        if (user is null || !user.TwoFactorEnabled || !AccessTokenIssuer.StampMatches(user, challenge!.Value.Stamp))
        {
            return Failed(IdentityErrors.InvalidToken("The two-factor challenge is invalid or expired: sign in again."));
        }
        if (await signIn.LockedUntilAsync(user) is { } lockedUntil)
        {
            return Failed(IdentityErrors.Locked(lockedUntil));
        }
        var accepted = input.Code is { Length: > 0 } code
            ? await TwoFactorCodes.VerifyAuthenticatorCodeAsync(users, user, code, clock.GetUtcNow())
            : (await users.RedeemTwoFactorRecoveryCodeAsync(user, TwoFactorCodes.CleanRecovery(input.RecoveryCode!))).Succeeded;
        if (!accepted)
        {
            var failed = await signIn.FailedAsync(user);
            return Failed(failed.Outcome == SignInOutcome.LockedOut
                ? IdentityErrors.Locked(failed.LockedUntil!.Value)
                : IdentityErrors.InvalidTwoFactorCode());
        }
        await users.ResetAccessFailedCountAsync(user);
        return new CompleteTwoFactorLoginPayload(await signIn.StartSessionAsync(user, context.CancellationToken), []);
    }

    private static CompleteTwoFactorLoginPayload Failed(IUserError error) => new(null, [UserError.As<ICompleteTwoFactorLoginError>(error)]);
}
