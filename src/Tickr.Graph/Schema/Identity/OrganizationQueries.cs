using Microsoft.EntityFrameworkCore;
using Tickr.Data;
using Tickr.GraphQL.Execution;
using Tickr.GraphQL.Types.Building;

namespace Tickr.Graph.Schema.Identity;

/// <summary>Organizations, found by their public slug.</summary>
[QueryType]
public sealed class OrganizationQueries
{
    /// <summary>The organization with this slug; null when there is none.</summary>
    /// <param name="slug">The organization's slug, e.g. <c>carthage-live</c>.</param>
    /// <param name="contexts">Database contexts.</param>
    /// <param name="context">The request.</param>
    public async Task<OrganizationNode?> GetOrganizationAsync(string slug, [Service] IDbContextFactory<TickrDbContext> contexts, IResolverContext context)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        ArgumentNullException.ThrowIfNull(context);
        await using var db = await contexts.CreateDbContextAsync(context.CancellationToken);
        var organization = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Slug == slug, context.CancellationToken);
        return organization is null ? null : new OrganizationNode(organization);
    }
}
