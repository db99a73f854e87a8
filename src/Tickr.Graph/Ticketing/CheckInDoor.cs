using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Tickr.Data;
using Tickr.Data.Ticketing;
using Tickr.Domain.Identity;
using Tickr.Graph.Auth;

namespace Tickr.Graph.Ticketing;

/// <summary>
/// What every scan at a gate asks before touching its ticket — the list (its event, organization, name and admitted
/// types) and whether the caller may scan for that organization — remembered for <see cref="Lifetime"/>, so that a
/// scanner's stream of scans costs the ticket's own statements only (bench/checkin/RESULTS.md: two of the four
/// statements per scan were these reads).
/// <para>
/// Only what exists is remembered: an unknown list, or a user without a role in the organization, is read again on
/// every scan, so a list just created or a scanner just invited works at once. What may be stale, for at most
/// <see cref="Lifetime"/>: a list edited (its admitted types, its name) or deleted through another server instance
/// (this instance forgets a list as soon as it edits or deletes it, and a scan whose admission finds the list gone
/// answers as for an unknown list), and a role taken away on another instance (Tickr has no mutation that removes a
/// member or lowers a role yet). API keys carry their organization and scope in the request: nothing to remember.
/// </para>
/// </summary>
public sealed class CheckInDoor(IDbContextFactory<TickrDbContext> contexts, TimeProvider clock)
{
    /// <summary>How long a list or a caller's role is remembered.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    // Bounds the memory a flood of distinct lists or callers can take: past this, a map starts over.
    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<Guid, (CheckInGate Gate, long Expires)> _gates = new();
    private readonly ConcurrentDictionary<(Guid User, Guid Organization), (OrganizationRole Role, long Expires)> _roles = new();

    /// <summary>The list as <see cref="CheckInDesk.FindGateAsync"/> reads it (at most <see cref="Lifetime"/> old), or null when there is no such list.</summary>
    public async ValueTask<CheckInGate?> GateAsync(Guid listId, CancellationToken cancellationToken)
    {
        var now = clock.GetTimestamp();
        if (_gates.TryGetValue(listId, out var entry) && entry.Expires > now)
        {
            return entry.Gate;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var gate = await CheckInDesk.FindGateAsync(db, listId, cancellationToken).ConfigureAwait(false);
        if (gate is null)
        {
            _gates.TryRemove(listId, out _);
            return null;
        }
        Remember(_gates, listId, (gate, Expiry(now)));
        return gate;
    }

    /// <summary>Forgets a list (edited or deleted here, or found gone): the next scan reads it again.</summary>
    public void Forget(Guid listId) => _gates.TryRemove(listId, out _);

    /// <summary>
    /// Whether the caller sees the organization's private data (else the list is "not found" for them) and whether
    /// they may scan, with the rules of <see cref="Access.CanViewPrivateAsync"/> and <see cref="Access.CanCheckInAsync"/>;
    /// a user's role in the organization is remembered for <see cref="Lifetime"/> once found.
    /// </summary>
    public async ValueTask<(bool CanView, bool CanScan)> PermissionsAsync(Access access, Guid organizationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(access);
        if (access.Actor.ApiKey is not null || access.Actor.UserId is not { } userId)
        {
            return (await access.CanViewPrivateAsync(organizationId, cancellationToken).ConfigureAwait(false),
                await access.CanCheckInAsync(organizationId, cancellationToken).ConfigureAwait(false));
        }
        var now = clock.GetTimestamp();
        OrganizationRole role;
        if (_roles.TryGetValue((userId, organizationId), out var entry) && entry.Expires > now)
        {
            role = entry.Role;
        }
        else if (await access.RoleInAsync(organizationId, cancellationToken).ConfigureAwait(false) is { } found)
        {
            role = found;
            Remember(_roles, (userId, organizationId), (role, Expiry(now)));
        }
        else
        {
            _roles.TryRemove((userId, organizationId), out _);
            return (false, false);
        }
        return (OrganizationPermissions.CanViewPrivate(role), OrganizationPermissions.CanCheckIn(role));
    }

    private long Expiry(long now) => now + (long)(Lifetime.TotalSeconds * clock.TimestampFrequency);

    private static void Remember<TKey, TValue>(ConcurrentDictionary<TKey, TValue> map, TKey key, TValue value)
        where TKey : notnull
    {
        if (map.Count >= MaxEntries)
        {
            map.Clear();
        }
        map[key] = value;
    }
}
