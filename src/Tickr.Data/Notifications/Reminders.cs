using Microsoft.EntityFrameworkCore;
using Tickr.Data.Ordering;
using Tickr.Domain.Catalog;
using Tickr.Domain.Ordering;

namespace Tickr.Data.Notifications;

/// <summary>
/// The reminder before an event: one <see cref="OrderBook.ReminderEmail"/> message per paid order, queued once
/// (deduplication key <c>reminder:{orderId}</c>) when the event starts within the lead time and has not started.
/// </summary>
public static class Reminders
{
    /// <summary>The deduplication key of an order's reminder.</summary>
    public static string Key(Guid orderId) => $"reminder:{orderId:D}";

    /// <summary>
    /// Queues the reminder of every paid order of a published event starting in (<paramref name="now"/>,
    /// <paramref name="now"/> + <paramref name="leadTime"/>] that has none yet; returns how many this call queued.
    /// Safe to run on several instances at once: each insert skips a key that exists, whoever wrote it.
    /// </summary>
    public static async Task<int> EnqueueDueAsync(TickrDbContext db, DateTimeOffset now, TimeSpan leadTime, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(leadTime, TimeSpan.Zero);
        now = now.ToUniversalTime();
        var horizon = now + leadTime;
        var orders = await (
                from o in db.Orders
                join e in db.Events on o.EventId equals e.Id
                where o.Status == OrderStatus.Paid && e.Status == EventStatus.Published && e.StartsAt > now && e.StartsAt <= horizon
                select o.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        if (orders.Count == 0)
        {
            return 0;
        }
        // Most runs find the reminders already queued: one query skips them instead of one insert each.
        var keys = orders.Select(Key).ToList();
        var queued = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.DeduplicationKey != null && keys.Contains(m.DeduplicationKey))
            .Select(m => m.DeduplicationKey!)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var known = queued.ToHashSet(StringComparer.Ordinal);
        var added = 0;
        foreach (var orderId in orders)
        {
            if (!known.Contains(Key(orderId))
                && await OutboxStore.TryEnqueueAsync(db, now, OrderBook.ReminderEmail, new { OrderId = orderId }, Key(orderId), cancellationToken).ConfigureAwait(false))
            {
                added++;
            }
        }
        return added;
    }
}
