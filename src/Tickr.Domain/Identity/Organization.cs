using Tickr.Domain.Common;

namespace Tickr.Domain.Identity;

/// <summary>
/// An organizer: a company, association or person that sells tickets. Its members act for it with a role; it owns
/// its venues, events and API keys.
/// </summary>
public sealed class Organization
{
    private readonly List<OrganizationMember> _members = [];

    private Organization() { }

    public Guid Id { get; private set; }

    public string Name { get; private set; } = "";

    /// <summary>The organization's address in URLs; unique across Tickr.</summary>
    public string Slug { get; private set; } = "";

    public string? Description { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public IReadOnlyList<OrganizationMember> Members => _members;

    /// <summary>A new organization whose creator is its first owner.</summary>
    public static Organization Create(string name, string slug, string? description, Guid ownerUserId, string ownerEmail, DateTimeOffset now)
    {
        var organization = new Organization
        {
            Id = Guid.CreateVersion7(now),
            Name = Text.Required(name, "name", 120),
            Slug = Common.Slug.Require(slug),
            Description = Text.Optional(description, "description", 2_000),
            CreatedAt = now,
        };
        organization._members.Add(OrganizationMember.Active(organization.Id, ownerUserId, ownerEmail, OrganizationRole.Owner, invitedBy: null, now));
        return organization;
    }

    /// <summary>The active role of <paramref name="userId"/>, or null when they are not an active member.</summary>
    public OrganizationRole? RoleOf(Guid userId) =>
        _members.Find(m => m.UserId == userId && m.Status == MembershipStatus.Active)?.Role;

    /// <summary>
    /// Invites someone by email with a role. An existing user (<paramref name="existingUserId"/>) joins at once; otherwise
    /// the invitation waits and is accepted when that email registers and confirms it.
    /// </summary>
    public OrganizationMember Invite(Guid invitedBy, string email, OrganizationRole role, Guid? existingUserId, DateTimeOffset now)
    {
        var inviterRole = RoleOf(invitedBy)
            ?? throw new DomainException(DomainErrorCode.InvalidStatus, "Only members can invite.");
        if (!OrganizationPermissions.CanInvite(inviterRole, role))
        {
            throw new DomainException(DomainErrorCode.InvalidStatus,
                $"A {inviterRole.ToString().ToLowerInvariant()} cannot invite a {role.ToString().ToLowerInvariant()}.", "role");
        }
        var normalized = EmailAddress.Normalize(email);
        if (_members.Exists(m => m.Email == normalized || (existingUserId is { } id && m.UserId == id)))
        {
            throw new DomainException(DomainErrorCode.Duplicate, $"{normalized} is already a member or invited.", "email");
        }
        var member = existingUserId is { } userId
            ? OrganizationMember.Active(Id, userId, normalized, role, invitedBy, now)
            : OrganizationMember.Invited(Id, normalized, role, invitedBy, now);
        _members.Add(member);
        return member;
    }
}
