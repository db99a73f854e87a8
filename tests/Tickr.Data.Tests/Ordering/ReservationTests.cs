using Microsoft.EntityFrameworkCore;
using Tickr.Data.Ordering;
using Tickr.Domain.Catalog;
using Tickr.Domain.Common;
using Tickr.Domain.Ordering;
using Tickr.Domain.Ticketing;

namespace Tickr.Data.Tests.Ordering;

/// <summary>
/// Reserving: the order is priced and its tickets held in one transaction; every refusal (sold out, limits, codes,
/// sales closed) leaves the inventory, the promo code and the buyer's allowance as they were.
/// </summary>
public abstract class ReservationTests(ITestDatabase database)
{
    private static Money Tnd(decimal amount) => Money.FromDecimal(amount, Currency.Tnd);

    [Fact]
    public async Task A_reservation_holds_its_tickets_and_prices_each_line_with_the_4_percent_commission()
    {
        var e = await Selling.EventAsync(database, e => e.AddTicketType(Selling.Type("VIP", 40, price: 120), Seed.Now));
        var regular = e.TypeNamed("Regular");
        var vip = e.TypeNamed("VIP");
        var buyer = await Selling.BuyerAsync(database);

        var outcome = await Selling.ReserveAsync(database, e,
            Selling.Request(e, buyer, [new(regular.Id, 2), new(vip.Id, 1), new(regular.Id, 1)]));

        Assert.False(outcome.Replayed);
        var stored = await Selling.OrderAsync(database, outcome.Order.Id);
        Assert.Equal(OrderStatus.Reserved, stored.Status);
        Assert.Equal(Selling.Now + Selling.HoldFor, stored.ExpiresAt);
        Assert.Matches("^TK-[0-9A-Z]{8}$", stored.Number);
        Assert.Equal((buyer.Id, buyer.Email, e.OrganizationId), (stored.BuyerId, stored.BuyerEmail, stored.OrganizationId));
        // The same type asked twice is one line of 3.
        var lines = stored.Lines.OrderBy(l => l.Position).ToList();
        Assert.Equal([("Regular", 3), ("VIP", 1)], lines.Select(l => (l.TicketTypeName, l.Quantity)));
        // 50 TND pays 2 TND of commission per ticket, 120 TND pays 4.8 TND.
        Assert.Equal([Tnd(2).MinorUnits, Tnd(4.8m).MinorUnits], lines.Select(l => l.UnitCommissionMinorUnits));
        Assert.Equal(Tnd(270), stored.Subtotal);
        Assert.Equal(Tnd(0), stored.Discount);
        Assert.Equal(Tnd(270), stored.Total);
        Assert.Equal(Tnd(10.8m), stored.Commission);
        Assert.Equal(Tnd(259.2m), stored.Net);

        Assert.Equal(new PoolCounts(500, 0, 3), await Selling.CountsAsync(database, regular.Id));
        Assert.Equal(new PoolCounts(40, 0, 1), await Selling.CountsAsync(database, vip.Id));
        var holds = await Selling.HoldsAsync(database, stored.Id);
        Assert.Equal(3, holds.Where(h => h.PoolId == regular.Id).Sum(h => h.Quantity));
        Assert.Equal(1, holds.Where(h => h.PoolId == vip.Id).Sum(h => h.Quantity));
        await using var db = database.CreateContext();
        Assert.Equal(["order.reserved"], await db.AuditEntries.Where(a => a.SubjectId == stored.Id).Select(a => a.Action).ToListAsync());
        Assert.Empty(await db.Tickets.Where(t => t.OrderId == stored.Id).ToListAsync());
    }

