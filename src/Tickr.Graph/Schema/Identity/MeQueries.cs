using Tickr.Graph.Schema.Identity.Loaders;
using Tickr.GraphQL.Execution;
using Tickr.GraphQL.Types.Building;

namespace Tickr.Graph.Schema.Identity;

/// <summary>The signed-in user.</summary>
[QueryType]
public sealed class MeQueries
{
    /// <summary>
    /// The signed-in user; null for anonymous requests, and for API keys (a key acts for an organization, not a person:
    /// read the organization with <c>organization(slug:)</c> or <c>node(id:)</c>). Null too when the token names an
    /// account that no longer exists.
    /// </summary>
    public async Task<UserNode?> GetMeAsync(IResolverContext context, UserByIdLoader users)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(users);
        return context.GetAccess().Actor.UserId is { } id && await users.LoadAsync(id) is { } user
            ? new UserNode(user)
            : null;
    }
}
