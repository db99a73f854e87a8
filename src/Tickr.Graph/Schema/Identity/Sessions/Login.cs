using Tickr.Graph.Auth;
using Tickr.Graph.Schema.Errors;
using Tickr.GraphQL.Execution;
using Tickr.GraphQL.Types.Building;

namespace Tickr.Graph.Schema.Identity;

/// <summary>Credentials of a password sign-in.</summary>
public sealed class LoginInput
{
    /// <summary>The account's email address.</summary>
    public required string Email { get; init; }

    /// <summary>The account's password.</summary>
    public required string Password { get; init; }
}

/// <summary>The second step a two-factor account needs: finish with <c>completeTwoFactorLogin</c>.</summary>
/// <param name="ChallengeToken">Pass it to <c>completeTwoFactorLogin</c> with an authenticator or recovery code.</param>
/// <param name="ExpiresAt">When the challenge expires (a few minutes): then sign in again.</param>
public sealed record TwoFactorChallenge(string ChallengeToken, DateTimeOffset ExpiresAt);

/// <summary>
/// The result of <c>login</c>: the session's tokens, or a two-factor challenge for accounts with an authenticator,
/// or errors.
/// </summary>
public sealed class LoginPayload : SessionPayload
{
    internal LoginPayload(Session? session, TwoFactorChallenge? challenge, IReadOnlyList<ILoginError> errors)
        : base(session)
    {
        TwoFactorChallenge = challenge;
        Errors = errors;
    }

    /// <summary>
    /// Set when the password was right and the account has two-factor sign-in: no tokens yet, finish with
    /// <c>completeTwoFactorLogin</c>. Not an error.
    /// </summary>
    public TwoFactorChallenge? TwoFactorChallenge { get; }

    /// <summary>Why the sign-in failed; empty on success and on a two-factor challenge.</summary>
    public IReadOnlyList<ILoginError> Errors { get; }
}

/// <summary>A reason <c>login</c> failed.</summary>
[UnionType("LoginError")]
public interface ILoginError;

/// <summary><c>login</c>.</summary>
[MutationType]
public sealed class LoginMutation
{
    /// <summary>
    /// Signs in with email and password. Unconfirmed addresses may sign in (<c>me.emailConfirmed</c> tells); five
    /// failures in a row lock the account for 15 minutes (configurable). Rate limited per client IP and per address.
    /// </summary>
    public async Task<LoginPayload> LoginAsync(
        [GraphQLDescription("The credentials.")] LoginInput input,
        [Service] SignIn signIn,
        [Service] AuthRateLimiter limiter,
        IResolverContext context)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(signIn);
        ArgumentNullException.ThrowIfNull(limiter);
        ArgumentNullException.ThrowIfNull(context);
        var email = input.Email?.Trim().ToLowerInvariant() ?? "";
        if (limiter.TryAcquire(AuthRateLimitPolicy.Login, "ip:" + context.GetClientAddress(), "email:" + email) is { } wait)
        {
            return Failed(IdentityErrors.RateLimited(wait));
        }
        var result = await signIn.WithPasswordAsync(email, input.Password ?? "", context.CancellationToken);
        return result.Outcome switch
        {
            SignInOutcome.Succeeded => new LoginPayload(result.Session, null, []),
            SignInOutcome.TwoFactorRequired => new LoginPayload(null, new TwoFactorChallenge(result.Challenge!.Token, result.Challenge.ExpiresAt), []),
            SignInOutcome.LockedOut => Failed(IdentityErrors.Locked(result.LockedUntil!.Value)),
            _ => Failed(IdentityErrors.InvalidCredentials()),
        };
    }

    private static LoginPayload Failed(IUserError error) => new(null, null, [UserError.As<ILoginError>(error)]);
}
