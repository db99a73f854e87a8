using Microsoft.EntityFrameworkCore;
using Tickr.Data.Ordering;
using Tickr.Domain.Catalog;
using Tickr.Domain.Ordering;
using Tickr.Domain.Ticketing;

namespace Tickr.Data.Tests.Ordering;

/// <summary>
/// Selling under real concurrency, on PostgreSQL only (SQLite runs one writer at a time, so races cannot happen
/// there): many buyers at once never oversell, never overuse a promo code or a per-buyer limit, a retried request
/// never makes two orders, and an order is released or paid once. Every caller has its own context and connection.
/// </summary>
public sealed class ConcurrentSellingTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    /// <summary>Runs <paramref name="count"/> calls at once (released together) and collects each result or exception.</summary>
    private static async Task<List<(T? Result, Exception? Error)>> RaceAsync<T>(int count, Func<int, Task<T>> call)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, count).Select(i => Task.Run(async () =>
        {
            await start.Task;
            try
            {
                return (Result: await call(i), Error: (Exception?)null);
            }
            catch (Exception e)
            {
                return (Result: default(T), Error: e);
            }
        })).ToList();
        start.SetResult();
        return [.. await Task.WhenAll(tasks)];
    }

    [Theory]
    [InlineData(50, 40)]
    [InlineData(150, 80)]
    public async Task Parallel_reservations_never_hold_more_than_the_capacity(int capacity, int buyers)
    {
        var e = await Selling.EventAsync(database, e => e.AddTicketType(Selling.Type("Concert", capacity), Seed.Now));
        var type = e.TypeNamed("Concert");
        var buyer = await Selling.BuyerAsync(database);

        var results = await RaceAsync(buyers, i => Selling.ReserveAsync(database, e, buyer, type, 1 + i % 4));

        var orders = results.Where(r => r.Result is not null).Select(r => r.Result!).ToList();
        var counts = await Selling.CountsAsync(database, type.Id);
        Assert.Equal(orders.Sum(o => o.TicketCount), counts.Held);
        Assert.InRange(counts.Held, 1, capacity);
        Assert.Equal(0, counts.Sold);
        Assert.All(await Selling.BucketsAsync(database, type.Id), b => Assert.InRange(b.Held, 0, b.Capacity));
        foreach (var order in orders)
        {
            Assert.Equal(order.TicketCount, (await Selling.HoldsAsync(database, order.Id)).Sum(h => h.Quantity));
        }
        // More was asked than there is: some were refused, all of them as sold out.
        var failures = results.Where(r => r.Error is not null).Select(r => r.Error!).ToList();
        Assert.NotEmpty(failures);
        Assert.All(failures, f => Assert.Equal(OrderingErrorCode.SoldOut, Assert.IsType<OrderingException>(f).Code));
        await using var db = database.CreateContext();
        Assert.Equal(orders.Count, await db.Orders.CountAsync(o => o.EventId == e.Id));
    }

    [Fact]
    public async Task Two_parallel_requests_with_the_same_idempotency_key_make_one_order()
    {
        var e = await Selling.EventAsync(database);
        var type = e.TicketTypes[0];
        for (var round = 0; round < 5; round++)
        {
            var buyer = await Selling.BuyerAsync(database);
            var request = Selling.Request(e, buyer, Selling.Items(type, 2), idempotencyKey: "pay-button-" + round);

            var results = await RaceAsync(2, _ => Selling.ReserveAsync(database, e, request));

            Assert.All(results, r => Assert.Null(r.Error));
            var outcomes = results.Select(r => r.Result!).ToList();
            Assert.Equal(outcomes[0].Order.Id, outcomes[1].Order.Id);
            Assert.Equal(1, outcomes.Count(o => o.Replayed));
            await using var db = database.CreateContext();
            Assert.Equal(1, await db.Orders.CountAsync(o => o.BuyerId == buyer.Id));
            Assert.Equal(2, await db.OrderHolds.Where(h => h.OrderId == outcomes[0].Order.Id).SumAsync(h => h.Quantity));
        }
        Assert.Equal(new PoolCounts(500, 0, 10), await Selling.CountsAsync(database, type.Id));
    }

    [Fact]
    public async Task Parallel_orders_never_use_a_promo_code_beyond_its_maximum()
    {
        var e = await Selling.EventAsync(database, e =>
            e.CreatePromoCode(new PromoCodeDetails("CINQ", DiscountKind.Percentage, 20, null, 5, null, null, null), Seed.Now));
        var type = e.TicketTypes[0];
        var buyer = await Selling.BuyerAsync(database);

        var results = await RaceAsync(12, _ => Selling.ReserveAsync(database, e, buyer, type, 1, "CINQ"));

        Assert.Equal(5, results.Count(r => r.Result is not null));
        Assert.All(results.Where(r => r.Error is not null),
            r => Assert.Equal(OrderingErrorCode.InvalidPromoCode, Assert.IsType<OrderingException>(r.Error).Code));
        Assert.Equal(5, await Selling.TimesUsedAsync(database, e.PromoCodes[0].Id));
        Assert.Equal(new PoolCounts(500, 0, 5), await Selling.CountsAsync(database, type.Id));
    }

    [Fact]
    public async Task Parallel_orders_of_one_buyer_never_exceed_the_per_buyer_limit()
    {
        var e = await Selling.EventAsync(database, e => Selling.LimitPerBuyer(e, 4));
        var type = e.TicketTypes[0];
        var buyer = await Selling.BuyerAsync(database);

        var results = await RaceAsync(10, _ => Selling.ReserveAsync(database, e, buyer, type, 1));

        Assert.Equal(4, results.Count(r => r.Result is not null));
        Assert.All(results.Where(r => r.Error is not null),
            r => Assert.Equal(OrderingErrorCode.LimitExceeded, Assert.IsType<OrderingException>(r.Error).Code));
        Assert.Equal(4, await Selling.AllowanceAsync(database, e.Id, buyer.Id));
        Assert.Equal(new PoolCounts(500, 0, 4), await Selling.CountsAsync(database, type.Id));
    }

    [Fact]
    public async Task Two_parallel_releases_of_one_order_release_it_once()
    {
        var e = await Selling.EventAsync(database, e =>
        {
            Selling.LimitPerBuyer(e, 10);
            e.CreatePromoCode(new PromoCodeDetails("DIX", DiscountKind.Percentage, 10, null, 100, null, null, null), Seed.Now);
        });
        var type = e.TicketTypes[0];
        var buyer = await Selling.BuyerAsync(database);
        await Selling.ReserveAsync(database, e, buyer, type, 2, "DIX");
        var order = await Selling.ReserveAsync(database, e, buyer, type, 3, "DIX");

        var results = await RaceAsync(2, i => Selling.ReleaseAsync(database, order.Id, expired: i == 0));

        // The loser either lost the version check (false) or, when it read the order after the winner committed, was
        // refused for the order's status; either way it released nothing.
        Assert.All(results, r => Assert.True(r.Error is null or OrderingException { Code: OrderingErrorCode.InvalidOrderStatus }, r.Error?.ToString()));
        Assert.Equal(1, results.Count(r => r.Error is null && r.Result));
        Assert.Equal(new PoolCounts(500, 0, 2), await Selling.CountsAsync(database, type.Id));
        Assert.Equal(2, await Selling.TimesUsedAsync(database, e.PromoCodes[0].Id));
        Assert.Equal(2, await Selling.AllowanceAsync(database, e.Id, buyer.Id));
    }

    [Fact]
    public async Task Two_parallel_payment_confirmations_issue_the_tickets_once()
    {
        var e = await Selling.EventAsync(database);
        var type = e.TicketTypes[0];
        var buyer = await Selling.BuyerAsync(database);
        var order = await Selling.ReserveAsync(database, e, buyer, type, 3);

        var results = await RaceAsync(2, _ => Selling.ConfirmAsync(database, order.Id));

        // One confirms; the other sees it paid, or loses the race inside its transaction (and changes nothing).
        Assert.Equal(1, results.Count(r => r.Error is null && r.Result == ConfirmationOutcome.Paid));
        Assert.All(results.Where(r => r.Error is null), r => Assert.Contains(r.Result, new[] { ConfirmationOutcome.Paid, ConfirmationOutcome.AlreadyPaid }));
        Assert.Equal(new PoolCounts(500, 3, 0), await Selling.CountsAsync(database, type.Id));
        await using var db = database.CreateContext();
        Assert.Equal(3, await db.Tickets.CountAsync(t => t.OrderId == order.Id && t.Status == TicketStatus.Valid));
        Assert.Equal(1, await db.OutboxMessages.CountAsync(m => m.DeduplicationKey == $"confirmation:{order.Id}"));
        // A webhook retried after losing the race finds the order paid.
        Assert.Equal(ConfirmationOutcome.AlreadyPaid, await Selling.ConfirmAsync(database, order.Id));
    }

    [Fact]
    public async Task Releasing_an_order_takes_its_locks_in_the_order_reservations_do_so_the_two_never_deadlock()
    {
        // A reservation locks the promo code's row, then the buckets. A release that locked the buckets first and then
        // the promo code would deadlock with it; here the "reservation" is played by hand, statement by statement.
        var e = await Selling.EventAsync(database, e =>
        {
            e.AddTicketType(Selling.Type("Club", 40), Seed.Now); // one bucket
            e.CreatePromoCode(new PromoCodeDetails("CLUB", DiscountKind.Percentage, 10, null, null, null, null, null), Seed.Now);
        });
        var type = e.TypeNamed("Club");
        var promo = e.PromoCodes[0];
        var buyer = await Selling.BuyerAsync(database);
        var order = await Selling.ReserveAsync(database, e, buyer, type, 2, "CLUB");

        await using var reservation = database.CreateContext();
        await using var transaction = await reservation.Database.BeginTransactionAsync();
        await reservation.Database.ExecuteSqlRawAsync("SET LOCAL lock_timeout = '10s'");
        await reservation.Database.ExecuteSqlAsync($"UPDATE promo_codes SET times_used = times_used + 1 WHERE id = {promo.Id}");

        var release = Task.Run(() => Selling.ReleaseAsync(database, order.Id, expired: true));
        await WaitForALockWaitAsync(release);
        // The release is now waiting on the promo code; it must not hold the bucket this reservation takes next (if it
        // did, PostgreSQL would detect the deadlock and abort one of the two with 40P01).
        await reservation.Database.ExecuteSqlAsync($"UPDATE inventory_buckets SET held = held + 1 WHERE pool_id = {type.Id} AND bucket = 0");
        await transaction.CommitAsync();

        Assert.True(await release);
        Assert.Equal(new PoolCounts(40, 0, 1), await Selling.CountsAsync(database, type.Id));
        Assert.Equal(1, await Selling.TimesUsedAsync(database, promo.Id));
    }

    [Fact]
    public async Task A_reservation_skips_buckets_other_transactions_have_locked_instead_of_waiting_for_them()
    {
        var e = await Selling.EventAsync(database, e => e.AddTicketType(Selling.Type("Festival", 800), Seed.Now));
        var type = e.TypeNamed("Festival");
        Assert.Equal(16, (await Selling.BucketsAsync(database, type.Id)).Count);
        var buyer = await Selling.BuyerAsync(database);
        // Another buyer's transaction holds every bucket but number 7.
        await using var other = database.CreateContext();
        await using var transaction = await other.Database.BeginTransactionAsync();
        await other.Database.ExecuteSqlAsync($"SELECT 1 FROM inventory_buckets WHERE pool_id = {type.Id} AND bucket <> 7 FOR NO KEY UPDATE");

        var reserving = Selling.ReserveAsync(database, e, buyer, type, 3);
        var finished = await Task.WhenAny(reserving, Task.Delay(TimeSpan.FromSeconds(20)));

        Assert.Same(reserving, finished);
        var order = await reserving;
        var hold = Assert.Single(await Selling.HoldsAsync(database, order.Id));
        Assert.Equal((type.Id, (short)7, 3), (hold.PoolId, hold.Bucket, hold.Quantity));
        await transaction.RollbackAsync();
    }

    [Fact]
    public async Task When_only_a_busy_bucket_can_serve_the_order_the_reservation_waits_for_it()
    {
        var e = await Selling.EventAsync(database, e => e.AddTicketType(Selling.Type("Club", 100), Seed.Now));
        var type = e.TypeNamed("Club");
        Assert.Equal(2, (await Selling.BucketsAsync(database, type.Id)).Count);
        var buyer = await Selling.BuyerAsync(database);
        // Bucket 0 is full; bucket 1 is locked by a transaction that then gives up.
        await using (var db = database.CreateContext())
        {
            await db.Database.ExecuteSqlAsync($"UPDATE inventory_buckets SET held = capacity WHERE pool_id = {type.Id} AND bucket = 0");
        }
        await using var other = database.CreateContext();
        await using var transaction = await other.Database.BeginTransactionAsync();
        await other.Database.ExecuteSqlAsync($"UPDATE inventory_buckets SET held = held + 1 WHERE pool_id = {type.Id} AND bucket = 1");

        var reserving = Task.Run(() => Selling.ReserveAsync(database, e, buyer, type, 2));
        await WaitForALockWaitAsync(reserving);
        await transaction.RollbackAsync();

        var order = await reserving;
        var hold = Assert.Single(await Selling.HoldsAsync(database, order.Id));
        Assert.Equal(((short)1, 2), (hold.Bucket, hold.Quantity));
        Assert.Equal(new PoolCounts(100, 0, 52), await Selling.CountsAsync(database, type.Id));
    }

    [Fact]
    public async Task A_burst_that_drains_a_pool_sells_it_out_exactly_without_deadlocks()
    {
        var e = await Selling.EventAsync(database, e => e.AddTicketType(Selling.Type("Stade", 400), Seed.Now));
        var type = e.TypeNamed("Stade");
        var buyers = new List<Buyer>();
        for (var i = 0; i < 8; i++)
        {
            buyers.Add(await Selling.BuyerAsync(database));
        }

        // 64 at a time (the connection pool is 100): 320 requests for 1 to 4 tickets, about 800 asked for 400.
        var results = new List<(Order? Result, Exception? Error)>();
        var asked = new List<int>();
        for (var round = 0; round < 5; round++)
        {
            var quantities = Enumerable.Range(0, 64).Select(i => 1 + (i * 7 + round) % 4).ToList();
            asked.AddRange(quantities);
            results.AddRange(await RaceAsync(64, i => Selling.ReserveAsync(database, e, buyers[i % buyers.Count], type, quantities[i])));
        }

        var failures = results.Select((r, i) => (r.Error, Asked: asked[i])).Where(f => f.Error is not null).ToList();
        Assert.All(failures, f => Assert.Equal(OrderingErrorCode.SoldOut, Assert.IsType<OrderingException>(f.Error).Code));
        Assert.All(failures, f => Assert.InRange(((OrderingException)f.Error!).Remaining ?? -1, 0, f.Asked - 1));
        var counts = await Selling.CountsAsync(database, type.Id);
        var orders = results.Where(r => r.Result is not null).Select(r => r.Result!).ToList();
        Assert.Equal(orders.Sum(o => o.TicketCount), counts.Held);
        // Exactly sold out: what is left is less than any refused request asked.
        Assert.NotEmpty(failures);
        Assert.InRange(counts.Remaining, 0, failures.Min(f => f.Asked) - 1);
        Assert.All(await Selling.BucketsAsync(database, type.Id), b => Assert.InRange(b.Held, 0, b.Capacity));
        foreach (var order in orders)
        {
            Assert.Equal(order.TicketCount, (await Selling.HoldsAsync(database, order.Id)).Sum(h => h.Quantity));
        }
    }

    private async Task WaitForALockWaitAsync(Task running)
    {
        await using var db = database.CreateContext();
        for (var i = 0; i < 200; i++)
        {
            var waiting = await db.Database.SqlQueryRaw<int>(
                "SELECT count(*)::int AS \"Value\" FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'").SingleAsync();
            if (waiting > 0)
            {
                return;
            }
            Assert.False(running.IsCompleted, "the release finished without waiting");
            await Task.Delay(25);
        }
        Assert.Fail("the release never waited on the reservation's lock");
    }
}
