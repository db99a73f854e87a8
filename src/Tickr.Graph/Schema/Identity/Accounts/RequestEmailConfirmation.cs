using Microsoft.AspNetCore.Identity;
using Tickr.Data.Identity;
using Tickr.Graph.Auth;
using Tickr.Graph.Email;
using Tickr.Graph.Schema.Errors;
using Tickr.Graph.Schema.Relay;
using Tickr.GraphQL.Execution;
using Tickr.GraphQL.Types.Building;

namespace Tickr.Graph.Schema.Identity;

/// <summary>The address to send a new confirmation email to.</summary>
public sealed class RequestEmailConfirmationInput
{
    /// <summary>The account's email address.</summary>
    public required string Email { get; init; }
}

/// <summary>The result of <c>requestEmailConfirmation</c>.</summary>
public sealed class RequestEmailConfirmationPayload
{
    /// <summary>True when the request was taken: if an unconfirmed account has this address, an email is on its way.</summary>
    public bool Requested { get; init; }

    /// <summary>Why the request was refused; empty otherwise.</summary>
    public IReadOnlyList<IRequestEmailConfirmationError> Errors { get; init; } = [];
}

/// <summary>A reason <c>requestEmailConfirmation</c> was refused.</summary>
[UnionType("RequestEmailConfirmationError")]
public interface IRequestEmailConfirmationError;

/// <summary><c>requestEmailConfirmation</c>.</summary>
[MutationType]
public sealed class RequestEmailConfirmationMutation
{
    /// <summary>
    /// Sends a new confirmation token to the address, if an unconfirmed account has it. The answer is the same whether
    /// or not one does, so the mutation cannot be used to find accounts. Rate limited per client IP and per address.
    /// </summary>
    public async Task<RequestEmailConfirmationPayload> RequestEmailConfirmationAsync(
        [GraphQLDescription("The address.")] RequestEmailConfirmationInput input,
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
        if (EmailRequests.Refusal(limiter, AuthRateLimitPolicy.EmailConfirmation, email, input.Email, context) is { } refusal)
        {
            return Failed(refusal);
        }
        if (await users.FindByEmailAsync(email) is { EmailConfirmed: false } user)
        {
            var token = await users.GenerateEmailConfirmationTokenAsync(user);
            await emails.SendConfirmationAsync(email, user.DisplayName, user.Locale, GlobalId.Encode(UserNode.TypeName, user.Id), token, context.CancellationToken);
        }
        return new RequestEmailConfirmationPayload { Requested = true };
    }

    private static RequestEmailConfirmationPayload Failed(IUserError error) => new() { Errors = [UserError.As<IRequestEmailConfirmationError>(error)] };
}
