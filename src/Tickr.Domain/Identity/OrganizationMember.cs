namespace Tickr.Domain.Identity;

/// <summary>Whether a membership is in force.</summary>
public enum MembershipStatus
{
    /// <summary>Invited by email; no account has accepted it yet.</summary>
    Invited,

    /// <summary>The user acts for the organization with the membership's role.</summary>
    Active,
}

/// <summary>A person's role in an organization, or an invitation waiting for them.</summary>
public sealed class OrganizationMember
{
    private OrganizationMember() { }

    public Guid Id { get; private set; }

    public Guid OrganizationId { get; private set; }

    /// <summary>The member's account; null while the invitation waits for someone to register with <see cref="Email"/>.</summary>
    public Guid? UserId { get; private set; }

    /// <summary>The invited address, normalized (lower-case).</summary>
    public string Email { get; private set; } = "";

    public OrganizationRole Role { get; private set; }

    public MembershipStatus Status { get; private set; }

    public Guid? InvitedByUserId { get; private set; }

    public DateTimeOffset InvitedAt { get; private set; }

    public DateTimeOffset? JoinedAt { get; private set; }

    internal static OrganizationMember Active(Guid organizationId, Guid userId, string email, OrganizationRole role, Guid? invitedBy, DateTimeOffset now) =>
        new()
        {
            Id = Guid.CreateVersion7(now),
            OrganizationId = organizationId,
            UserId = userId,
            Email = EmailAddress.Normalize(email),
            Role = role,
            Status = MembershipStatus.Active,
            InvitedByUserId = invitedBy,
            InvitedAt = now,
            JoinedAt = now,
        };

    internal static OrganizationMember Invited(Guid organizationId, string email, OrganizationRole role, Guid invitedBy, DateTimeOffset now) =>
        new()
        {
            Id = Guid.CreateVersion7(now),
            OrganizationId = organizationId,
            Email = EmailAddress.Normalize(email),
            Role = role,
            Status = MembershipStatus.Invited,
            InvitedByUserId = invitedBy,
            InvitedAt = now,
        };

    /// <summary>The account that confirmed <see cref="Email"/> takes up the invitation.</summary>
    public void Accept(Guid userId, DateTimeOffset now)
    {
        if (Status == MembershipStatus.Active)
        {
            return;
        }
        UserId = userId;
        Status = MembershipStatus.Active;
        JoinedAt = now;
    }
}
