using Microsoft.AspNetCore.Identity;
using Tickr.Data.Identity;

namespace Tickr.Graph.Auth;

/// <summary>How a sign-in attempt ended.</summary>
public enum SignInOutcome
{
    /// <summary>A session was started.</summary>
    Succeeded,

    /// <summary>The password was right; the account also needs an authenticator code (a challenge was issued).</summary>
    TwoFactorRequired,

    /// <summary>Unknown email or wrong password (indistinguishable on purpose).</summary>
    InvalidCredentials,

    /// <summary>The account is locked after repeated failures.</summary>
    LockedOut,
}

/// <summary>A started session: a short-lived access token and a refresh token, for <see cref="User"/>.</summary>
public sealed record Session(SignedToken AccessToken, IssuedRefreshToken RefreshToken, TickrUser User);

/// <summary>The result of a password sign-in.</summary>
public sealed record SignInResult(SignInOutcome Outcome, Session? Session = null, SignedToken? Challenge = null, DateTimeOffset? LockedUntil = null);

/// <summary>
/// Password sign-in with Identity's lockout (<c>Tickr:Auth:Lockout:*</c>), and the start of sessions. Identity's
/// <c>SignInManager</c> is built for cookies; Tickr issues tokens, so it uses <see cref="UserManager{TUser}"/> directly
/// with the same rules: a locked account refuses even the right password, every failure counts, a success resets the
/// count.
/// </summary>
public sealed class SignIn(
    UserManager<TickrUser> users,
    AccessTokenIssuer tokens,
    RefreshTokenStore refreshTokens,
    TickrAuthOptions options,
    TimeProvider clock)
{
    // Unknown addresses cost a password verification too, so response times do not tell which addresses have accounts.
    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<TickrUser>().HashPassword(new TickrUser(), Guid.NewGuid().ToString()));

    public UserManager<TickrUser> Users => users;

    public async Task<SignInResult> WithPasswordAsync(string email, string password, CancellationToken cancellationToken)
    {
        var user = string.IsNullOrWhiteSpace(email) ? null : await users.FindByEmailAsync(email.Trim()).ConfigureAwait(false);
        if (user is null)
        {
            users.PasswordHasher.VerifyHashedPassword(new TickrUser(), DummyHash.Value, password ?? "");
            return new SignInResult(SignInOutcome.InvalidCredentials);
        }
        if (await LockedUntilAsync(user).ConfigureAwait(false) is { } lockedUntil)
        {
            return new SignInResult(SignInOutcome.LockedOut, LockedUntil: lockedUntil);
        }
        if (!await users.CheckPasswordAsync(user, password ?? "").ConfigureAwait(false))
        {
            return await FailedAsync(user).ConfigureAwait(false);
        }
        await users.ResetAccessFailedCountAsync(user).ConfigureAwait(false);
        if (user.TwoFactorEnabled)
        {
            return new SignInResult(SignInOutcome.TwoFactorRequired, Challenge: tokens.CreateTwoFactorChallenge(user));
        }
        return new SignInResult(SignInOutcome.Succeeded, await StartSessionAsync(user, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Counts a failed password or code; the result says whether the account is now locked.</summary>
    public async Task<SignInResult> FailedAsync(TickrUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        await users.AccessFailedAsync(user).ConfigureAwait(false);
        return await LockedUntilAsync(user).ConfigureAwait(false) is { } until
            ? new SignInResult(SignInOutcome.LockedOut, LockedUntil: until)
            : new SignInResult(SignInOutcome.InvalidCredentials);
    }

    /// <summary>The end of the account's lockout, or null when it is not locked.</summary>
    public async Task<DateTimeOffset?> LockedUntilAsync(TickrUser user) =>
        await users.IsLockedOutAsync(user).ConfigureAwait(false) ? await users.GetLockoutEndDateAsync(user).ConfigureAwait(false) : null;

    /// <summary>Issues an access token and a refresh token starting a new family.</summary>
    public async Task<Session> StartSessionAsync(TickrUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var roles = await users.GetRolesAsync(user).ConfigureAwait(false);
        var refresh = await refreshTokens.IssueAsync(user.Id, options.RefreshTokenLifetime, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return new Session(tokens.CreateAccessToken(user, roles), refresh, user);
    }

    /// <summary>A new access token for a user whose refresh token was just rotated.</summary>
    public async Task<SignedToken> AccessTokenAsync(TickrUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return tokens.CreateAccessToken(user, await users.GetRolesAsync(user).ConfigureAwait(false));
    }
}
