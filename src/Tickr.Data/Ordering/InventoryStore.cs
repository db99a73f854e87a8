using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Tickr.Domain.Catalog;
using Tickr.Domain.Common;
using Tickr.Domain.Ordering;

namespace Tickr.Data.Ordering;

/// <summary>What a pool (ticket type or quota) has: capacity, sold and held, summed over its buckets.</summary>
public readonly record struct PoolCounts(int Capacity, int Sold, int Held)
{
    public int Remaining => Math.Max(0, Capacity - Sold - Held);
}

/// <summary>
/// The inventory: each ticket type and each quota is a pool whose capacity is split over a few
/// <see cref="InventoryBucket"/> rows. A reservation takes its tickets from one bucket picked at random with a
/// conditional update (<c>… WHERE capacity - held - sold &gt;= n</c>), so concurrent buyers rarely touch the same row;
/// only when that bucket cannot serve the whole quantity does it read the pool and gather from several buckets. Every
/// bucket carries a CHECK constraint, so no code path can oversell. On PostgreSQL the fast path skips buckets other
/// buyers have locked instead of waiting for them, and the slow path locks the pool in bucket order, so concurrent
/// takers never deadlock (<see cref="PostgresInventory"/>); SQLite, one writer at a time, runs plain conditional updates.
/// All methods run inside the caller's transaction.
/// </summary>
public static class InventoryStore
{
    /// <summary>At most this many buckets per pool.</summary>
    public const int MaxBuckets = 16;

    /// <summary>A bucket is worth having from this many tickets on: smaller pools would fragment.</summary>
    public const int TicketsPerBucket = 50;

    // Bucket count per pool, learnt when buckets are created or read; counts only grow, so a stale value just means a
    // bucket is not picked by the fast path (the slow path sees every bucket).
    private static readonly ConcurrentDictionary<Guid, int> BucketCounts = new();

    /// <summary>How many buckets a pool of <paramref name="capacity"/> gets.</summary>
    public static int BucketCountFor(int capacity) => Math.Clamp(capacity / TicketsPerBucket, 1, MaxBuckets);

    /// <summary>Capacity, sold and held of each pool (pools without buckets are left out).</summary>
    public static async Task<Dictionary<Guid, PoolCounts>> ReadAsync(TickrDbContext db, IReadOnlyCollection<Guid> poolIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.InventoryBuckets.AsNoTracking()
            .Where(b => poolIds.Contains(b.PoolId))
            .GroupBy(b => b.PoolId)
            .Select(g => new { PoolId = g.Key, Capacity = g.Sum(b => b.Capacity), Sold = g.Sum(b => b.Sold), Held = g.Sum(b => b.Held) })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.ToDictionary(r => r.PoolId, r => new PoolCounts(r.Capacity, r.Sold, r.Held));
    }

    /// <summary>Loads sold and held into an event's ticket types and quotas, before a capacity edit.</summary>
    public static async Task HydrateAsync(TickrDbContext db, Event e, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(e);
        var pools = e.TicketTypes.Select(t => t.Id).Concat(e.Quotas.Select(q => q.Id)).ToList();
        var counts = await ReadAsync(db, pools, cancellationToken).ConfigureAwait(false);
        foreach (var t in e.TicketTypes)
        {
            var c = counts.GetValueOrDefault(t.Id);
            t.LoadInventory(c.Sold, c.Held);
        }
        foreach (var q in e.Quotas)
        {
            var c = counts.GetValueOrDefault(q.Id);
            q.LoadInventory(c.Sold, c.Held);
        }
    }

