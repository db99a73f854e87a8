using Microsoft.EntityFrameworkCore;
using Tickr.Data.Ordering;
using Tickr.Domain.Catalog;
using Tickr.Domain.Common;
using Tickr.Domain.Ordering;
using Tickr.Domain.Ticketing;

namespace Tickr.Data.Tests.Ordering;

/// <summary>
/// What happens to a reservation afterwards: paid (held tickets become sold, tickets issued, email queued), cancelled or
/// expired (everything it took given back, once), refunded (tickets revoked, inventory back on sale when restocking).
/// </summary>
public abstract class SettlementTests(ITestDatabase database)
{
    private static Money Tnd(decimal amount) => Money.FromDecimal(amount, Currency.Tnd);

    private async Task<List<Ticket>> TicketsAsync(Guid orderId)
    {
        await using var db = database.CreateContext();
        return await db.Tickets.AsNoTracking().Where(t => t.OrderId == orderId).OrderBy(t => t.Id).ToListAsync();
    }

    private async Task<List<string>> AuditAsync(Guid orderId)
    {
        await using var db = database.CreateContext();
        return (await db.AuditEntries.Where(a => a.SubjectId == orderId).Select(a => a.Action).ToListAsync()).Order(StringComparer.Ordinal).ToList();
    }

    private async Task<List<string>> OutboxAsync(Guid orderId)
    {
        await using var db = database.CreateContext();
        var id = orderId.ToString();
        return (await db.OutboxMessages.AsNoTracking().ToListAsync())
            .Where(m => m.Payload.Contains(id, StringComparison.OrdinalIgnoreCase))
            .Select(m => m.Kind).Order(StringComparer.Ordinal).ToList();
    }

    // ---- payment ----

    [Fact]
    public async Task Confirming_a_payment_settles_the_holds_and_issues_one_ticket_per_unit()
    {
        var e = await Selling.EventAsync(database, e => e.AddTicketType(Selling.Type("VIP", 20, price: 120), Seed.Now));
        var regular = e.TypeNamed("Regular");
        var vip = e.TypeNamed("VIP");
        var buyer = await Selling.BuyerAsync(database);
        var order = (await Selling.ReserveAsync(database, e, Selling.Request(e, buyer, [new(regular.Id, 3), new(vip.Id, 1)]))).Order;

        Assert.Equal(ConfirmationOutcome.Paid, await Selling.ConfirmAsync(database, order.Id, Selling.Now.AddMinutes(3)));

        var stored = await Selling.OrderAsync(database, order.Id);
        Assert.Equal((OrderStatus.Paid, Selling.Now.AddMinutes(3)), (stored.Status, stored.PaidAt));
        Assert.Equal(new PoolCounts(500, 3, 0), await Selling.CountsAsync(database, regular.Id));
        Assert.Equal(new PoolCounts(20, 1, 0), await Selling.CountsAsync(database, vip.Id));
        var tickets = await TicketsAsync(order.Id);
        Assert.Equal(3, tickets.Count(t => t.TicketTypeId == regular.Id));
        Assert.Equal(1, tickets.Count(t => t.TicketTypeId == vip.Id));
        Assert.Equal(4, tickets.Select(t => t.Id).Distinct().Count());
        Assert.All(tickets, t => Assert.Equal((TicketStatus.Valid, e.Id, buyer.Email), (t.Status, t.EventId, t.HolderEmail)));
        Assert.Equal([OrderBook.ConfirmationEmail], await OutboxAsync(order.Id));
        Assert.Equal(["order.paid", "order.reserved"], await AuditAsync(order.Id));
    }

    [Fact]
    public async Task A_repeated_confirmation_is_already_paid_and_issues_nothing_more()
    {
        var e = await Selling.EventAsync(database);
        var regular = e.TypeNamed("Regular");
        var buyer = await Selling.BuyerAsync(database);
        var order = await Selling.ReserveAsync(database, e, buyer, regular, 2);
        Assert.Equal(ConfirmationOutcome.Paid, await Selling.ConfirmAsync(database, order.Id));

        Assert.Equal(ConfirmationOutcome.AlreadyPaid, await Selling.ConfirmAsync(database, order.Id));

        Assert.Equal(2, (await TicketsAsync(order.Id)).Count);
        Assert.Equal(new PoolCounts(500, 2, 0), await Selling.CountsAsync(database, regular.Id));
        Assert.Equal([OrderBook.ConfirmationEmail], await OutboxAsync(order.Id));
        Assert.Equal(["order.paid", "order.reserved"], await AuditAsync(order.Id));
        Assert.Equal(ConfirmationOutcome.NotPayable, await Selling.ConfirmAsync(database, Guid.NewGuid()));
    }