    [Fact]
    public async Task Promo_codes_discount_by_percentage_or_fixed_amount_and_the_commission_follows_what_is_paid()
    {
        var e = await Selling.EventAsync(database, e =>
        {
            e.CreatePromoCode(new PromoCodeDetails("ETE10", DiscountKind.Percentage, 10, null, null, null, null, null), Seed.Now);
            e.CreatePromoCode(new PromoCodeDetails("MOINS5", DiscountKind.FixedAmount, null, Tnd(5), null, null, null, null), Seed.Now);
            e.CreatePromoCode(new PromoCodeDetails("MOINS80", DiscountKind.FixedAmount, null, Tnd(80), null, null, null, null), Seed.Now);
        });
        var regular = e.TypeNamed("Regular");
        var buyer = await Selling.BuyerAsync(database);

        var percent = await Selling.ReserveAsync(database, e, buyer, regular, 2, "ete10");
        var line = percent.Lines.Single();
        Assert.Equal((Tnd(50).MinorUnits, Tnd(5).MinorUnits, Tnd(1.8m).MinorUnits), (line.UnitPriceMinorUnits, line.UnitDiscountMinorUnits, line.UnitCommissionMinorUnits));
        Assert.Equal((Tnd(100), Tnd(10), Tnd(90), Tnd(3.6m)), (percent.Subtotal, percent.Discount, percent.Total, percent.Commission));

        var stored = await Selling.OrderAsync(database, (await Selling.ReserveAsync(database, e, buyer, regular, 3, "MOINS5")).Id);
        Assert.Equal((Tnd(150), Tnd(15), Tnd(135), Tnd(5.4m)), (stored.Subtotal, stored.Discount, stored.Total, stored.Commission));
        Assert.Equal(e.PromoCodes.Single(p => p.Code == "MOINS5").Id, stored.PromoCodeId);

        // A fixed discount never goes below zero: the ticket is free, and so is the order (paid at once).
        var free = await Selling.ReserveAsync(database, e, buyer, regular, 1, "MOINS80");
        Assert.Equal((Tnd(50), Tnd(0), Tnd(0), OrderStatus.Paid), (free.Discount, free.Total, free.Commission, free.Status));

        var unknown = await Selling.RefusedAsync(database, e, Selling.Request(e, buyer, Selling.Items(regular, 1), "NOPE"));
        Assert.Equal(OrderingErrorCode.InvalidPromoCode, unknown.Code);
    }

    [Fact]
    public async Task Sold_out_reports_how_many_are_left_and_holds_nothing()
    {
        var e = await Selling.EventAsync(database, e => e.AddTicketType(Selling.Type("Loge", 5), Seed.Now));
        var loge = e.TypeNamed("Loge");
        var buyer = await Selling.BuyerAsync(database);
        await Selling.ReserveAsync(database, e, buyer, loge, 3);

        var refused = await Selling.RefusedAsync(database, e, Selling.Request(e, buyer, Selling.Items(loge, 3)));

        Assert.Equal(OrderingErrorCode.SoldOut, refused.Code);
        Assert.Equal(2, refused.Remaining);
        Assert.Equal(loge.Id, refused.TicketTypeId);
        Assert.Equal(new PoolCounts(5, 0, 3), await Selling.CountsAsync(database, loge.Id));
        await using var db = database.CreateContext();
        Assert.Equal(1, await db.Orders.CountAsync(o => o.EventId == e.Id));
    }

    [Fact]
    public async Task A_request_bigger_than_any_bucket_is_served_by_gathering_from_several_buckets()
    {
        // 120 places: two buckets of 60; an order of 90 cannot come from one.
        var e = await Selling.EventAsync(database, e => e.AddTicketType(Selling.Type("Fosse", 120, maxPerOrder: 100), Seed.Now));
        var fosse = e.TypeNamed("Fosse");
        var buyer = await Selling.BuyerAsync(database);

        var order = await Selling.ReserveAsync(database, e, buyer, fosse, 90);

        var holds = await Selling.HoldsAsync(database, order.Id);
        Assert.Equal(90, holds.Sum(h => h.Quantity));
        Assert.True(holds.Count >= 2);
        var buckets = await Selling.BucketsAsync(database, fosse.Id);
        Assert.Equal(holds.OrderBy(h => h.Bucket).Select(h => (h.Bucket, h.Quantity)), buckets.Where(b => b.Held > 0).Select(b => (b.Bucket, b.Held)));
        // The last 30 come from wherever they are; one more is sold out.
        await Selling.ReserveAsync(database, e, buyer, fosse, 30);
        var refused = await Selling.RefusedAsync(database, e, Selling.Request(e, buyer, Selling.Items(fosse, 1)));
        Assert.Equal((OrderingErrorCode.SoldOut, 0), (refused.Code, refused.Remaining));
    }

