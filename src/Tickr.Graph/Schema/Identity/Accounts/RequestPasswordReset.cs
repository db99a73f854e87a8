using Microsoft.AspNetCore.Identity;
using Tickr.Data.Identity;
using Tickr.Graph.Auth;
using Tickr.Graph.Email;
using Tickr.Graph.Schema.Errors;
using Tickr.GraphQL.Execution;
using Tickr.GraphQL.Types.Building;

namespace Tickr.Graph.Schema.Identity;

/// <summary>The address of the account whose password is forgotten.</summary>
public sealed class RequestPasswordResetInput
{
    /// <summary>The account's email address.</summary>
    public required string Email { get; init; }
}

/// <summary>The result of <c>requestPasswordReset</c>.</summary>
public sealed class RequestPasswordResetPayload
{
    /// <summary>True when the request was taken: if an account has this address, a reset token is on its way.</summary>
    public bool Requested { get; init; }

    /// <summary>Why the request was refused; empty otherwise.</summary>
    public IReadOnlyList<IRequestPasswordResetError> Errors { get; init; } = [];
}

/// <summary>A reason <c>requestPasswordReset</c> was refused.</summary>
[UnionType("RequestPasswordResetError")]
public interface IRequestPasswordResetError;

/// <summary><c>requestPasswordReset</c>.</summary>
[MutationType]
public sealed class RequestPasswordResetMutation
{
    /// <summary>
    /// Emails a password-reset token (for <c>resetPassword</c>) if an account has the address. It succeeds whether or
    /// not one does: the answer never tells which addresses have accounts. Rate limited per client IP and per address.
    /// </summary>
    public async Task<RequestPasswordResetPayload> RequestPasswordResetAsync(
        [GraphQLDescription("The address.")] RequestPasswordResetInput input,
        [Service] UserManager<TickrUser> users,
        [Service] AccountEmails emails,
        [Service] AuthRateLimiter limiter,
        IResolverContext context)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(emails);
        ArgumentNullException.ThrowIfNull(limiter);
        ArgumentNullException.ThrowIfNull(context);
        var email = EmailRequests.Normalize(input.Email);
        if (EmailRequests.Refusal(limiter, AuthRateLimitPolicy.PasswordReset, email, input.Email, context) is { } refusal)
        {
            return Failed(refusal);
        }
        if (await users.FindByEmailAsync(email) is { } user)
        {
            var token = await users.GeneratePasswordResetTokenAsync(user);
            await emails.SendPasswordResetAsync(email, user.DisplayName, user.Locale, token, context.CancellationToken);
        }
        return new RequestPasswordResetPayload { Requested = true };
    }

    private static RequestPasswordResetPayload Failed(IUserError error) => new() { Errors = [UserError.As<IRequestPasswordResetError>(error)] };
}