    [Fact]
    public async Task A_payment_after_expiry_takes_the_tickets_again_as_sold_when_they_are_still_there()
    {
        var e = await Selling.EventAsync(database, e => e.AddTicketType(Selling.Type("Loge", 4), Seed.Now));
        var loge = e.TypeNamed("Loge");
        var buyer = await Selling.BuyerAsync(database);
        var order = await Selling.ReserveAsync(database, e, buyer, loge, 3);
        Assert.True(await Selling.ReleaseAsync(database, order.Id, expired: true));
        Assert.Equal(new PoolCounts(4, 0, 0), await Selling.CountsAsync(database, loge.Id));

        Assert.Equal(ConfirmationOutcome.Paid, await Selling.ConfirmAsync(database, order.Id, Selling.Now.AddMinutes(20)));

        Assert.Equal(OrderStatus.Paid, (await Selling.OrderAsync(database, order.Id)).Status);
        Assert.Equal(new PoolCounts(4, 3, 0), await Selling.CountsAsync(database, loge.Id));
        Assert.Equal(3, (await TicketsAsync(order.Id)).Count);
        // Its holds now say where its sold tickets are, for a later refund.
        Assert.Equal(3, (await Selling.HoldsAsync(database, order.Id)).Sum(h => h.Quantity));
        Assert.Equal(["order.expired", "order.paid", "order.reserved"], await AuditAsync(order.Id));
    }

    [Fact]
    public async Task A_payment_after_expiry_when_the_tickets_are_gone_is_sold_out_and_changes_nothing()
    {
        var e = await Selling.EventAsync(database, e => e.AddTicketType(Selling.Type("Loge", 4), Seed.Now));
        var loge = e.TypeNamed("Loge");
        var late = await Selling.BuyerAsync(database);
        var quick = await Selling.BuyerAsync(database);
        var order = await Selling.ReserveAsync(database, e, late, loge, 3);
        Assert.True(await Selling.ReleaseAsync(database, order.Id, expired: true));
        var other = await Selling.ReserveAsync(database, e, quick, loge, 2, now: Selling.Now.AddMinutes(17));
        Assert.Equal(ConfirmationOutcome.Paid, await Selling.ConfirmAsync(database, other.Id, Selling.Now.AddMinutes(18)));

        Assert.Equal(ConfirmationOutcome.SoldOutAfterExpiry, await Selling.ConfirmAsync(database, order.Id, Selling.Now.AddMinutes(20)));

        Assert.Equal(OrderStatus.Expired, (await Selling.OrderAsync(database, order.Id)).Status);
        Assert.Equal(new PoolCounts(4, 2, 0), await Selling.CountsAsync(database, loge.Id));
        Assert.Empty(await TicketsAsync(order.Id));
        Assert.Empty(await OutboxAsync(order.Id));
        Assert.Equal(["order.expired", "order.reserved"], await AuditAsync(order.Id));
    }

    [Fact]
    public async Task A_cancelled_order_is_not_payable()
    {
        var e = await Selling.EventAsync(database);
        var buyer = await Selling.BuyerAsync(database);
        var order = await Selling.ReserveAsync(database, e, buyer, e.TicketTypes[0], 1);
        Assert.True(await Selling.ReleaseAsync(database, order.Id, expired: false));

        Assert.Equal(ConfirmationOutcome.NotPayable, await Selling.ConfirmAsync(database, order.Id));

        Assert.Empty(await TicketsAsync(order.Id));
        Assert.Equal(new PoolCounts(500, 0, 0), await Selling.CountsAsync(database, e.TicketTypes[0].Id));
    }

    // ---- cancel and expire ----