    [Fact]
    public async Task Many_small_orders_sell_exactly_the_capacity_then_the_next_is_sold_out()
    {
        var e = await Selling.EventAsync(database, e => e.AddTicketType(Selling.Type("Stade", 1_000), Seed.Now));
        var stade = e.TypeNamed("Stade");
        var buyer = await Selling.BuyerAsync(database);
        Assert.Equal(16, (await Selling.BucketsAsync(database, stade.Id)).Count);

        for (var i = 0; i < 142; i++)
        {
            await Selling.ReserveAsync(database, e, buyer, stade, 7);
        }
        // 994 held, 6 left, spread over the buckets: 7 are refused with what is left, 6 succeed.
        var tooMany = await Selling.RefusedAsync(database, e, Selling.Request(e, buyer, Selling.Items(stade, 7)));
        Assert.Equal((OrderingErrorCode.SoldOut, 6), (tooMany.Code, tooMany.Remaining));
        await Selling.ReserveAsync(database, e, buyer, stade, 6);

        Assert.Equal(new PoolCounts(1_000, 0, 1_000), await Selling.CountsAsync(database, stade.Id));
        var last = await Selling.RefusedAsync(database, e, Selling.Request(e, buyer, Selling.Items(stade, 1)));
        Assert.Equal((OrderingErrorCode.SoldOut, 0), (last.Code, last.Remaining));
        Assert.All(await Selling.BucketsAsync(database, stade.Id), b => Assert.Equal(b.Capacity, b.Held));
    }

    [Fact]
    public async Task A_quota_limits_two_ticket_types_together()
    {
        var e = await Selling.EventAsync(database, e =>
        {
            var early = e.AddTicketType(Selling.Type("Early", 100, price: 30), Seed.Now);
            var late = e.AddTicketType(Selling.Type("Late", 100), Seed.Now);
            e.CreateQuota("Salle", 10, [early.Id, late.Id], Seed.Now);
        });
        var early = e.TypeNamed("Early");
        var late = e.TypeNamed("Late");
        var quota = e.Quotas.Single();
        var buyer = await Selling.BuyerAsync(database);

        await Selling.ReserveAsync(database, e, buyer, early, 6);
        var refused = await Selling.RefusedAsync(database, e, Selling.Request(e, buyer, Selling.Items(late, 5)));
        Assert.Equal((OrderingErrorCode.SoldOut, 4, late.Id), (refused.Code, refused.Remaining, refused.TicketTypeId));
        // Nothing of the refused order stayed held, on the type or the quota.
        Assert.Equal(new PoolCounts(100, 0, 0), await Selling.CountsAsync(database, late.Id));
        Assert.Equal(new PoolCounts(10, 0, 6), await Selling.CountsAsync(database, quota.Id));

        // Both types in one order draw twice on the quota.
        var both = await Selling.ReserveAsync(database, e, Selling.Request(e, buyer, [new(early.Id, 2), new(late.Id, 2)]));
        Assert.Equal(4, (await Selling.HoldsAsync(database, both.Order.Id)).Where(h => h.PoolId == quota.Id).Sum(h => h.Quantity));
        Assert.Equal(new PoolCounts(10, 0, 10), await Selling.CountsAsync(database, quota.Id));
        Assert.Equal(new PoolCounts(100, 0, 8), await Selling.CountsAsync(database, early.Id));
        var none = await Selling.RefusedAsync(database, e, Selling.Request(e, buyer, Selling.Items(early, 1)));
        Assert.Equal((OrderingErrorCode.SoldOut, 0), (none.Code, none.Remaining));
    }

