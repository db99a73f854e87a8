namespace Tickr.Domain.Identity;

/// <summary>What a member may do in an organization. Each role includes the ones below it.</summary>
public enum OrganizationRole
{
    /// <summary>Door staff: sees the organization's events and checks tickets in.</summary>
    Scanner = 0,

    /// <summary>Creates and runs events: venues, ticket types, quotas, promo codes, publishing, refunds.</summary>
    Manager = 1,

    /// <summary>Everything a manager does, plus the team (invitations, roles) and API keys.</summary>
    Owner = 2,
}

/// <summary>The permissions each role carries; the one place where "who may do what" is decided.</summary>
public static class OrganizationPermissions
{
    /// <summary>See the organization's drafts, stats and attendees.</summary>
    public static bool CanViewPrivate(OrganizationRole role) => role >= OrganizationRole.Scanner;

    /// <summary>Read the orders and attendees of the organization's events (buyers' data): not door staff.</summary>
    public static bool CanViewSales(OrganizationRole role) => role >= OrganizationRole.Manager;

    /// <summary>Create and edit venues, events, ticket types, quotas, promo codes.</summary>
    public static bool CanManageEvents(OrganizationRole role) => role >= OrganizationRole.Manager;

    /// <summary>Scan tickets at the door.</summary>
    public static bool CanCheckIn(OrganizationRole role) => role >= OrganizationRole.Scanner;

    /// <summary>Invite members with <paramref name="invitedRole"/>: owners invite anyone, managers only scanners.</summary>
    public static bool CanInvite(OrganizationRole role, OrganizationRole invitedRole) =>
        role == OrganizationRole.Owner || (role == OrganizationRole.Manager && invitedRole == OrganizationRole.Scanner);

    /// <summary>Create and revoke partner API keys.</summary>
    public static bool CanManageApiKeys(OrganizationRole role) => role == OrganizationRole.Owner;
}