    /// <summary>An event with a per-buyer limit of 6, a 10-use promo code and a 300-place quota over its regular type.</summary>
    private async Task<(Event Event, TicketType Type, Quota Quota, PromoCode Promo, Buyer Buyer)> LimitedAsync()
    {
        var e = await Selling.EventAsync(database, e =>
        {
            Selling.LimitPerBuyer(e, 6);
            e.CreateQuota("Salle", 300, [e.TicketTypes[0].Id], Seed.Now);
            e.CreatePromoCode(new PromoCodeDetails("DIX", DiscountKind.Percentage, 10, null, 10, null, null, null), Seed.Now);
        });
        return (e, e.TicketTypes[0], e.Quotas[0], e.PromoCodes[0], await Selling.BuyerAsync(database));
    }

    [Theory]
    [InlineData(false, OrderStatus.Cancelled, "order.cancelled")]
    [InlineData(true, OrderStatus.Expired, "order.expired")]
    public async Task Cancelling_or_expiring_gives_back_the_holds_the_promo_uses_and_the_allowance(bool expired, OrderStatus status, string action)
    {
        var (e, type, quota, promo, buyer) = await LimitedAsync();
        var kept = await Selling.ReserveAsync(database, e, buyer, type, 2, "DIX");
        var released = await Selling.ReserveAsync(database, e, buyer, type, 4, "DIX");
        Assert.Equal((6, 6), (await Selling.TimesUsedAsync(database, promo.Id), await Selling.AllowanceAsync(database, e.Id, buyer.Id)));

        Assert.True(await Selling.ReleaseAsync(database, released.Id, expired));

        var stored = await Selling.OrderAsync(database, released.Id);
        Assert.Equal(status, stored.Status);
        Assert.NotNull(stored.ClosedAt);
        Assert.Equal(new PoolCounts(500, 0, 2), await Selling.CountsAsync(database, type.Id));
        Assert.Equal(new PoolCounts(300, 0, 2), await Selling.CountsAsync(database, quota.Id));
        Assert.Equal(2, await Selling.TimesUsedAsync(database, promo.Id));
        Assert.Equal(2, await Selling.AllowanceAsync(database, e.Id, buyer.Id));
        Assert.Contains(action, await AuditAsync(released.Id));
        Assert.Equal(OrderStatus.Reserved, (await Selling.OrderAsync(database, kept.Id)).Status);
        // What was given back can be bought again.
        await Selling.ReserveAsync(database, e, buyer, type, 4, "DIX");
        Assert.Equal(6, await Selling.AllowanceAsync(database, e.Id, buyer.Id));
    }

    [Fact]
    public async Task A_second_release_of_the_same_order_from_a_stale_copy_returns_false_and_gives_nothing_back_twice()
    {
        var (e, type, quota, promo, buyer) = await LimitedAsync();
        var kept = await Selling.ReserveAsync(database, e, buyer, type, 2, "DIX");
        var order = await Selling.ReserveAsync(database, e, buyer, type, 3, "DIX");
        await using var sweeper = database.CreateContext();
        await using var buyerScreen = database.CreateContext();
        var bySweeper = await sweeper.Orders.Include(o => o.Lines).SingleAsync(o => o.Id == order.Id);
        var byBuyer = await buyerScreen.Orders.Include(o => o.Lines).SingleAsync(o => o.Id == order.Id);

        Assert.True(await OrderBook.ReleaseAsync(sweeper, bySweeper, expired: true, Selling.Now.AddMinutes(16), AuditSource.System, default));
        Assert.False(await OrderBook.ReleaseAsync(buyerScreen, byBuyer, expired: false, Selling.Now.AddMinutes(16), AuditSource.System, default));

        Assert.Equal(OrderStatus.Expired, (await Selling.OrderAsync(database, order.Id)).Status);
        Assert.Equal(new PoolCounts(500, 0, 2), await Selling.CountsAsync(database, type.Id));
        Assert.Equal(new PoolCounts(300, 0, 2), await Selling.CountsAsync(database, quota.Id));
        Assert.Equal(2, await Selling.TimesUsedAsync(database, promo.Id));
        Assert.Equal(2, await Selling.AllowanceAsync(database, e.Id, buyer.Id));
        Assert.Equal(["order.expired", "order.reserved"], await AuditAsync(order.Id));
        Assert.Equal(OrderStatus.Reserved, (await Selling.OrderAsync(database, kept.Id)).Status);
    }