    [Fact]
    public async Task A_hidden_type_is_sold_only_with_its_access_code()
    {
        var e = await Selling.EventAsync(database, e =>
            e.AddTicketType(new TicketTypeDetails("Presse", null, Tnd(0), 20, IsHidden: true, AccessCode: "PRESSE2027"), Seed.Now));
        var press = e.TypeNamed("Presse");
        var buyer = await Selling.BuyerAsync(database);

        var withoutCode = await Selling.RefusedAsync(database, e, Selling.Request(e, buyer, Selling.Items(press, 1)));
        var wrongCode = await Selling.RefusedAsync(database, e, Selling.Request(e, buyer, Selling.Items(press, 1), accessCode: "PRESSE2026"));
        Assert.Equal((OrderingErrorCode.TicketTypeNotFound, press.Id), (withoutCode.Code, withoutCode.TicketTypeId));
        Assert.Equal(OrderingErrorCode.TicketTypeNotFound, wrongCode.Code);
        Assert.Equal(new PoolCounts(20, 0, 0), await Selling.CountsAsync(database, press.Id));

        var outcome = await Selling.ReserveAsync(database, e, Selling.Request(e, buyer, Selling.Items(press, 2), accessCode: " presse2027 "));
        Assert.Equal(OrderStatus.Paid, outcome.Order.Status); // free: confirmed at once
        Assert.Equal(new PoolCounts(20, 2, 0), await Selling.CountsAsync(database, press.Id));
    }

    [Fact]
    public async Task A_type_outside_its_sales_window_is_not_sold()
    {
        var e = await Selling.EventAsync(database, e =>
        {
            e.AddTicketType(new TicketTypeDetails("Prévente", null, Tnd(35), 50, SalesEndAt: Selling.Now.AddHours(-1)), Seed.Now);
            e.AddTicketType(new TicketTypeDetails("Sur place", null, Tnd(60), 50, SalesStartAt: Selling.Now.AddDays(30)), Seed.Now);
        });
        var buyer = await Selling.BuyerAsync(database);

        foreach (var name in new[] { "Prévente", "Sur place" })
        {
            var type = e.TypeNamed(name);
            var refused = await Selling.RefusedAsync(database, e, Selling.Request(e, buyer, Selling.Items(type, 1)));
            Assert.Equal((OrderingErrorCode.SalesClosed, type.Id), (refused.Code, refused.TicketTypeId));
            Assert.Equal(new PoolCounts(50, 0, 0), await Selling.CountsAsync(database, type.Id));
        }
        // A month later the second one is on sale.
        var later = await Selling.ReserveAsync(database, e, Selling.Request(e, buyer, Selling.Items(e.TypeNamed("Sur place"), 1)), Selling.Now.AddDays(31));
        Assert.Equal(OrderStatus.Reserved, later.Order.Status);
    }

