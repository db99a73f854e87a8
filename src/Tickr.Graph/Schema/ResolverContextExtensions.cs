using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Tickr.Data;
using Tickr.Graph.Auth;
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

    private const string AccessKey = "Tickr.Access";

    /// <summary>The request's <see cref="Access"/>: who is calling and what they may do (created once per request).</summary>
    public static Access GetAccess(this IResolverContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var data = context.ContextData;
        lock (data)
        {
            if (data.TryGetValue(AccessKey, out var existing) && existing is Access access)
            {
                return access;
            }
            access = new Access(
                Actor.From(context.GetAuthenticatedUser()),
                context.Services.GetRequiredService<IDbContextFactory<TickrDbContext>>());
            data[AccessKey] = access;
            return access;
        }
    }

    /// <summary>The signed-in user's id; a GraphQL error with code <c>UNAUTHENTICATED</c> when there is none.</summary>
    public static Guid RequireUserId(this IResolverContext context) =>
        context.GetAccess().Actor.UserId
            ?? throw new GraphQLException(
                "This field requires a signed-in user: send an access token (API keys cannot use it).", TickrErrorCodes.Unauthenticated);

    /// <summary>
    /// The client's IP address as this server sees it (the connection's remote address; behind a proxy, configure
    /// ASP.NET Core's forwarded-headers middleware so it is the client's), or <c>unknown</c>. Used to partition rate limits.
    /// </summary>
    public static string GetClientAddress(this IResolverContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.ContextData.TryGetValue(GraphQLContextKeys.HttpContext, out var value)
            && value is HttpContext { Connection.RemoteIpAddress: { } address }
                ? address.ToString()
                : "unknown";
    }
}