    [Fact]
    public async Task A_paid_order_cannot_be_cancelled_and_keeps_its_tickets()
    {
        var (e, type, _, _, buyer) = await LimitedAsync();
        var order = await Selling.ReserveAsync(database, e, buyer, type, 2);
        await Selling.ConfirmAsync(database, order.Id);

        var refused = await Assert.ThrowsAsync<OrderingException>(() => Selling.ReleaseAsync(database, order.Id, expired: false));

        Assert.Equal(OrderingErrorCode.InvalidOrderStatus, refused.Code);
        Assert.Equal(new PoolCounts(500, 2, 0), await Selling.CountsAsync(database, type.Id));
        Assert.Equal(2, await Selling.AllowanceAsync(database, e.Id, buyer.Id));
        Assert.All(await TicketsAsync(order.Id), t => Assert.Equal(TicketStatus.Valid, t.Status));
    }

    [Fact]
    public async Task Due_expiries_are_the_reserved_orders_whose_hold_has_run_out()
    {
        var e = await Selling.EventAsync(database);
        var type = e.TicketTypes[0];
        var buyer = await Selling.BuyerAsync(database);
        var due = await Selling.ReserveAsync(database, e, buyer, type, 1);
        var paid = await Selling.ReserveAsync(database, e, buyer, type, 1);
        await Selling.ConfirmAsync(database, paid.Id);
        var fresh = await Selling.ReserveAsync(database, e, buyer, type, 1, now: Selling.Now.AddMinutes(10));

        await using var db = database.CreateContext();
        var listed = await OrderBook.DueExpiriesAsync(db, Selling.Now.AddMinutes(15), 1_000, default);

        Assert.Contains(due.Id, listed.Select(o => o.Id));
        Assert.DoesNotContain(paid.Id, listed.Select(o => o.Id));
        Assert.DoesNotContain(fresh.Id, listed.Select(o => o.Id));
        Assert.All(listed, o => Assert.True(o.Status == OrderStatus.Reserved && o.ExpiresAt <= Selling.Now.AddMinutes(15)));
        Assert.Equal(listed.OrderBy(o => o.ExpiresAt).Select(o => o.Id), listed.Select(o => o.Id));
        // The sweeper releases what it listed, with the same context.
        var mine = listed.Single(o => o.Id == due.Id);
        Assert.True(await OrderBook.ReleaseAsync(db, mine, expired: true, Selling.Now.AddMinutes(15), AuditSource.System, default));
        Assert.Equal(new PoolCounts(500, 1, 1), await Selling.CountsAsync(database, type.Id));
    }

    [Fact]
    public async Task A_sweep_that_loses_one_order_to_a_payment_still_releases_the_next_with_the_same_context()
    {
        var e = await Selling.EventAsync(database);
        var type = e.TicketTypes[0];
        var buyer = await Selling.BuyerAsync(database);
        var paidMeanwhile = await Selling.ReserveAsync(database, e, buyer, type, 1);
        var next = await Selling.ReserveAsync(database, e, buyer, type, 2);
        await using var db = database.CreateContext();
        var listed = await OrderBook.DueExpiriesAsync(db, Selling.Now.AddMinutes(16), 1_000, default);
        await Selling.ConfirmAsync(database, paidMeanwhile.Id);

        Assert.False(await OrderBook.ReleaseAsync(db, listed.Single(o => o.Id == paidMeanwhile.Id), expired: true, Selling.Now.AddMinutes(16), AuditSource.System, default));
        // The lost order's stale change must not ride along with the next one's save (and fail it too).
        Assert.True(await OrderBook.ReleaseAsync(db, listed.Single(o => o.Id == next.Id), expired: true, Selling.Now.AddMinutes(16), AuditSource.System, default));

        Assert.Equal(OrderStatus.Paid, (await Selling.OrderAsync(database, paidMeanwhile.Id)).Status);
        Assert.Equal(OrderStatus.Expired, (await Selling.OrderAsync(database, next.Id)).Status);
        Assert.Equal(new PoolCounts(500, 1, 0), await Selling.CountsAsync(database, type.Id));
    }

    // ---- refunds ----

