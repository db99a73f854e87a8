using Microsoft.EntityFrameworkCore;
using Tickr.Data;
using Tickr.Domain.Identity;

namespace Tickr.Graph.Auth;

/// <summary>
/// What the caller may do, per organization, for one request. The user's memberships are read once (one query) and
/// shared by every resolver of the request, so checking access on 50 events costs nothing more than on one.
/// Every private field and mutation asks here; nothing else decides.
/// </summary>
public sealed class Access
{
    private readonly IDbContextFactory<TickrDbContext> _contexts;
    private readonly object _gate = new();
    private Task<IReadOnlyDictionary<Guid, OrganizationRole>>? _memberships;

    public Access(Actor actor, IDbContextFactory<TickrDbContext> contexts)
    {
        Actor = actor;
        _contexts = contexts;
    }

    public Actor Actor { get; }

    /// <summary>The caller's active memberships: organization → role. Empty for anonymous callers and API keys.</summary>
    public Task<IReadOnlyDictionary<Guid, OrganizationRole>> MembershipsAsync(CancellationToken cancellationToken)
    {
        if (Actor.UserId is not { } userId)
        {
            return Task.FromResult<IReadOnlyDictionary<Guid, OrganizationRole>>(new Dictionary<Guid, OrganizationRole>());
        }
        lock (_gate)
        {
            // The first caller's token cancels the shared load; a cancelled request fails as a whole anyway.
            return _memberships ??= LoadAsync(userId, cancellationToken);
        }
    }

    /// <summary>The caller's role in the organization; null when they have none.</summary>
    public async Task<OrganizationRole?> RoleInAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        var memberships = await MembershipsAsync(cancellationToken).ConfigureAwait(false);
        return memberships.TryGetValue(organizationId, out var role) ? role : null;
    }

    /// <summary>Drafts, team, stats and other non-public data of the organization.</summary>
    public async Task<bool> CanViewPrivateAsync(Guid organizationId, CancellationToken cancellationToken) =>
        Actor.ApiKey is { } key
            ? key.OrganizationId == organizationId
            : await RoleInAsync(organizationId, cancellationToken).ConfigureAwait(false) is { } role && OrganizationPermissions.CanViewPrivate(role);

    /// <summary>
    /// The orders and attendees of the organization's events (buyers' names and emails): managers and owners, and the
    /// organization's API keys; not door staff, who see tickets only through scans.
    /// </summary>
    public async Task<bool> CanViewSalesAsync(Guid organizationId, CancellationToken cancellationToken) =>
        Actor.ApiKey is { } key
            ? key.OrganizationId == organizationId
            : await RoleInAsync(organizationId, cancellationToken).ConfigureAwait(false) is { } role && OrganizationPermissions.CanViewSales(role);

    /// <summary>Create and edit venues, events, ticket types, quotas and promo codes.</summary>
    public async Task<bool> CanManageEventsAsync(Guid organizationId, CancellationToken cancellationToken) =>
        Actor.ApiKey is { } key
            ? key.OrganizationId == organizationId && key.Scope == ApiKeyScope.ReadWrite
            : await RoleInAsync(organizationId, cancellationToken).ConfigureAwait(false) is { } role && OrganizationPermissions.CanManageEvents(role);

    /// <summary>Scan tickets at the door of the organization's events.</summary>
    public async Task<bool> CanCheckInAsync(Guid organizationId, CancellationToken cancellationToken) =>
        Actor.ApiKey is { } key
            ? key.OrganizationId == organizationId && key.Scope == ApiKeyScope.ReadWrite
            : await RoleInAsync(organizationId, cancellationToken).ConfigureAwait(false) is { } role && OrganizationPermissions.CanCheckIn(role);

    /// <summary>Invite members with <paramref name="role"/>; users only (an API key never manages the team).</summary>
    public async Task<bool> CanInviteAsync(Guid organizationId, OrganizationRole role, CancellationToken cancellationToken) =>
        await RoleInAsync(organizationId, cancellationToken).ConfigureAwait(false) is { } mine && OrganizationPermissions.CanInvite(mine, role);

    /// <summary>Create and revoke API keys; owners only.</summary>
    public async Task<bool> CanManageApiKeysAsync(Guid organizationId, CancellationToken cancellationToken) =>
        await RoleInAsync(organizationId, cancellationToken).ConfigureAwait(false) is { } role && OrganizationPermissions.CanManageApiKeys(role);

    private async Task<IReadOnlyDictionary<Guid, OrganizationRole>> LoadAsync(Guid userId, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.OrganizationMembers
            .AsNoTracking()
            .Where(m => m.UserId == userId && m.Status == MembershipStatus.Active)
            .ToDictionaryAsync(m => m.OrganizationId, m => m.Role, cancellationToken)
            .ConfigureAwait(false);
    }
}
