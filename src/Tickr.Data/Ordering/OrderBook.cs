using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tickr.Data.Audit;
using Tickr.Data.Notifications;
using Tickr.Domain.Catalog;
using Tickr.Domain.Ordering;
using Tickr.Domain.Ticketing;

namespace Tickr.Data.Ordering;

/// <summary>The result of a reservation: the order, and whether it was an earlier one returned for a retried key.</summary>
public sealed record ReservationOutcome(Order Order, bool Replayed);

/// <summary>What confirming a payment did.</summary>
public enum ConfirmationOutcome
{
    /// <summary>The order is now paid and its tickets issued.</summary>
    Paid,

    /// <summary>It was already paid (a repeated notification): nothing changed.</summary>
    AlreadyPaid,

    /// <summary>Paid after its hold expired and the tickets were gone: it must be refunded.</summary>
    SoldOutAfterExpiry,

    /// <summary>Cancelled or refunded meanwhile: the money must be returned.</summary>
    NotPayable,
}

/// <summary>Who did an action and from where, for the audit log.</summary>
public sealed record AuditSource(Guid? ActorId, string? IpAddress)
{
    public static readonly AuditSource System = new(null, null);
}

/// <summary>
/// The use cases of selling that need one transaction and SQL-level atomicity: reserve (order, holds, promo use,
/// per-buyer allowance), confirm a payment (settle holds, issue tickets, queue the email), cancel, expire, record a
/// refund. Each writes its audit entry and its outbox messages in the same transaction as the change.
/// </summary>
public static class OrderBook
{
    public const string ConfirmationEmail = "email.order-confirmation";
    public const string RefundEmail = "email.refund";
    public const string ReminderEmail = "email.reminder";

