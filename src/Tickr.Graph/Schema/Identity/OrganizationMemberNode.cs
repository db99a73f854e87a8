using Tickr.Domain.Identity;
using Tickr.Graph.Schema.Identity.Loaders;
using Tickr.GraphQL.Types.Building;

namespace Tickr.Graph.Schema.Identity;

/// <summary>A member of an organization's team, or an invitation waiting for someone to register and confirm the address.</summary>
[GraphQLName("OrganizationMember")]
public sealed class OrganizationMemberNode(OrganizationMember member)
{
    /// <summary>The member's (or invitee's) email address.</summary>
    public string Email => member.Email;

    /// <summary>What the member may do in the organization.</summary>
    public OrganizationRole Role => member.Role;

    /// <summary>ACTIVE for members, INVITED for invitations not accepted yet.</summary>
    public MembershipStatus Status => member.Status;

    /// <summary>When the invitation was made (or the membership created).</summary>
    public DateTimeOffset InvitedAt => member.InvitedAt;

    /// <summary>When the member joined; null while the invitation waits.</summary>
    public DateTimeOffset? JoinedAt => member.JoinedAt;

    /// <summary>The member's display name; null while the invitation waits.</summary>
    public async Task<string?> GetDisplayNameAsync(UserByIdLoader users)
    {
        ArgumentNullException.ThrowIfNull(users);
        return member.UserId is { } id && await users.LoadAsync(id) is { } user ? user.DisplayName : null;
    }
}
