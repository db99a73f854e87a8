using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Tickr.Domain.Catalog;

namespace Tickr.Data.Ordering;

/// <summary>
/// The events as a reservation needs them (<see cref="OrderBook.LoadEventForSaleAsync"/>: the event, its ticket types,
/// quotas and promo codes — prices, sales windows, limits, access codes), kept in memory so that a flash sale does not
/// read them on every reservation. An entry is dropped:
/// <list type="bullet">
/// <item>at once, on this server instance, when a SaveChanges of any context of this process adds, changes or deletes
/// the event, one of its ticket types, quotas or promo codes (or which types they cover) — see
/// <see cref="CatalogChanges"/>; a reservation right after <c>updateTicketType</c> uses the new price;</item>
/// <item>after <c>maxAge</c> (default 1 s), whatever happened: the bound on how stale another instance's edit (or a
/// change made outside EF, or one committed by a caller's own transaction after the save) can be here.</item>
/// </list>
/// What a reservation must never get wrong does not come from here: remaining tickets, promo-code uses and per-buyer
/// allowances are checked by the reservation's own SQL. The cached <see cref="Event"/> is shared by concurrent requests:
/// it must be treated as read-only. Concurrent misses of one event share one load.
/// </summary>
public sealed class SaleRulesCache(IDbContextFactory<TickrDbContext> contexts, TimeProvider time, TimeSpan maxAge)
{
    /// <summary>The default staleness bound.</summary>
    public static readonly TimeSpan DefaultMaxAge = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<Guid, Entry> _entries = new();

    private sealed record Entry(long Version, long LoadedAt, Lazy<Task<Event?>> Load);

    /// <summary>The event with its sale rules, or null when there is no such event.</summary>
    public async Task<Event?> GetAsync(Guid eventId, CancellationToken cancellationToken)
    {
        if (maxAge <= TimeSpan.Zero)
        {
            return await LoadAsync(eventId, cancellationToken).ConfigureAwait(false);
        }
        // The version is read before loading: an edit saved while the load runs makes the entry stale at once.
        var version = CatalogChanges.VersionOf(eventId);
        var candidate = new Entry(version, time.GetTimestamp(), new Lazy<Task<Event?>>(() => LoadAsync(eventId, CancellationToken.None)));
        var entry = _entries.AddOrUpdate(eventId, candidate, (_, old) => IsFresh(old, version) ? old : candidate);
        try
        {
            return await entry.Load.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch when (entry.Load.Value.IsFaulted || entry.Load.Value.IsCanceled)
        {
            _entries.TryRemove(new KeyValuePair<Guid, Entry>(eventId, entry));
            throw;
        }
    }

    private bool IsFresh(Entry entry, long version) =>
        entry.Version == version && time.GetElapsedTime(entry.LoadedAt) < maxAge;

    private async Task<Event?> LoadAsync(Guid eventId, CancellationToken cancellationToken)
    {
        var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            return await OrderBook.LoadEventForSaleAsync(db, eventId, cancellationToken).ConfigureAwait(false);
        }
    }
}

/// <summary>
/// Which events' sale rules changed in this process: a counter per event (and one for all), bumped by
/// <see cref="TickrDbContext.SaveChangesAsync(bool, CancellationToken)"/> before and after it writes an event, a ticket
/// type, a quota, a promo code or their covered types. <see cref="SaleRulesCache"/> compares them.
/// </summary>
internal static class CatalogChanges
{
    private static readonly ConcurrentDictionary<Guid, long> PerEvent = new();
    private static long _all;

    /// <summary>Changes whenever the event's sale rules (or an unattributed catalog change) were saved.</summary>
    public static long VersionOf(Guid eventId) => Volatile.Read(ref _all) + PerEvent.GetValueOrDefault(eventId);

    /// <summary>The events a unit of work changes (null: some change that could not be attributed to one event).</summary>
    public static HashSet<Guid?>? Collect(ChangeTracker tracker)
    {
        HashSet<Guid?>? events = null;
        foreach (var entry in tracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }
            Guid? eventId = entry.Entity switch
            {
                Event e => e.Id,
                TicketType t => t.EventId,
                Quota q => q.EventId,
                PromoCode p => p.EventId,
                QuotaTicketType x => tracker.Entries<Quota>().FirstOrDefault(q => q.Entity.Id == x.QuotaId)?.Entity.EventId,
                PromoCodeTicketType x => tracker.Entries<PromoCode>().FirstOrDefault(p => p.Entity.Id == x.PromoCodeId)?.Entity.EventId,
                _ => Guid.Empty,
            };
            if (eventId == Guid.Empty)
            {
                continue;
            }
            (events ??= []).Add(eventId);
        }
        return events;
    }

    public static void Bump(HashSet<Guid?>? events)
    {
        if (events is null)
        {
            return;
        }
        foreach (var eventId in events)
        {
            if (eventId is { } id)
            {
                PerEvent.AddOrUpdate(id, 1, (_, v) => v + 1);
            }
            else
            {
                Interlocked.Increment(ref _all);
            }
        }
    }
}
