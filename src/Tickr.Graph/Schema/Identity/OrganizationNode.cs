using Tickr.Domain.Identity;
using Tickr.Graph.Schema.Relay;
using Tickr.GraphQL.Execution;
using Tickr.GraphQL.Types.Building;

namespace Tickr.Graph.Schema.Identity;

/// <summary>An organizer: the company, association or person selling tickets, and its team.</summary>
[GraphQLName("Organization")]
public sealed class OrganizationNode(Organization o) : INode
{
    public const string TypeName = "Organization";

    internal Organization Entity => o;

    /// <summary>The organization's global id.</summary>
    public string Id => GlobalId.Encode(TypeName, o.Id);

    /// <summary>The organization's name.</summary>
    public string Name => o.Name;

    /// <summary>The organization's address in URLs, unique across Tickr.</summary>
    public string Slug => o.Slug;

    /// <summary>What the organization presents of itself.</summary>
    public string? Description => o.Description;

    /// <summary>The caller's role in this organization; null when they are not a member.</summary>
    public async Task<OrganizationRole?> GetViewerRoleAsync(IResolverContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return await context.GetAccess().RoleInAsync(o.Id, context.CancellationToken);
    }
}
