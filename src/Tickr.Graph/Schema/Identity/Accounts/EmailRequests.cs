using Tickr.Domain.Identity;
using Tickr.Graph.Auth;
using Tickr.Graph.Schema.Errors;
using Tickr.GraphQL.Execution;

namespace Tickr.Graph.Schema.Identity;

/// <summary>
/// What the "email me a token" mutations (<c>requestEmailConfirmation</c>, <c>requestPasswordReset</c>) check before
/// looking anything up: the rate limit (per client IP and per address) and the address's shape.
/// </summary>
internal static class EmailRequests
{
    public static string Normalize(string? email) => email?.Trim().ToLowerInvariant() ?? "";

    /// <summary>The error that refuses the request, or null to go on.</summary>
    public static IUserError? Refusal(AuthRateLimiter limiter, AuthRateLimitPolicy policy, string email, string? given, IResolverContext context)
    {
        if (limiter.TryAcquire(policy, "ip:" + context.GetClientAddress(), "email:" + email) is { } wait)
        {
            return IdentityErrors.RateLimited(wait);
        }
        return EmailAddress.IsValid(email) ? null : IdentityErrors.InvalidEmail(given);
    }
}