    /// <summary>
    /// The ticket types and quotas of a unit of work that are new or whose capacity changed: their buckets must follow
    /// (<see cref="PrepareBucketsAsync"/>, called by <see cref="TickrDbContext.SaveChangesAsync(bool, CancellationToken)"/>).
    /// </summary>
    internal static List<PoolCapacity> ChangedPools(Microsoft.EntityFrameworkCore.ChangeTracking.ChangeTracker tracker)
    {
        var pools = new List<PoolCapacity>();
        foreach (var entry in tracker.Entries())
        {
            var changed = entry.State == EntityState.Added
                || (entry.State == EntityState.Modified && entry.Metadata.FindProperty("Capacity") is { } p && entry.Property(p.Name).IsModified);
            if (!changed)
            {
                continue;
            }
            switch (entry.Entity)
            {
                case TicketType t:
                    pools.Add(new PoolCapacity(t.Id, t.EventId, t.Capacity, 0));
                    break;
                case Quota q:
                    // A quota created after sales started counts what its types sold or hold, so it never sells them twice.
                    pools.Add(new PoolCapacity(q.Id, q.EventId, q.Capacity, entry.State == EntityState.Added ? q.Sold + q.Held : 0));
                    break;
            }
        }
        return pools;
    }

    /// <summary>
    /// Makes each pool's buckets add up to its capacity: creates the buckets of a new ticket type or quota, and spreads
    /// a capacity change over them (never below what a bucket has sold or held; a pool that cannot shrink that far is
    /// refused with <see cref="DomainErrorCode.CapacityBelowSold"/>). Only stages the bucket rows in the context: the
    /// caller's SaveChanges writes them with the ticket types and quotas, in one transaction; sales that happen between
    /// the read and the write are caught by the buckets' CHECK constraint.
    /// </summary>
    internal static async Task PrepareBucketsAsync(TickrDbContext db, IReadOnlyList<PoolCapacity> pools, CancellationToken cancellationToken)
    {
        var ids = pools.Select(p => p.PoolId).ToList();
        var existing = await db.InventoryBuckets.Where(b => ids.Contains(b.PoolId)).ToListAsync(cancellationToken).ConfigureAwait(false);
        var byPool = existing.ToLookup(b => b.PoolId);
        foreach (var pool in pools)
        {
            var buckets = byPool[pool.PoolId].OrderBy(b => b.Bucket).ToList();
            if (buckets.Count == 0)
            {
                buckets = Enumerable.Range(0, BucketCountFor(pool.Capacity))
                    .Select(i => new InventoryBucket { PoolId = pool.PoolId, Bucket = (short)i, EventId = pool.EventId })
                    .ToList();
                buckets[0].Sold = Math.Min(pool.Baseline, pool.Capacity);
                db.InventoryBuckets.AddRange(buckets);
            }
            else if (buckets.Sum(b => b.Capacity) == pool.Capacity)
            {
                continue;
            }
            for (var i = buckets.Count; i < BucketCountFor(pool.Capacity); i++)
            {
                var added = new InventoryBucket { PoolId = pool.PoolId, Bucket = (short)i, EventId = pool.EventId };
                db.InventoryBuckets.Add(added);
                buckets.Add(added);
            }
            Spread(buckets, pool.Capacity);
            BucketCounts[pool.PoolId] = buckets.Count;
        }
    }

    private static void Spread(List<InventoryBucket> buckets, int capacity)
    {
        var used = buckets.Sum(b => b.Held + b.Sold);
        if (capacity < used)
        {
            throw new DomainException(DomainErrorCode.CapacityBelowSold,
                $"capacity {capacity} is below the {used} tickets already sold or held.", "capacity");
        }
        // Every bucket keeps what it sold or holds; the free capacity is shared evenly.
        var free = capacity - used;
        for (var i = 0; i < buckets.Count; i++)
        {
            var share = free / buckets.Count + (i < free % buckets.Count ? 1 : 0);
            buckets[i].Capacity = buckets[i].Held + buckets[i].Sold + share;
        }
    }

    /// <summary>
    /// Holds <paramref name="demands"/> (pool → quantity) for <paramref name="orderId"/>, or throws
    /// <see cref="OrderingErrorCode.SoldOut"/> when a pool has too few left; the caller's transaction then rolls back
    /// whatever was taken. Pools are taken in id order, so two orders never wait on each other in a cycle.
    /// With <paramref name="asSold"/> the tickets are counted sold at once (a late payment re-taking its tickets).
    /// The holds are returned, not recorded: the caller adds them to its unit of work.
    /// </summary>
    public static Task<List<OrderHold>> TakeAsync(
        TickrDbContext db,
        Guid orderId,
        IEnumerable<PoolDemand> demands,
        bool asSold,
        CancellationToken cancellationToken) =>
        TakeAsync(db, orderId, demands, asSold, record: false, cancellationToken);

