namespace Tickr.Graph.Schema.Errors;

/// <summary>The email address and password do not match an account (the same answer whether the account exists or not).</summary>
public sealed partial class InvalidCredentialsError(string message) : IUserError
{
    public string Code => "INVALID_CREDENTIALS";

    public string Message { get; } = message;
}

/// <summary>
/// Too many failed sign-ins in a row: the account refuses every sign-in, even with the right password, until
/// <c>lockedUntil</c>. Resetting the password by email unlocks it.
/// </summary>
public sealed partial class AccountLockedError(string message, DateTimeOffset lockedUntil) : IUserError
{
    public string Code => "ACCOUNT_LOCKED";

    public string Message { get; } = message;

    /// <summary>When sign-in is possible again.</summary>
    public DateTimeOffset LockedUntil { get; } = lockedUntil;
}

/// <summary>An account with this email address already exists.</summary>
public sealed partial class EmailTakenError(string message) : IUserError
{
    public string Code => "EMAIL_TAKEN";

    public string Message { get; } = message;

    /// <summary>The input field holding the address (<c>email</c>).</summary>
    public string Field => "email";
}

/// <summary>The password breaks the password rules (at least 10 characters, with a lower-case letter and a digit).</summary>
public sealed partial class PasswordRejectedError(string message, IReadOnlyList<string> reasons) : IUserError
{
    public string Code => "PASSWORD_REJECTED";

    public string Message { get; } = message;

    /// <summary>Every rule the password breaks, for people.</summary>
    public IReadOnlyList<string> Reasons { get; } = reasons;
}

/// <summary>
/// The token is unknown, malformed, expired or already used: an email-confirmation or password-reset token, a
/// refresh token or a two-factor challenge. Start the flow again (request a new email, sign in again).
/// </summary>
public sealed partial class InvalidTokenError(string message) : IUserError
{
    public string Code => "INVALID_TOKEN";

    public string Message { get; } = message;
}

/// <summary>
/// The refresh token had already been exchanged for a new one: a copy of it is in someone else's hands, or two
/// refreshes raced. Every token of that session is now revoked; sign in again.
/// </summary>
public sealed partial class RefreshTokenReusedError(string message) : IUserError
{
    public string Code => "REFRESH_TOKEN_REUSED";

    public string Message { get; } = message;
}

/// <summary>The authenticator code or recovery code is wrong (or was already used).</summary>
public sealed partial class InvalidTwoFactorCodeError(string message) : IUserError
{
    public string Code => "INVALID_TWO_FACTOR_CODE";

    public string Message { get; } = message;
}

/// <summary>The action needs a confirmed email address: confirm it with the emailed token first.</summary>
public sealed partial class EmailNotConfirmedError(string message) : IUserError
{
    public string Code => "EMAIL_NOT_CONFIRMED";

    public string Message { get; } = message;
}