    [Fact]
    public async Task An_unpublished_or_cancelled_event_sells_nothing()
    {
        var draft = await Selling.EventAsync(database, publish: false);
        var buyer = await Selling.BuyerAsync(database);

        var refused = await Selling.RefusedAsync(database, draft, Selling.Request(draft, buyer, Selling.Items(draft.TicketTypes[0], 1)));
        Assert.Equal(OrderingErrorCode.EventNotOnSale, refused.Code);

        var cancelled = await Selling.EventAsync(database, e => { });
        await using (var db = database.CreateContext())
        {
            var tracked = await db.Events.SingleAsync(x => x.Id == cancelled.Id);
            tracked.Cancel("Intempéries", Selling.Now);
            await db.SaveChangesAsync();
        }
        cancelled = await Selling.LoadAsync(database, cancelled.Id);
        refused = await Selling.RefusedAsync(database, cancelled, Selling.Request(cancelled, buyer, Selling.Items(cancelled.TicketTypes[0], 1)));
        Assert.Equal(OrderingErrorCode.EventNotOnSale, refused.Code);
        Assert.Equal(new PoolCounts(500, 0, 0), await Selling.CountsAsync(database, draft.TicketTypes[0].Id));
        Assert.Equal(new PoolCounts(500, 0, 0), await Selling.CountsAsync(database, cancelled.TicketTypes[0].Id));
    }

    [Fact]
    public async Task Per_order_limits_are_enforced_with_the_limit_reported()
    {
        var e = await Selling.EventAsync(database, e =>
            e.AddTicketType(new TicketTypeDetails("Table", null, Tnd(300), 40, MinPerOrder: 2, MaxPerOrder: 6), Seed.Now));
        var table = e.TypeNamed("Table");
        var buyer = await Selling.BuyerAsync(database);

        var tooFew = await Selling.RefusedAsync(database, e, Selling.Request(e, buyer, Selling.Items(table, 1)));
        var tooMany = await Selling.RefusedAsync(database, e, Selling.Request(e, buyer, Selling.Items(table, 7)));
        var zero = await Selling.RefusedAsync(database, e, Selling.Request(e, buyer, Selling.Items(table, 0)));
        var empty = await Selling.RefusedAsync(database, e, Selling.Request(e, buyer, []));

        Assert.Equal((OrderingErrorCode.LimitExceeded, 2), (tooFew.Code, tooFew.Limit));
        Assert.Equal((OrderingErrorCode.LimitExceeded, 6), (tooMany.Code, tooMany.Limit));
        Assert.Equal(OrderingErrorCode.InvalidQuantity, zero.Code);
        Assert.Equal(OrderingErrorCode.InvalidQuantity, empty.Code);
        Assert.Equal(new PoolCounts(40, 0, 0), await Selling.CountsAsync(database, table.Id));
        Assert.Equal(6, (await Selling.ReserveAsync(database, e, buyer, table, 6)).TicketCount);
    }

    [Fact]
    public async Task The_per_buyer_limit_counts_every_order_of_the_buyer_for_the_event()
    {
        var e = await Selling.EventAsync(database, e =>
        {
            Selling.LimitPerBuyer(e, 5);
            e.AddTicketType(Selling.Type("Balcon", 100, price: 30), Seed.Now);
        });
        var regular = e.TypeNamed("Regular");
        var balcony = e.TypeNamed("Balcon");
        var buyer = await Selling.BuyerAsync(database);
        var other = await Selling.BuyerAsync(database);

        await Selling.ReserveAsync(database, e, buyer, regular, 3);
        var refused = await Selling.RefusedAsync(database, e, Selling.Request(e, buyer, Selling.Items(balcony, 3)));
        Assert.Equal((OrderingErrorCode.LimitExceeded, 5), (refused.Code, refused.Limit));
        Assert.Equal(new PoolCounts(100, 0, 0), await Selling.CountsAsync(database, balcony.Id));
        Assert.Equal(3, await Selling.AllowanceAsync(database, e.Id, buyer.Id));

        await Selling.ReserveAsync(database, e, buyer, balcony, 2);
        Assert.Equal(5, await Selling.AllowanceAsync(database, e.Id, buyer.Id));
        var oneMore = await Selling.RefusedAsync(database, e, Selling.Request(e, buyer, Selling.Items(regular, 1)));
        Assert.Equal(OrderingErrorCode.LimitExceeded, oneMore.Code);

        // One order above the limit is refused on its own; another buyer has a limit of their own.
        var alone = await Selling.RefusedAsync(database, e, Selling.Request(e, other, Selling.Items(regular, 6)));
        Assert.Equal((OrderingErrorCode.LimitExceeded, 5), (alone.Code, alone.Limit));
        await Selling.ReserveAsync(database, e, other, regular, 5);
        Assert.Equal(5, await Selling.AllowanceAsync(database, e.Id, other.Id));
    }

