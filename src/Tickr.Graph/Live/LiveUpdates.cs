using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Tickr.Data;
using Tickr.Data.Ordering;
using Tickr.Domain.Ordering;
using Tickr.Domain.Ticketing;
using Tickr.GraphQL.AspNetCore.Subscriptions;

namespace Tickr.Graph.Live;

/// <summary>
/// Publishes live counts on the bus after changes commit. Inventory, check-in and sales changes are coalesced: a
/// burst of 1,000 reservations on one event within a few milliseconds becomes one snapshot read and one message per
/// instance, not 1,000 (subscribers want the latest counts, not every step). Order status changes are published at
/// once, one message per change. Runs as a hosted service; <see cref="FlushAsync"/> lets tests publish synchronously.
/// </summary>
public sealed class LiveUpdates(
    IDbContextFactory<TickrDbContext> contexts,
    ITopicEventSender sender,
    TimeProvider clock,
    IServiceProvider services,
    ILogger<LiveUpdates> log) : BackgroundService
{
    /// <summary>How long changes are gathered before one snapshot is published.</summary>
    public static readonly TimeSpan CoalesceWindow = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// The shortest time between two check-in snapshots read by the background loop: at the door an event sees
    /// thousands of admissions a second, and each snapshot counts the event's tickets and admissions (milliseconds of
    /// database time on a 10,000-ticket event; bench/checkin/RESULTS.md), so they are read at most four times a second.
    /// The first admission after a quiet moment is still published after <see cref="CoalesceWindow"/>.
    /// </summary>
    public static readonly TimeSpan CheckInsInterval = TimeSpan.FromMilliseconds(250);

    private long _lastCheckInsRead = long.MinValue / 2;

    private readonly ConcurrentDictionary<Guid, byte> _inventory = new();
    private readonly ConcurrentDictionary<Guid, byte> _checkIns = new();
    private readonly ConcurrentDictionary<Guid, byte> _sales = new();
    private readonly SemaphoreSlim _signal = new(0);
    private int _signalled;

    public void InventoryChanged(Guid eventId) => Mark(_inventory, eventId);

    public void CheckInsChanged(Guid eventId) => Mark(_checkIns, eventId);

    public void SalesChanged(Guid eventId) => Mark(_sales, eventId);

    /// <summary>Inventory and sales of the order's event changed, and the order's status.</summary>
    public async Task OrderChangedAsync(Order order, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        // A paid or refunded order queued an email in its transaction: deliver it now rather than at the next poll. A
        // reservation queues nothing (a free one is PAID already): waking the dispatcher for it would only add a poll
        // per reservation during a flash sale.
        if (order.Status != OrderStatus.Reserved)
        {
            services.GetService<Notifications.OutboxDispatcher>()?.Nudge();
        }
        InventoryChanged(order.EventId);
        SalesChanged(order.EventId);
        try
        {
            await sender.PublishAsync(LiveTopics.Order(order.Id),
                new OrderStatusMessage(order.Id, order.BuyerId, order.Status.ToString().ToUpperInvariant(), clock.GetUtcNow()), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The change is committed; a lost live message only delays a screen (it refreshes on the next one).
            log.LogWarning(e, "Could not publish the status of order {OrderId}.", order.Id);
        }
    }

    private void Mark(ConcurrentDictionary<Guid, byte> pending, Guid eventId)
    {
        pending.TryAdd(eventId, 0);
        if (Interlocked.Exchange(ref _signalled, 1) == 0)
        {
            _signal.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await _signal.WaitAsync(stoppingToken);
            await Task.Delay(CoalesceWindow, clock, stoppingToken);
            Volatile.Write(ref _signalled, 0);
            try
            {
                var now = clock.GetTimestamp();
                var checkInsDue = clock.GetElapsedTime(_lastCheckInsRead, now) >= CheckInsInterval;
                if (checkInsDue && !_checkIns.IsEmpty)
                {
                    _lastCheckInsRead = now;
                }
                await FlushCoreAsync(checkInsDue, stoppingToken);
                if (!checkInsDue && !_checkIns.IsEmpty && Interlocked.Exchange(ref _signalled, 1) == 0)
                {
                    // Check-ins wait for their interval: come back for them even if nothing else changes meanwhile.
                    _signal.Release();
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Publishing live counts failed; the next change publishes them again.");
            }
        }
    }

    /// <summary>Reads and publishes the snapshots of every event changed since the last flush.</summary>
    public Task FlushAsync(CancellationToken cancellationToken = default) => FlushCoreAsync(true, cancellationToken);

    private async Task FlushCoreAsync(bool includeCheckIns, CancellationToken cancellationToken)
    {
        var inventory = Drain(_inventory);
        var checkIns = includeCheckIns ? Drain(_checkIns) : [];
        var sales = Drain(_sales);
        if (inventory.Count + checkIns.Count + sales.Count == 0)
        {
            return;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        foreach (var snapshot in await ReadInventoryAsync(db, inventory, clock.GetUtcNow(), cancellationToken))
        {
            await sender.PublishAsync(LiveTopics.Inventory(snapshot.EventId), snapshot, cancellationToken);
        }
        foreach (var snapshot in await ReadCheckInsAsync(db, checkIns, clock.GetUtcNow(), cancellationToken, gates: true))
        {
            await sender.PublishAsync(LiveTopics.CheckIns(snapshot.EventId), snapshot, cancellationToken);
        }
        foreach (var snapshot in await ReadSalesAsync(db, sales, clock.GetUtcNow(), cancellationToken))
        {
            await sender.PublishAsync(LiveTopics.Sales(snapshot.EventId), snapshot, cancellationToken);
        }
    }

    private static List<Guid> Drain(ConcurrentDictionary<Guid, byte> pending)
    {
        var ids = new List<Guid>();
        foreach (var id in pending.Keys)
        {
            if (pending.TryRemove(id, out _))
            {
                ids.Add(id);
            }
        }
        return ids;
    }

    /// <summary>Every ticket type's counts for each event (remaining limited by the type's quotas).</summary>
    public static async Task<List<InventorySnapshot>> ReadInventoryAsync(TickrDbContext db, IReadOnlyCollection<Guid> eventIds, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (eventIds.Count == 0)
        {
            return [];
        }
        var types = await db.TicketTypes.AsNoTracking().Where(t => eventIds.Contains(t.EventId))
            .OrderBy(t => t.Position).ThenBy(t => t.Id)
            .Select(t => new { t.Id, t.EventId })
            .ToListAsync(cancellationToken);
        var quotas = await db.Quotas.AsNoTracking().Include(q => q.TicketTypes).Where(q => eventIds.Contains(q.EventId)).ToListAsync(cancellationToken);
        var counts = await InventoryStore.ReadAsync(db, [.. types.Select(t => t.Id), .. quotas.Select(q => q.Id)], cancellationToken);
        return eventIds.Select(eventId => new InventorySnapshot(eventId, at, types.Where(t => t.EventId == eventId).Select(t =>
        {
            var c = counts.GetValueOrDefault(t.Id);
            var remaining = quotas.Where(q => q.Covers(t.Id))
                .Select(q => counts.GetValueOrDefault(q.Id).Remaining)
                .Aggregate(c.Remaining, Math.Min);
            return new TicketTypeInventory(t.Id, c.Capacity, c.Sold, c.Held, remaining);
        }).ToList())).ToList();
    }

    /// <summary>Checked in / admissible tickets per check-in list of each event, and with <paramref name="gates"/> per gate.</summary>
    public static async Task<List<CheckInSnapshot>> ReadCheckInsAsync(TickrDbContext db, IReadOnlyCollection<Guid> eventIds, DateTimeOffset at, CancellationToken cancellationToken, bool gates = false)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (eventIds.Count == 0)
        {
            return [];
        }
        var lists = await db.CheckInLists.AsNoTracking().Include(l => l.TicketTypes).Where(l => eventIds.Contains(l.EventId))
            .OrderBy(l => l.CreatedAt).ToListAsync(cancellationToken);
        var checkedIn = await db.CheckIns.AsNoTracking().Where(c => eventIds.Contains(c.EventId))
            .GroupBy(c => c.CheckInListId).Select(g => new { ListId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.ListId, x => x.Count, cancellationToken);
        var valid = await db.Tickets.AsNoTracking().Where(t => eventIds.Contains(t.EventId) && t.Status == TicketStatus.Valid)
            .GroupBy(t => new { t.EventId, t.TicketTypeId }).Select(g => new { g.Key.EventId, g.Key.TicketTypeId, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var byGate = gates ? await ReadGatesAsync(db, eventIds, at, cancellationToken) : null;
        return eventIds.Select(eventId => new CheckInSnapshot(eventId, at, lists.Where(l => l.EventId == eventId).Select(l =>
            new CheckInListCount(l.Id, l.Name, checkedIn.GetValueOrDefault(l.Id),
                valid.Where(v => v.EventId == eventId && l.Admits(v.TicketTypeId)).Sum(v => v.Count))).ToList(),
            byGate?.GetValueOrDefault(eventId) ?? (gates ? [] : null))).ToList();
    }

    /// <summary>How long <see cref="GateCount.LastFiveMinutes"/> looks back.</summary>
    public static readonly TimeSpan GateRateWindow = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Admissions per gate of each event (one query: grouped by event and device in the database, devices folded into
    /// their gates here; an event has a few dozen devices at most). Gates in name order, scans without a gate last.
    /// </summary>
    public static async Task<Dictionary<Guid, IReadOnlyList<GateCount>>> ReadGatesAsync(TickrDbContext db, IReadOnlyCollection<Guid> eventIds, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (eventIds.Count == 0)
        {
            return [];
        }
        var since = at - GateRateWindow;
        var devices = await db.CheckIns.AsNoTracking().Where(c => eventIds.Contains(c.EventId))
            .GroupBy(c => new { c.EventId, c.DeviceId })
            .Select(g => new
            {
                g.Key.EventId,
                g.Key.DeviceId,
                Count = g.Count(),
                Recent = g.Count(c => c.ScannedAt >= since && c.ScannedAt <= at),
                Last = g.Max(c => c.ScannedAt),
            })
            .ToListAsync(cancellationToken);
        return devices.GroupBy(d => d.EventId).ToDictionary(
            e => e.Key,
            e => (IReadOnlyList<GateCount>)e.GroupBy(d => Ticketing.Gates.Of(d.DeviceId))
                .Select(g => new GateCount(g.Key, g.Sum(d => d.Count), g.Sum(d => d.Recent), g.Max(d => d.Last)))
                .OrderBy(g => g.Gate is null).ThenBy(g => g.Gate, StringComparer.Ordinal)
                .ToList());
    }

    /// <summary>The minutes of a per-minute series: <paramref name="minutes"/> of them, the last one the minute of <paramref name="at"/> (UTC).</summary>
    public static DateTimeOffset FirstMinute(DateTimeOffset at, int minutes)
    {
        var utc = at.UtcTicks;
        return new DateTimeOffset(utc - utc % TimeSpan.TicksPerMinute, TimeSpan.Zero).AddMinutes(-(minutes - 1));
    }

    /// <summary>
    /// Orders paid per minute for each event over the <paramref name="minutes"/> minutes ending with the minute of
    /// <paramref name="at"/>, oldest first, empty minutes included (refunded orders count in the minute they were paid).
    /// One query, on the (event, paid_at) index: only the window's orders are read.
    /// </summary>
    public static async Task<Dictionary<Guid, IReadOnlyList<MinuteSalesCount>>> ReadOrdersPerMinuteAsync(
        TickrDbContext db, IReadOnlyCollection<Guid> eventIds, DateTimeOffset at, int minutes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentOutOfRangeException.ThrowIfLessThan(minutes, 1);
        if (eventIds.Count == 0)
        {
            return [];
        }
        var start = FirstMinute(at, minutes);
        var end = start.AddMinutes(minutes);
        var paid = new[] { OrderStatus.Paid, OrderStatus.Refunded };
        var rows = await db.Orders.AsNoTracking()
            .Where(o => eventIds.Contains(o.EventId) && o.PaidAt >= start && o.PaidAt < end && paid.Contains(o.Status))
            .Select(o => new { o.EventId, o.PaidAt, o.TotalMinorUnits, Tickets = o.Lines.Sum(l => l.Quantity) })
            .ToListAsync(cancellationToken);
        var result = new Dictionary<Guid, IReadOnlyList<MinuteSalesCount>>();
        foreach (var eventId in eventIds)
        {
            var orders = new int[minutes];
            var tickets = new int[minutes];
            var gross = new long[minutes];
            foreach (var row in rows.Where(r => r.EventId == eventId))
            {
                var i = (int)((row.PaidAt!.Value.UtcTicks - start.UtcTicks) / TimeSpan.TicksPerMinute);
                orders[i]++;
                tickets[i] += row.Tickets;
                gross[i] += row.TotalMinorUnits;
            }
            result[eventId] = Enumerable.Range(0, minutes).Select(i => new MinuteSalesCount(start.AddMinutes(i), orders[i], tickets[i], gross[i])).ToList();
        }
        return result;
    }

    /// <summary>Tickets sold and money of each event.</summary>
    public static async Task<List<SalesSnapshot>> ReadSalesAsync(TickrDbContext db, IReadOnlyCollection<Guid> eventIds, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (eventIds.Count == 0)
        {
            return [];
        }
        var paid = new[] { OrderStatus.Paid, OrderStatus.Refunded };
        var totals = await db.Orders.AsNoTracking().Where(o => eventIds.Contains(o.EventId) && paid.Contains(o.Status))
            .GroupBy(o => o.EventId)
            .Select(g => new
            {
                EventId = g.Key,
                Gross = g.Sum(o => o.TotalMinorUnits),
                Commission = g.Sum(o => o.CommissionMinorUnits),
                Refunded = g.Sum(o => o.RefundedMinorUnits),
                Orders = g.Count(),
            })
            .ToListAsync(cancellationToken);
        var tickets = await db.Tickets.AsNoTracking().Where(t => eventIds.Contains(t.EventId) && t.Status == TicketStatus.Valid)
            .GroupBy(t => t.EventId).Select(g => new { EventId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.EventId, x => x.Count, cancellationToken);
        var currencies = await db.Events.AsNoTracking().Where(e => eventIds.Contains(e.Id)).Select(e => new { e.Id, e.Currency })
            .ToDictionaryAsync(x => x.Id, x => x.Currency.Code, cancellationToken);
        var lastHour = await LastHourSales.ReadAsync(db, eventIds, at, cancellationToken);
        return eventIds.Select(eventId =>
        {
            var t = totals.Find(x => x.EventId == eventId);
            return new SalesSnapshot(eventId, at, tickets.GetValueOrDefault(eventId), t?.Gross ?? 0, t?.Commission ?? 0, t?.Refunded ?? 0,
                currencies.GetValueOrDefault(eventId, "TND"), t?.Orders ?? 0, lastHour[eventId]);
        }).ToList();
    }

    public override void Dispose()
    {
        _signal.Dispose();
        base.Dispose();
    }
}
