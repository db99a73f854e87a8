using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Tickr.Data.Identity;
using Tickr.Graph.Schema.Identity;
using Tickr.GraphQL.Execution;

namespace Tickr.Graph.Schema.Errors
{
    // Which error types each Identity mutation can return: the members of its payload's error union.
    public sealed partial class InvalidInputError : IRegisterError, IConfirmEmailError, IRequestEmailConfirmationError, IRequestPasswordResetError,
        IResetPasswordError, ICompleteTwoFactorLoginError, ICreateOrganizationError, IInviteMemberError, ICreateApiKeyError;

    public sealed partial class RateLimitedError : IRegisterError, IRequestEmailConfirmationError, IRequestPasswordResetError, ILoginError,
        ICompleteTwoFactorLoginError, IRefreshTokenError;

    public sealed partial class EmailTakenError : IRegisterError;

    public sealed partial class PasswordRejectedError : IRegisterError, IResetPasswordError;

    public sealed partial class InvalidTokenError : IConfirmEmailError, IResetPasswordError, ICompleteTwoFactorLoginError, IRefreshTokenError, ILogoutError;

    public sealed partial class InvalidCredentialsError : ILoginError;

    public sealed partial class AccountLockedError : ILoginError, ICompleteTwoFactorLoginError, IEnableTwoFactorError, IDisableTwoFactorError;

    public sealed partial class InvalidTwoFactorCodeError : ICompleteTwoFactorLoginError, IEnableTwoFactorError, IDisableTwoFactorError;

    public sealed partial class RefreshTokenReusedError : IRefreshTokenError;

    public sealed partial class InvalidStatusError : IBeginTwoFactorSetupError, IEnableTwoFactorError, IDisableTwoFactorError, IInviteMemberError;

    public sealed partial class EmailNotConfirmedError : ICreateOrganizationError;

    public sealed partial class DuplicateError : ICreateOrganizationError, IInviteMemberError;

    public sealed partial class NotFoundError : IInviteMemberError, ICreateApiKeyError, IRevokeApiKeyError;

    public sealed partial class NotAuthorizedError : IInviteMemberError, ICreateApiKeyError;
}

namespace Tickr.Graph.Schema.Identity
{
    using Tickr.Graph.Schema.Errors;

    /// <summary>The errors of the Identity mutations, worded once.</summary>
    internal static class IdentityErrors
    {
        public static RateLimitedError RateLimited(int retryAfterSeconds) =>
            new(string.Create(CultureInfo.InvariantCulture, $"Too many attempts: try again in {retryAfterSeconds} s."), retryAfterSeconds);

        public static InvalidInputError InvalidEmail(string? email) =>
            new("INVALID_EMAIL", $"'{email}' is not an email address.", "email");

        public static EmailTakenError EmailTaken() => new("An account with this email address already exists.");

        public static InvalidCredentialsError InvalidCredentials() => new("The email address or the password is wrong.");

        public static AccountLockedError Locked(DateTimeOffset until) =>
            new(string.Create(CultureInfo.InvariantCulture, $"Too many failed sign-ins: the account is locked until {until:O}."), until);

        public static InvalidTokenError InvalidToken(string message = "The token is invalid or expired: ask for a new email.") => new(message);

        public static InvalidTwoFactorCodeError InvalidTwoFactorCode() => new("The code is wrong or expired.");

        public static NotFoundError NotFound(string what, string? id) => new($"No {what} has the id '{id}'.", id);

        /// <summary>Identity's refusals of a new account or password, as Tickr's error types.</summary>
        public static IUserError FromIdentity(IEnumerable<IdentityError> errors)
        {
            var list = errors.ToList();
            if (list.Exists(e => e.Code is nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName)))
            {
                return EmailTaken();
            }
            var password = list.Where(e => e.Code.StartsWith("Password", StringComparison.Ordinal)).Select(e => e.Description).ToArray();
            if (password.Length > 0)
            {
                return new PasswordRejectedError("The password breaks the password rules.", password);
            }
            return new InvalidInputError("INVALID_VALUE", string.Join(" ", list.Select(e => e.Description)), null);
        }

        /// <summary>The signed-in user's account, tracked by the request's user manager; UNAUTHENTICATED without one.</summary>
        public static async Task<TickrUser> RequireUserAsync(UserManager<TickrUser> users, IResolverContext context)
        {
            var id = context.RequireUserId();
            return await users.FindByIdAsync(id.ToString()) ?? throw UnknownUser();
        }

        /// <summary>A valid token naming an account that no longer exists.</summary>
        public static GraphQL.GraphQLException UnknownUser() =>
            new("The access token names an account that no longer exists.", TickrErrorCodes.Unauthenticated);
    }
}
