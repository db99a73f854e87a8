using Tickr.Graph.Schema.Identity.Loaders;
using Tickr.GraphQL.Execution;
using Tickr.GraphQL.Types.Building;

namespace Tickr.Graph.Schema.Identity;

/// <summary>An organization's team and API keys: private to its members (and to its owners for keys).</summary>
[ExtendObjectType(typeof(OrganizationNode))]
public sealed class OrganizationTeam
{
    /// <summary>The team: members and pending invitations. Only the organization's members see it (null otherwise, API keys included).</summary>
    public async Task<IReadOnlyList<OrganizationMemberNode>?> GetMembersAsync(
        [Parent] OrganizationNode organization,
        MembersByOrganizationLoader members,
        IResolverContext context)
    {
        ArgumentNullException.ThrowIfNull(organization);
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(context);
        if (await context.GetAccess().RoleInAsync(organization.Entity.Id, context.CancellationToken) is null)
        {
            return null;
        }
        return (await members.LoadAsync(organization.Entity.Id)).Select(m => new OrganizationMemberNode(m)).ToArray();
    }

    /// <summary>The organization's API keys, newest first, revoked ones included. Only its owners see them (null otherwise).</summary>
    public async Task<IReadOnlyList<ApiKeyNode>?> GetApiKeysAsync(
        [Parent] OrganizationNode organization,
        ApiKeysByOrganizationLoader apiKeys,
        IResolverContext context)
    {
        ArgumentNullException.ThrowIfNull(organization);
        ArgumentNullException.ThrowIfNull(apiKeys);
        ArgumentNullException.ThrowIfNull(context);
        if (!await context.GetAccess().CanManageApiKeysAsync(organization.Entity.Id, context.CancellationToken))
        {
            return null;
        }
        return (await apiKeys.LoadAsync(organization.Entity.Id)).Select(k => new ApiKeyNode(k)).ToArray();
    }
}
