using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Tickr.Data;
using Tickr.Domain.Ordering;

namespace Tickr.Graph.Live;

/// <summary>
/// The last hour's paid orders per minute for live sales messages, cheap enough to read on every flush of a flash
/// sale. A minute's figures stop changing once it is over (an order's <c>paidAt</c> is set when it is paid, and a
/// refund keeps it counted), so the older minutes are read once per minute and event and kept in memory; each flush
/// only aggregates, in the database, the current minute and the one before (which a payment committed just after the
/// minute turned may still join). In a sale of 10,000 orders an hour a flush thus reads two aggregate rows, not
/// 10,000 orders.
/// </summary>
internal static class LastHourSales
{
    public const int Minutes = 60;

    /// <summary>Minutes still read from the database on every flush: the current one and the one before.</summary>
    private const int LiveMinutes = 2;

    /// <summary>Beyond this many events, entries of past windows are dropped.</summary>
    private const int PruneAbove = 1_000;

    private static readonly ConcurrentDictionary<Guid, Settled> Cache = new();

    /// <summary>The settled minutes of a window: <see cref="Start"/> and the <c>Minutes - LiveMinutes</c> minutes after.</summary>
    private sealed record Settled(DateTimeOffset Start, MinuteSalesCount[] Minutes);

    public static async Task<Dictionary<Guid, IReadOnlyList<MinuteSalesCount>>> ReadAsync(
        TickrDbContext db, IReadOnlyCollection<Guid> eventIds, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var start = LiveUpdates.FirstMinute(at, Minutes);
        var result = new Dictionary<Guid, IReadOnlyList<MinuteSalesCount>>();
        var cached = new Dictionary<Guid, Settled>();
        var missing = new List<Guid>();
        foreach (var id in eventIds)
        {
            if (Cache.TryGetValue(id, out var settled) && settled.Start == start)
            {
                cached[id] = settled;
            }
            else
            {
                missing.Add(id);
            }
        }
        if (missing.Count > 0)
        {
            // A new window (first read, or the minute turned): the whole hour once, the settled part kept.
            var full = await LiveUpdates.ReadOrdersPerMinuteAsync(db, missing, at, Minutes, cancellationToken);
            foreach (var (id, minutes) in full)
            {
                result[id] = minutes;
                Cache[id] = new Settled(start, [.. minutes.Take(Minutes - LiveMinutes)]);
            }
            Prune(start);
        }
        if (cached.Count > 0)
        {
            var live = await ReadLiveAsync(db, cached.Keys, start.AddMinutes(Minutes - LiveMinutes), cancellationToken);
            foreach (var (id, settled) in cached)
            {
                result[id] = [.. settled.Minutes, .. live[id]];
            }
        }
        return result;
    }

    /// <summary>The <see cref="LiveMinutes"/> minutes from <paramref name="from"/>, aggregated in the database (two queries).</summary>
    private static async Task<Dictionary<Guid, MinuteSalesCount[]>> ReadLiveAsync(
        TickrDbContext db, IReadOnlyCollection<Guid> eventIds, DateTimeOffset from, CancellationToken cancellationToken)
    {
        var current = from.AddMinutes(1);
        var end = from.AddMinutes(LiveMinutes);
        var paid = new[] { OrderStatus.Paid, OrderStatus.Refunded };
        var orders = db.Orders.AsNoTracking()
            .Where(o => eventIds.Contains(o.EventId) && o.PaidAt >= from && o.PaidAt < end && paid.Contains(o.Status));
        var totals = await orders
            .GroupBy(o => new { o.EventId, Current = o.PaidAt >= current })
            .Select(g => new { g.Key.EventId, g.Key.Current, Orders = g.Count(), Gross = g.Sum(o => o.TotalMinorUnits) })
            .ToListAsync(cancellationToken);
        var tickets = await (
                from o in orders
                join l in db.OrderLines on o.Id equals l.OrderId
                select new { o.EventId, Current = o.PaidAt >= current, l.Quantity })
            .GroupBy(x => new { x.EventId, x.Current })
            .Select(g => new { g.Key.EventId, g.Key.Current, Tickets = g.Sum(x => x.Quantity) })
            .ToListAsync(cancellationToken);
        return eventIds.ToDictionary(id => id, id => new[] { false, true }.Select((isCurrent, i) =>
        {
            var t = totals.Find(x => x.EventId == id && x.Current == isCurrent);
            var n = tickets.Find(x => x.EventId == id && x.Current == isCurrent);
            return new MinuteSalesCount(from.AddMinutes(i), t?.Orders ?? 0, n?.Tickets ?? 0, t?.Gross ?? 0);
        }).ToArray());
    }

    private static void Prune(DateTimeOffset start)
    {
        if (Cache.Count <= PruneAbove)
        {
            return;
        }
        foreach (var (id, settled) in Cache)
        {
            if (settled.Start < start)
            {
                Cache.TryRemove(new KeyValuePair<Guid, Settled>(id, settled));
            }
        }
    }
}