    /// <summary>
    /// Holds a reservation's <paramref name="demands"/> like <see cref="TakeAsync(TickrDbContext, Guid, IEnumerable{PoolDemand}, bool, CancellationToken)"/>
    /// and records the holds (<c>order_holds</c>): on PostgreSQL in the same statement as the bucket's update (one
    /// round trip, then only the commit while the bucket is locked); on SQLite they are staged in the context for the
    /// caller's SaveChanges. The order row must be written first (same transaction).
    /// </summary>
    public static Task<List<OrderHold>> HoldAsync(TickrDbContext db, Guid orderId, IEnumerable<PoolDemand> demands, CancellationToken cancellationToken) =>
        TakeAsync(db, orderId, demands, asSold: false, record: true, cancellationToken);

    private static async Task<List<OrderHold>> TakeAsync(
        TickrDbContext db,
        Guid orderId,
        IEnumerable<PoolDemand> demands,
        bool asSold,
        bool record,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var holds = new List<OrderHold>();
        foreach (var demand in demands.OrderBy(d => d.PoolId))
        {
            if (db.Provider == DatabaseProvider.PostgreSql)
            {
                await PostgresInventory.TakeAsync(db, orderId, demand, asSold, record, holds, cancellationToken).ConfigureAwait(false);
                continue;
            }
            // SQLite: one writer at a time, so nothing is ever busy: a random bucket, else gather from several.
            var count = BucketCounts.GetValueOrDefault(demand.PoolId, MaxBuckets);
            var first = (short)Random.Shared.Next(count);
            if (await TryTakeAsync(db, demand.PoolId, first, demand.Quantity, asSold, cancellationToken).ConfigureAwait(false))
            {
                holds.Add(new OrderHold { OrderId = orderId, PoolId = demand.PoolId, Bucket = first, Quantity = demand.Quantity });
                continue;
            }
            await GatherAsync(db, orderId, demand, asSold, holds, cancellationToken).ConfigureAwait(false);
        }
        if (record && db.Provider != DatabaseProvider.PostgreSql)
        {
            db.OrderHolds.AddRange(holds);
        }
        return holds;
    }

    /// <summary>How many buckets <paramref name="poolId"/> is known to have (<see cref="MaxBuckets"/> when not known yet).</summary>
    internal static int KnownBucketCount(Guid poolId) => BucketCounts.GetValueOrDefault(poolId, MaxBuckets);

    internal static void LearnBucketCount(Guid poolId, int count) => BucketCounts[poolId] = count;