    [Fact]
    public async Task A_refused_reservation_gives_back_the_allowance_and_promo_uses_it_took()
    {
        var e = await Selling.EventAsync(database, e =>
        {
            Selling.LimitPerBuyer(e, 10);
            e.AddTicketType(Selling.Type("Loge", 2), Seed.Now);
            e.CreatePromoCode(new PromoCodeDetails("LOGE", DiscountKind.Percentage, 20, null, 10, null, null, null), Seed.Now);
        });
        var loge = e.TypeNamed("Loge");
        var buyer = await Selling.BuyerAsync(database);

        // Promo use and allowance are counted before the holds; the sold-out hold rolls them back.
        var refused = await Selling.RefusedAsync(database, e, Selling.Request(e, buyer, Selling.Items(loge, 3), "LOGE"));

        Assert.Equal(OrderingErrorCode.SoldOut, refused.Code);
        Assert.Equal(0, await Selling.TimesUsedAsync(database, e.PromoCodes[0].Id));
        Assert.Equal(0, await Selling.AllowanceAsync(database, e.Id, buyer.Id));
        await using var db = database.CreateContext();
        Assert.False(await db.Orders.AnyAsync(o => o.EventId == e.Id));
    }

    [Fact]
    public async Task A_promo_code_s_maximum_uses_counts_discounted_tickets_and_is_never_exceeded()
    {
        var e = await Selling.EventAsync(database, e =>
            e.CreatePromoCode(new PromoCodeDetails("TROIS", DiscountKind.Percentage, 50, null, 3, null, null, null), Seed.Now));
        var regular = e.TypeNamed("Regular");
        var promo = e.PromoCodes.Single();
        var buyer = await Selling.BuyerAsync(database);

        await Selling.ReserveAsync(database, e, buyer, regular, 2, "TROIS");
        Assert.Equal(2, await Selling.TimesUsedAsync(database, promo.Id));

        // The event as loaded still says 0 uses: the count in the database decides.
        var usedUp = await Selling.RefusedAsync(database, e, Selling.Request(e, buyer, Selling.Items(regular, 2), "TROIS"));
        Assert.Equal(OrderingErrorCode.InvalidPromoCode, usedUp.Code);
        Assert.Equal(2, await Selling.TimesUsedAsync(database, promo.Id));
        Assert.Equal(new PoolCounts(500, 0, 2), await Selling.CountsAsync(database, regular.Id));

        await Selling.ReserveAsync(database, e, buyer, regular, 1, "TROIS");
        Assert.Equal(3, await Selling.TimesUsedAsync(database, promo.Id));
        var none = await Selling.RefusedAsync(database, e, Selling.Request(e, buyer, Selling.Items(regular, 1), "TROIS"));
        Assert.Equal(OrderingErrorCode.InvalidPromoCode, none.Code);
        // Without the code, buying goes on.
        await Selling.ReserveAsync(database, e, buyer, regular, 1);
        Assert.Equal(3, await Selling.TimesUsedAsync(database, promo.Id));
    }