    [Fact]
    public async Task A_partial_refund_revokes_the_named_tickets_and_puts_them_back_on_sale()
    {
        var e = await Selling.EventAsync(database, e => e.CreateQuota("Salle", 300, [e.TicketTypes[0].Id], Seed.Now));
        var type = e.TicketTypes[0];
        var buyer = await Selling.BuyerAsync(database);
        var order = await Selling.ReserveAsync(database, e, buyer, type, 4);
        await Selling.ConfirmAsync(database, order.Id);
        var tickets = await TicketsAsync(order.Id);
        var returned = tickets.Take(2).Select(t => t.Id).ToList();

        var refund = await RefundAsync(order.Id, Tnd(100), returned, restock: true);

        Assert.Equal((Tnd(100).MinorUnits, "TND", "Succeeded"), (refund.AmountMinorUnits, refund.Currency, refund.Status));
        var stored = await Selling.OrderAsync(database, order.Id);
        Assert.Equal((OrderStatus.Paid, Tnd(100), Tnd(100)), (stored.Status, stored.Refunded, stored.Refundable));
        var after = await TicketsAsync(order.Id);
        Assert.All(after.Where(t => returned.Contains(t.Id)), t => Assert.Equal((TicketStatus.Revoked, 2), (t.Status, t.Version)));
        Assert.All(after.Where(t => !returned.Contains(t.Id)), t => Assert.Equal((TicketStatus.Valid, 1), (t.Status, t.Version)));
        Assert.Equal(new PoolCounts(500, 2, 0), await Selling.CountsAsync(database, type.Id));
        Assert.Equal(new PoolCounts(300, 2, 0), await Selling.CountsAsync(database, e.Quotas[0].Id));
        // The order's holds now count only the tickets it still has.
        var holds = await Selling.HoldsAsync(database, order.Id);
        Assert.Equal((2, 2), (holds.Where(h => h.PoolId == type.Id).Sum(h => h.Quantity), holds.Where(h => h.PoolId == e.Quotas[0].Id).Sum(h => h.Quantity)));
        Assert.Equal([OrderBook.ConfirmationEmail, OrderBook.RefundEmail], await OutboxAsync(order.Id));
        Assert.Contains("order.refunded", await AuditAsync(order.Id));
    }

    [Fact]
    public async Task A_refund_without_restocking_revokes_tickets_but_keeps_them_sold()
    {
        var e = await Selling.EventAsync(database);
        var type = e.TicketTypes[0];
        var buyer = await Selling.BuyerAsync(database);
        var order = await Selling.ReserveAsync(database, e, buyer, type, 3);
        await Selling.ConfirmAsync(database, order.Id);
        var first = (await TicketsAsync(order.Id))[0].Id;

        await RefundAsync(order.Id, Tnd(50), [first], restock: false);

        Assert.Equal(TicketStatus.Revoked, (await TicketsAsync(order.Id)).Single(t => t.Id == first).Status);
        Assert.Equal(new PoolCounts(500, 3, 0), await Selling.CountsAsync(database, type.Id));
    }

    [Fact]
    public async Task Refunding_everything_left_makes_the_order_refunded_and_revokes_every_ticket()
    {
        var e = await Selling.EventAsync(database);
        var type = e.TicketTypes[0];
        var buyer = await Selling.BuyerAsync(database);
        var order = await Selling.ReserveAsync(database, e, buyer, type, 3);
        await Selling.ConfirmAsync(database, order.Id);
        var first = (await TicketsAsync(order.Id))[0].Id;
        await RefundAsync(order.Id, Tnd(50), [first], restock: true);

        await RefundAsync(order.Id, Tnd(100), [], restock: true);

        var stored = await Selling.OrderAsync(database, order.Id);
        Assert.Equal((OrderStatus.Refunded, Tnd(150), Tnd(0)), (stored.Status, stored.Refunded, stored.Refundable));
        Assert.NotNull(stored.ClosedAt);
        Assert.All(await TicketsAsync(order.Id), t => Assert.Equal(TicketStatus.Revoked, t.Status));
        Assert.Equal(new PoolCounts(500, 0, 0), await Selling.CountsAsync(database, type.Id));
        await using var db = database.CreateContext();
        Assert.Equal(2, await db.Refunds.CountAsync(r => r.OrderId == order.Id));
    }