    /// <summary>Loads what a reservation's rules need: the event, its ticket types, quotas and promo codes.</summary>
    public static Task<Event?> LoadEventForSaleAsync(TickrDbContext db, Guid eventId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Events.AsNoTracking()
            .Where(e => e.Id == eventId)
            .Include(e => e.TicketTypes)
            .Include(e => e.Quotas).ThenInclude(q => q.TicketTypes)
            .Include(e => e.PromoCodes).ThenInclude(p => p.TicketTypes)
            .AsSplitQuery()
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// Reserves: prices and checks the request (domain), then in one transaction inserts the order (claiming the
    /// idempotency key), counts the promo code's use and the buyer's allowance, and takes the holds. A retry with the
    /// same key returns the first order (also when the two requests race: the second waits on the key's unique index).
    /// A free order is confirmed in the same transaction.
    /// </summary>
    public static async Task<ReservationOutcome> ReserveAsync(
        TickrDbContext db,
        Event ev,
        ReservationRequest request,
        DateTimeOffset now,
        TimeSpan holdFor,
        AuditSource source,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(ev);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(source);
        var order = Order.Reserve(ev, request, now, holdFor);
        var demands = Demands(ev, order);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        // The order, its lines and the audit entry go first, in one batch; the buckets are taken last, so that a
        // bucket stays locked for one round trip and the commit (HoldAsync writes the holds with the bucket's update).
        db.Orders.Add(order);
        Audit(db, now, source, "order.reserved", ev.OrganizationId, ev.Id, order.Id,
            new { order.Number, Total = order.TotalMinorUnits, Currency = order.Currency.Code, Tickets = order.TicketCount });
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException e) when (request.IdempotencyKey is not null && DatabaseErrors.IsUniqueViolation(db, e, out _))
        {
            await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
            db.ChangeTracker.Clear();
            return await ReplayAsync(db, request, cancellationToken).ConfigureAwait(false);
        }
        if (order.PromoCodeId is { } promoId && order.DiscountedTicketCount > 0)
        {
            var uses = order.DiscountedTicketCount;
            var counted = await db.PromoCodes
                .Where(p => p.Id == promoId && (p.MaxUses == null || p.TimesUsed + uses <= p.MaxUses))
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.TimesUsed, p => p.TimesUsed + uses), cancellationToken).ConfigureAwait(false);
            if (counted == 0)
            {
                throw new OrderingException(OrderingErrorCode.InvalidPromoCode, "This promo code has been used up.");
            }
        }
        if (ev.MaxTicketsPerBuyer is { } max)
        {
            await TakeAllowanceAsync(db, ev.Id, order.BuyerId, order.TicketCount, max, cancellationToken).ConfigureAwait(false);
        }
        var holds = await InventoryStore.HoldAsync(db, order.Id, demands, cancellationToken).ConfigureAwait(false);
        if (order.IsFree)
        {
            await SettleAndIssueAsync(db, order, holds, now, cancellationToken).ConfigureAwait(false);
            Audit(db, now, source, "order.paid", ev.OrganizationId, ev.Id, order.Id, new { Provider = "free" });
        }
        if (db.ChangeTracker.HasChanges())
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new ReservationOutcome(order, Replayed: false);
    }

    private static async Task<ReservationOutcome> ReplayAsync(TickrDbContext db, ReservationRequest request, CancellationToken cancellationToken)
    {
        var first = await db.Orders.AsNoTracking().Include(o => o.Lines)
            .FirstOrDefaultAsync(o => o.BuyerId == request.BuyerId && o.IdempotencyKey == request.IdempotencyKey, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("The idempotency key's order vanished.");
        if (first.RequestHash != request.Hash())
        {
            throw new OrderingException(OrderingErrorCode.IdempotencyKeyReused,
                "This idempotency key was already used for a different request; use a new key for a new purchase.");
        }
        return new ReservationOutcome(first, Replayed: true);
    }

    /// <summary>What an order draws from each pool: its ticket types and the quotas over them.</summary>
    public static List<PoolDemand> Demands(Event ev, Order order)
    {
        ArgumentNullException.ThrowIfNull(ev);
        ArgumentNullException.ThrowIfNull(order);
        var demands = new Dictionary<Guid, PoolDemand>();
        foreach (var line in order.Lines)
        {
            Add(line.TicketTypeId, line.Quantity, line.TicketTypeId);
            foreach (var quota in ev.Quotas.Where(q => q.Covers(line.TicketTypeId)))
            {
                Add(quota.Id, line.Quantity, line.TicketTypeId);
            }
        }
        return [.. demands.Values];

        void Add(Guid pool, int quantity, Guid typeId) =>
            demands[pool] = demands.TryGetValue(pool, out var d) ? d with { Quantity = d.Quantity + quantity } : new PoolDemand(pool, quantity, typeId);
    }

    private static async Task TakeAllowanceAsync(TickrDbContext db, Guid eventId, Guid buyerId, int tickets, int max, CancellationToken cancellationToken)
    {
        if (tickets > max)
        {
            throw new OrderingException(OrderingErrorCode.LimitExceeded, $"At most {max} tickets per buyer for this event.") { Limit = max };
        }
        // One statement on both providers: insert the buyer's count, or add to it only while it stays within the limit.
        var taken = await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO buyer_allowances (event_id, buyer_id, tickets) VALUES ({eventId}, {buyerId}, {tickets})
            ON CONFLICT (event_id, buyer_id) DO UPDATE SET tickets = buyer_allowances.tickets + excluded.tickets
            WHERE buyer_allowances.tickets + excluded.tickets <= {max}
            """, cancellationToken).ConfigureAwait(false);
        if (taken == 0)
        {
            throw new OrderingException(OrderingErrorCode.LimitExceeded, $"At most {max} tickets per buyer for this event, counting your other orders.") { Limit = max };
        }
    }

    /// <summary>
    /// Confirms a payment of <paramref name="orderId"/>: a reserved order settles its holds; an expired one takes its
    /// tickets again if they are still there (else <see cref="ConfirmationOutcome.SoldOutAfterExpiry"/>: refund it);
    /// tickets are issued and the confirmation email queued, all in one transaction.
    /// </summary>
    public static async Task<(ConfirmationOutcome Outcome, Order? Order)> ConfirmPaymentAsync(
        TickrDbContext db,
        Guid orderId,
        DateTimeOffset now,
        AuditSource source,
        object? paymentDetails,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(source);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var order = await db.Orders.Include(o => o.Lines).FirstOrDefaultAsync(o => o.Id == orderId, cancellationToken).ConfigureAwait(false);
        if (order is null)
        {
            return (ConfirmationOutcome.NotPayable, null);
        }
        switch (order.Status)
        {
            case OrderStatus.Paid or OrderStatus.Refunded:
                return (ConfirmationOutcome.AlreadyPaid, order);
            case OrderStatus.Cancelled:
                return (ConfirmationOutcome.NotPayable, order);
        }
        List<OrderHold> holds;
        if (order.Status == OrderStatus.Expired)
        {
            var ev = await LoadEventForSaleAsync(db, order.EventId, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("The order's event vanished.");
            try
            {
                holds = await InventoryStore.TakeAsync(db, order.Id, Demands(ev, order), asSold: true, cancellationToken).ConfigureAwait(false);
            }
            catch (OrderingException e) when (e.Code == OrderingErrorCode.SoldOut)
            {
                await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                return (ConfirmationOutcome.SoldOutAfterExpiry, order);
            }
            // The old holds were released when the order expired; the new ones replace them.
            await db.OrderHolds.Where(h => h.OrderId == order.Id).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            db.OrderHolds.AddRange(holds);
            order.MarkPaid(now);
            IssueTickets(db, order, now);
        }
        else
        {
            holds = await db.OrderHolds.Where(h => h.OrderId == order.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
            await SettleAndIssueAsync(db, order, holds, now, cancellationToken).ConfigureAwait(false);
        }
        Audit(db, now, source, "order.paid", order.OrganizationId, order.EventId, order.Id, paymentDetails);
        // The order's version column makes a concurrent confirmation (two webhooks at once) fail here instead of
        // issuing the tickets twice.
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return (ConfirmationOutcome.Paid, order);
    }

    private static async Task SettleAndIssueAsync(TickrDbContext db, Order order, List<OrderHold> holds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await InventoryStore.SettleAsync(db, holds, cancellationToken).ConfigureAwait(false);
        order.MarkPaid(now);
        IssueTickets(db, order, now);
    }

    private static void IssueTickets(TickrDbContext db, Order order, DateTimeOffset now)
    {
        foreach (var line in order.Lines)
        {
            for (var i = 0; i < line.Quantity; i++)
            {
                db.Tickets.Add(Ticket.Issue(order.Id, order.EventId, line.TicketTypeId, order.BuyerEmail, order.BuyerId, now));
            }
        }
        Enqueue(db, now, ConfirmationEmail, new { OrderId = order.Id }, $"confirmation:{order.Id}");
    }

    /// <summary>
    /// Ends an unpaid order (buyer cancelled, or its hold expired) and gives its tickets, promo uses and allowance
    /// back. Returns false when the order was no longer reserved (paid or ended meanwhile, or another server instance
    /// got there first): then nothing changed.
    /// </summary>
    public static async Task<bool> ReleaseAsync(TickrDbContext db, Order order, bool expired, DateTimeOffset now, AuditSource source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(source);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        if (expired)
        {
            order.Expire(now);
        }
        else
        {
            order.Cancel(now);
        }
        try
        {
            // Claims the order first (version check): whoever changes it first wins; the others release nothing.
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateConcurrencyException)
        {
            await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
            // The caller may go on with the same context (the sweeper releases a batch with one): the lost order's
            // change must not be saved again with the next order's, failing that one too.
            db.Entry(order).State = EntityState.Detached;
            return false;
        }
        // Promo code and allowance before the buckets: the order in which a reservation locks them, so that a release
        // and a reservation never wait on each other in a cycle.
        await GiveBackUsesAsync(db, order, cancellationToken).ConfigureAwait(false);
        var holds = await db.OrderHolds.AsNoTracking().Where(h => h.OrderId == order.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        await InventoryStore.ReleaseHeldAsync(db, holds, cancellationToken).ConfigureAwait(false);
        Audit(db, now, source, expired ? "order.expired" : "order.cancelled", order.OrganizationId, order.EventId, order.Id, new { order.Number });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    private static async Task GiveBackUsesAsync(TickrDbContext db, Order order, CancellationToken cancellationToken)
    {
        if (order.PromoCodeId is { } promoId && order.DiscountedTicketCount > 0)
        {
            var uses = order.DiscountedTicketCount;
            await db.PromoCodes.Where(p => p.Id == promoId && p.TimesUsed >= uses)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.TimesUsed, p => p.TimesUsed - uses), cancellationToken).ConfigureAwait(false);
        }
        var tickets = order.TicketCount;
        await db.BuyerAllowances.Where(a => a.EventId == order.EventId && a.BuyerId == order.BuyerId && a.Tickets >= tickets)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Tickets, a => a.Tickets - tickets), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reserved orders whose hold has run out, oldest first.</summary>
    public static Task<List<Order>> DueExpiriesAsync(TickrDbContext db, DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Orders.Include(o => o.Lines)
            .Where(o => o.Status == OrderStatus.Reserved && o.ExpiresAt <= now)
            .OrderBy(o => o.ExpiresAt)
            .Take(max)
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Records a refund that the provider accepted: the order's refunded amount, the revoked tickets (the most recently
    /// issued first, <paramref name="ticketIds"/> when the organizer named them), their inventory back on sale when the
    /// policy restocks, the buyer's email. The caller checked the policy and called the provider.
    /// </summary>
    public static async Task<RefundRecord> RecordRefundAsync(
        TickrDbContext db,
        Order order,
        Domain.Common.Money amount,
        IReadOnlyCollection<Guid> ticketIds,
        bool restock,
        string? providerReference,
        Guid? paymentId,
        string? reason,
        DateTimeOffset now,
        AuditSource source,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(ticketIds);
        ArgumentNullException.ThrowIfNull(source);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        order.RecordRefund(amount, now);
        var tickets = await db.Tickets.Where(t => t.OrderId == order.Id && t.Status == TicketStatus.Valid).ToListAsync(cancellationToken).ConfigureAwait(false);
        var revoked = order.Status == OrderStatus.Refunded ? tickets : tickets.Where(t => ticketIds.Contains(t.Id)).ToList();
        foreach (var ticket in revoked)
        {
            ticket.Revoke(now);
        }
        if (restock && revoked.Count > 0)
        {
            var ev = await LoadEventForSaleAsync(db, order.EventId, cancellationToken).ConfigureAwait(false);
            var holds = await db.OrderHolds.Where(h => h.OrderId == order.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
            var returned = ReturnedHolds(ev, holds, revoked);
            await InventoryStore.RestockAsync(db, returned, cancellationToken).ConfigureAwait(false);
            // The holds keep only what the order still has sold in each bucket: a later refund restocks its other
            // tickets from where they are, never the same bucket twice.
            foreach (var back in returned)
            {
                var hold = holds.First(h => h.PoolId == back.PoolId && h.Bucket == back.Bucket);
                hold.Quantity -= back.Quantity;
                if (hold.Quantity == 0)
                {
                    db.OrderHolds.Remove(hold);
                }
            }
        }
        var refund = new RefundRecord
        {
            Id = Guid.CreateVersion7(now),
            OrderId = order.Id,
            PaymentId = paymentId,
            AmountMinorUnits = amount.MinorUnits,
            Currency = amount.Currency.Code,
            Status = "Succeeded",
            ProviderReference = providerReference,
            Reason = reason,
            RequestedBy = source.ActorId,
            CreatedAt = now,
        };
        db.Refunds.Add(refund);
        Enqueue(db, now, RefundEmail, new { OrderId = order.Id, RefundId = refund.Id }, $"refund:{refund.Id}");
        Audit(db, now, source, "order.refunded", order.OrganizationId, order.EventId, order.Id,
            new { Amount = amount.MinorUnits, Currency = amount.Currency.Code, Tickets = revoked.Count, Restock = restock, Reason = reason });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return refund;
    }

    // Which bucket quantities the revoked tickets free: for each revoked ticket, one unit of its type's pool and of
    // each quota over it, taken from the order's holds of that pool.
    private static List<OrderHold> ReturnedHolds(Event? ev, List<OrderHold> holds, List<Ticket> revoked)
    {
        var left = holds.Select(h => new OrderHold { OrderId = h.OrderId, PoolId = h.PoolId, Bucket = h.Bucket, Quantity = h.Quantity }).ToList();
        var returned = new List<OrderHold>();
        foreach (var ticket in revoked)
        {
            var pools = new List<Guid> { ticket.TicketTypeId };
            if (ev is not null)
            {
                pools.AddRange(ev.Quotas.Where(q => q.Covers(ticket.TicketTypeId)).Select(q => q.Id));
            }
            foreach (var pool in pools)
            {
                var from = left.Find(h => h.PoolId == pool && h.Quantity > 0);
                if (from is null)
                {
                    continue;
                }
                from.Quantity--;
                var back = returned.Find(h => h.PoolId == pool && h.Bucket == from.Bucket);
                if (back is null)
                {
                    returned.Add(new OrderHold { OrderId = from.OrderId, PoolId = pool, Bucket = from.Bucket, Quantity = 1 });
                }
                else
                {
                    back.Quantity++;
                }
            }
        }
        return returned;
    }

    /// <summary>Queues a message for delivery after commit (ignored if the same deduplication key is already queued by this context).</summary>
    public static void Enqueue(TickrDbContext db, DateTimeOffset now, string kind, object payload, string? deduplicationKey)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.OutboxMessages.Add(new OutboxMessage
        {
            Id = Guid.CreateVersion7(now),
            Kind = kind,
            Payload = JsonSerializer.Serialize(payload),
            DeduplicationKey = deduplicationKey,
            CreatedAt = now,
            NextAttemptAt = now,
        });
    }

    /// <summary>Adds an audit entry to the unit of work.</summary>
    public static void Audit(TickrDbContext db, DateTimeOffset now, AuditSource source, string action, Guid? organizationId, Guid? eventId, Guid? subjectId, object? details)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(source);
        db.AuditEntries.Add(new AuditEntry
        {
            Id = Guid.CreateVersion7(now),
            At = now,
            ActorId = source.ActorId,
            Action = action,
            OrganizationId = organizationId,
            EventId = eventId,
            SubjectId = subjectId,
            Details = details is null ? null : JsonSerializer.Serialize(details),
            IpAddress = source.IpAddress,
        });
    }
}