    [Fact]
    public async Task A_retry_with_the_same_idempotency_key_returns_the_first_order_and_takes_nothing_more()
    {
        var e = await Selling.EventAsync(database);
        var regular = e.TypeNamed("Regular");
        var buyer = await Selling.BuyerAsync(database);
        var request = Selling.Request(e, buyer, Selling.Items(regular, 2), idempotencyKey: "checkout-" + Seed.Unique());

        var first = await Selling.ReserveAsync(database, e, request);
        var retry = await Selling.ReserveAsync(database, e, request with { Items = [.. request.Items] });

        Assert.False(first.Replayed);
        Assert.True(retry.Replayed);
        Assert.Equal(first.Order.Id, retry.Order.Id);
        Assert.Equal(first.Order.Number, retry.Order.Number);
        Assert.Equal(2, retry.Order.TicketCount);
        Assert.Equal(new PoolCounts(500, 0, 2), await Selling.CountsAsync(database, regular.Id));

        // Another buyer may use the same key for their own order.
        var other = await Selling.BuyerAsync(database);
        var theirs = await Selling.ReserveAsync(database, e, request with { BuyerId = other.Id, BuyerEmail = other.Email });
        Assert.False(theirs.Replayed);
        Assert.NotEqual(first.Order.Id, theirs.Order.Id);
    }

    [Fact]
    public async Task The_same_idempotency_key_with_a_different_request_is_refused()
    {
        var e = await Selling.EventAsync(database);
        var regular = e.TypeNamed("Regular");
        var buyer = await Selling.BuyerAsync(database);
        var request = Selling.Request(e, buyer, Selling.Items(regular, 2), idempotencyKey: "checkout-" + Seed.Unique());
        var first = await Selling.ReserveAsync(database, e, request);

        var reused = await Selling.RefusedAsync(database, e, request with { Items = Selling.Items(regular, 3) });

        Assert.Equal(OrderingErrorCode.IdempotencyKeyReused, reused.Code);
        Assert.Equal(new PoolCounts(500, 0, 2), await Selling.CountsAsync(database, regular.Id));
        await using var db = database.CreateContext();
        Assert.Equal([first.Order.Id], await db.Orders.Where(o => o.EventId == e.Id).Select(o => o.Id).ToListAsync());
    }

    [Fact]
    public async Task A_free_order_is_paid_at_once_with_its_tickets_and_confirmation_email()
    {
        var e = await Selling.EventAsync(database, e => e.AddTicketType(Selling.Type("Invitation", 30, price: 0), Seed.Now));
        var invitation = e.TypeNamed("Invitation");
        var buyer = await Selling.BuyerAsync(database);

        var order = await Selling.ReserveAsync(database, e, buyer, invitation, 3);

        var stored = await Selling.OrderAsync(database, order.Id);
        Assert.Equal(OrderStatus.Paid, stored.Status);
        Assert.Equal(Selling.Now, stored.PaidAt);
        Assert.True(stored.IsFree);
        Assert.Equal(new PoolCounts(30, 3, 0), await Selling.CountsAsync(database, invitation.Id));
        await using var db = database.CreateContext();
        var tickets = await db.Tickets.AsNoTracking().Where(t => t.OrderId == order.Id).ToListAsync();
        Assert.Equal(3, tickets.Count);
        Assert.All(tickets, t => Assert.Equal((invitation.Id, TicketStatus.Valid, buyer.Email, buyer.Id, 1), (t.TicketTypeId, t.Status, t.HolderEmail, t.HolderId, t.Version)));
        var outbox = await db.OutboxMessages.AsNoTracking().Where(m => m.DeduplicationKey == $"confirmation:{order.Id}").SingleAsync();
        Assert.Equal(OrderBook.ConfirmationEmail, outbox.Kind);
        Assert.Equal("email.order-confirmation", outbox.Kind);
        Assert.Contains(order.Id.ToString(), outbox.Payload, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(["order.paid", "order.reserved"],
            (await db.AuditEntries.Where(a => a.SubjectId == order.Id).Select(a => a.Action).ToListAsync()).Order(StringComparer.Ordinal));
    }
}

public sealed class PostgresReservationTests(PostgresDatabase database) : ReservationTests(database), IClassFixture<PostgresDatabase>;

public sealed class SqliteReservationTests(SqliteDatabase database) : ReservationTests(database), IClassFixture<SqliteDatabase>;