    [Fact]
    public async Task Successive_restocking_refunds_of_an_order_spread_over_several_buckets_return_each_ticket_once()
    {
        // 100 places in two buckets of 50: an order of 60 holds 50 in one bucket and 10 in the other.
        var e = await Selling.EventAsync(database, e => e.AddTicketType(Selling.Type("Fosse", 100, price: 10, maxPerOrder: 100), Seed.Now));
        var fosse = e.TypeNamed("Fosse");
        var buyer = await Selling.BuyerAsync(database);
        var order = await Selling.ReserveAsync(database, e, buyer, fosse, 60);
        Assert.Equal(2, (await Selling.HoldsAsync(database, order.Id)).Count);
        await Selling.ConfirmAsync(database, order.Id);
        var tickets = await TicketsAsync(order.Id);

        await RefundAsync(order.Id, Tnd(300), tickets.Take(30).Select(t => t.Id).ToList(), restock: true);
        Assert.Equal(new PoolCounts(100, 30, 0), await Selling.CountsAsync(database, fosse.Id));
        await RefundAsync(order.Id, Tnd(250), tickets.Skip(30).Take(25).Select(t => t.Id).ToList(), restock: true);
        Assert.Equal(new PoolCounts(100, 5, 0), await Selling.CountsAsync(database, fosse.Id));
        await RefundAsync(order.Id, Tnd(50), [], restock: true);

        Assert.Equal(new PoolCounts(100, 0, 0), await Selling.CountsAsync(database, fosse.Id));
        Assert.All(await Selling.BucketsAsync(database, fosse.Id), b => Assert.Equal((0, 0), (b.Held, b.Sold)));
        Assert.Equal(OrderStatus.Refunded, (await Selling.OrderAsync(database, order.Id)).Status);
    }

    [Fact]
    public async Task A_refund_above_what_is_left_or_of_an_unpaid_order_is_refused_and_changes_nothing()
    {
        var e = await Selling.EventAsync(database);
        var type = e.TicketTypes[0];
        var buyer = await Selling.BuyerAsync(database);
        var order = await Selling.ReserveAsync(database, e, buyer, type, 2);
        var unpaid = await Assert.ThrowsAsync<OrderingException>(() => RefundAsync(order.Id, Tnd(10), [], restock: true));
        Assert.Equal(OrderingErrorCode.InvalidOrderStatus, unpaid.Code);
        await Selling.ConfirmAsync(database, order.Id);
        await RefundAsync(order.Id, Tnd(60), [], restock: true);

        var tooMuch = await Assert.ThrowsAsync<OrderingException>(() => RefundAsync(order.Id, Tnd(40.001m), [], restock: true));
        var nothing = await Assert.ThrowsAsync<OrderingException>(() => RefundAsync(order.Id, Tnd(0), [], restock: true));

        Assert.Equal(OrderingErrorCode.InvalidRefundAmount, tooMuch.Code);
        Assert.Equal(OrderingErrorCode.InvalidRefundAmount, nothing.Code);
        var stored = await Selling.OrderAsync(database, order.Id);
        Assert.Equal((OrderStatus.Paid, Tnd(60)), (stored.Status, stored.Refunded));
        Assert.All(await TicketsAsync(order.Id), t => Assert.Equal(TicketStatus.Valid, t.Status));
        Assert.Equal(new PoolCounts(500, 2, 0), await Selling.CountsAsync(database, type.Id));
        await using var db = database.CreateContext();
        Assert.Equal(1, await db.Refunds.CountAsync(r => r.OrderId == order.Id));
    }

    private async Task<RefundRecord> RefundAsync(Guid orderId, Money amount, IReadOnlyCollection<Guid> ticketIds, bool restock)
    {
        await using var db = database.CreateContext();
        var order = await db.Orders.Include(o => o.Lines).SingleAsync(o => o.Id == orderId);
        return await OrderBook.RecordRefundAsync(db, order, amount, ticketIds, restock, "re_" + Seed.Unique(), null, "test",
            Selling.Now.AddDays(2), new AuditSource(null, "127.0.0.1"), default);
    }
}

public sealed class PostgresSettlementTests(PostgresDatabase database) : SettlementTests(database), IClassFixture<PostgresDatabase>;

public sealed class SqliteSettlementTests(SqliteDatabase database) : SettlementTests(database), IClassFixture<SqliteDatabase>;
