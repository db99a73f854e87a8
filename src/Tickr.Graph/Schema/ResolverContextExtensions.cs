using System.Security.Claims;
using Tickr.GraphQL;
using Tickr.GraphQL.AspNetCore;
using Tickr.GraphQL.Execution;

namespace Tickr.Graph.Schema;

/// <summary>The request's user, as every transport puts it in <c>ContextData</c> (<see cref="GraphQLContextKeys.User"/>).</summary>
public static class ResolverContextExtensions
{
    /// <summary>The authenticated user, or null for an anonymous request.</summary>
    public static ClaimsPrincipal? GetAuthenticatedUser(this IResolverContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.ContextData.TryGetValue(GraphQLContextKeys.User, out var value)
            && value is ClaimsPrincipal { Identity.IsAuthenticated: true } user
                ? user
                : null;
    }

    /// <summary>The authenticated user; throws a GraphQL error with code <c>UNAUTHENTICATED</c> when there is none.</summary>
    public static ClaimsPrincipal RequireAuthenticatedUser(this IResolverContext context)
        => context.GetAuthenticatedUser()
            ?? throw new GraphQLException("This field requires an authenticated user: send a bearer token.", TickrErrorCodes.Unauthenticated);
}