    // The slow path on SQLite: the chosen bucket had too few; take what each bucket has left, in bucket order.
    private static async Task GatherAsync(TickrDbContext db, Guid orderId, PoolDemand demand, bool asSold, List<OrderHold> holds, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var free = await db.InventoryBuckets.AsNoTracking()
                .Where(b => b.PoolId == demand.PoolId)
                .OrderBy(b => b.Bucket)
                .Select(b => new { b.Bucket, Free = b.Capacity - b.Held - b.Sold })
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            if (free.Count > 0)
            {
                BucketCounts[demand.PoolId] = free.Count;
            }
            var needed = demand.Quantity - holds.Where(h => h.PoolId == demand.PoolId).Sum(h => h.Quantity);
            var available = free.Sum(b => Math.Max(0, b.Free));
            if (available < needed)
            {
                throw SoldOut(demand, available);
            }
            foreach (var bucket in free.Where(b => b.Free > 0))
            {
                var take = Math.Min(bucket.Free, needed);
                if (await TryTakeAsync(db, demand.PoolId, bucket.Bucket, take, asSold, cancellationToken).ConfigureAwait(false))
                {
                    Add(holds, orderId, demand.PoolId, bucket.Bucket, take);
                    needed -= take;
                    if (needed == 0)
                    {
                        return;
                    }
                }
            }
            // Other buyers took some of it between the read and the updates: read again (what this order took stays).
        }
        var left = await db.InventoryBuckets.AsNoTracking().Where(b => b.PoolId == demand.PoolId)
            .SumAsync(b => b.Capacity - b.Held - b.Sold, cancellationToken).ConfigureAwait(false);
        throw SoldOut(demand, left);
    }

    private static void Add(List<OrderHold> holds, Guid orderId, Guid poolId, short bucket, int quantity)
    {
        var existing = holds.Find(h => h.PoolId == poolId && h.Bucket == bucket);
        if (existing is null)
        {
            holds.Add(new OrderHold { OrderId = orderId, PoolId = poolId, Bucket = bucket, Quantity = quantity });
        }
        else
        {
            existing.Quantity += quantity;
        }
    }

    private static async Task<bool> TryTakeAsync(TickrDbContext db, Guid poolId, short bucket, int quantity, bool asSold, CancellationToken cancellationToken)
    {
        var rows = db.InventoryBuckets.Where(b => b.PoolId == poolId && b.Bucket == bucket && b.Capacity - b.Held - b.Sold >= quantity);
        var updated = asSold
            ? await rows.ExecuteUpdateAsync(s => s.SetProperty(b => b.Sold, b => b.Sold + quantity), cancellationToken).ConfigureAwait(false)
            : await rows.ExecuteUpdateAsync(s => s.SetProperty(b => b.Held, b => b.Held + quantity), cancellationToken).ConfigureAwait(false);
        return updated == 1;
    }

    internal static OrderingException SoldOut(PoolDemand demand, int available) =>
        new(OrderingErrorCode.SoldOut, available == 0
            ? "Sold out."
            : $"Only {available} left; {demand.Quantity} asked.")
        {
            TicketTypeId = demand.TicketTypeId,
            Remaining = Math.Max(0, available),
        };

    /// <summary>Gives an order's held tickets back (cancelled or expired before payment).</summary>
    public static Task ReleaseHeldAsync(TickrDbContext db, IEnumerable<OrderHold> holds, CancellationToken cancellationToken) =>
        ForEachAsync(holds, h => db.InventoryBuckets.Where(b => b.PoolId == h.PoolId && b.Bucket == h.Bucket)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.Held, b => b.Held - h.Quantity), cancellationToken));

    /// <summary>Turns an order's held tickets into sold ones (payment confirmed): the same buckets, so it cannot fail.</summary>
    public static Task SettleAsync(TickrDbContext db, IEnumerable<OrderHold> holds, CancellationToken cancellationToken) =>
        ForEachAsync(holds, h => db.InventoryBuckets.Where(b => b.PoolId == h.PoolId && b.Bucket == h.Bucket)
            .ExecuteUpdateAsync(s => s
                .SetProperty(b => b.Held, b => b.Held - h.Quantity)
                .SetProperty(b => b.Sold, b => b.Sold + h.Quantity), cancellationToken));

    /// <summary>Puts sold tickets back on sale (a refund whose policy restocks).</summary>
    public static Task RestockAsync(TickrDbContext db, IEnumerable<OrderHold> holds, CancellationToken cancellationToken) =>
        ForEachAsync(holds, h => db.InventoryBuckets.Where(b => b.PoolId == h.PoolId && b.Bucket == h.Bucket)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.Sold, b => b.Sold - h.Quantity), cancellationToken));

    private static async Task ForEachAsync(IEnumerable<OrderHold> holds, Func<OrderHold, Task<int>> update)
    {
        // Bucket order, like TakeAsync: concurrent settlements never wait on each other in a cycle.
        foreach (var hold in holds.OrderBy(h => h.PoolId).ThenBy(h => h.Bucket))
        {
            await update(hold).ConfigureAwait(false);
        }
    }
}

/// <summary>A pool whose buckets must add up to <paramref name="Capacity"/>; <paramref name="Baseline"/> counts as sold in a new pool.</summary>
internal readonly record struct PoolCapacity(Guid PoolId, Guid EventId, int Capacity, int Baseline);

/// <summary>How many tickets an order needs from one pool, and the ticket type it is for (for SoldOut errors).</summary>
public readonly record struct PoolDemand(Guid PoolId, int Quantity, Guid TicketTypeId);
