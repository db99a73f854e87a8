using Tickr.Domain.Identity;

namespace Tickr.Graph.Schema.Identity;

/// <summary>The signed-in user's place in an organization.</summary>
/// <param name="Organization">The organization.</param>
/// <param name="Role">What the user may do in it.</param>
/// <param name="JoinedAt">When the user joined it.</param>
public sealed record OrganizationMembership(OrganizationNode Organization, OrganizationRole Role, DateTimeOffset JoinedAt);
