using Microsoft.EntityFrameworkCore;
using Tickr.Data.Ordering;
using Tickr.Domain.Catalog;
using Tickr.Domain.Common;
using Tickr.Domain.Ordering;

namespace Tickr.Data.Tests.Ordering;

/// <summary>
/// The sale rules kept in memory between reservations: an edit saved through EF (any context of the process) is seen
/// by the next reservation; a change made behind EF's back (another server instance, SQL) within the cache's maximum
/// age.
/// </summary>
public abstract class SaleRulesCacheTests(ITestDatabase database)
{
    private readonly ManualTime _time = new();

    private SaleRulesCache Cache(TimeSpan? maxAge = null) => new(new Contexts(database), _time, maxAge ?? TimeSpan.FromMinutes(1));

    private static Money Tnd(decimal amount) => Money.FromDecimal(amount, Currency.Tnd);

    [Fact]
    public async Task A_price_or_sales_window_saved_through_EF_applies_to_the_next_reservation_at_once()
    {
        var e = await Selling.EventAsync(database);
        var regular = e.TypeNamed("Regular");
        var cache = Cache();
        var buyer = await Selling.BuyerAsync(database);
        var cached = (await cache.GetAsync(e.Id, default))!;
        Assert.Same(cached, await cache.GetAsync(e.Id, default));
        Assert.Equal(Tnd(50), cached.TypeNamed("Regular").Price);

        await EditAsync(e.Id, tracked => tracked.UpdateTicketType(regular.Id,
            new TicketTypeDetails("Regular", null, Tnd(65), 500), Seed.Now));

        var fresh = (await cache.GetAsync(e.Id, default))!;
        Assert.Equal(Tnd(65), fresh.TypeNamed("Regular").Price);
        var order = (await Selling.ReserveAsync(database, fresh, Selling.Request(fresh, buyer, Selling.Items(regular, 1)))).Order;
        Assert.Equal(Tnd(65).MinorUnits, order.Lines.Single().UnitPriceMinorUnits);

        // Sales that have not opened yet refuse the next reservation.
        await EditAsync(e.Id, tracked => tracked.UpdateTicketType(regular.Id,
            new TicketTypeDetails("Regular", null, Tnd(65), 500, SalesStartAt: Selling.Now.AddDays(2)), Seed.Now));
        var closed = (await cache.GetAsync(e.Id, default))!;
        var refused = await Selling.RefusedAsync(database, closed, Selling.Request(closed, buyer, Selling.Items(regular, 1)));
        Assert.Equal(OrderingErrorCode.SalesClosed, refused.Code);
    }

    [Fact]
    public async Task New_promo_codes_quotas_and_ticket_types_invalidate_the_event()
    {
        var e = await Selling.EventAsync(database);
        var cache = Cache();
        Assert.Empty((await cache.GetAsync(e.Id, default))!.PromoCodes);

        await EditAsync(e.Id, tracked => tracked.CreatePromoCode(
            new PromoCodeDetails("ETE", DiscountKind.Percentage, 10, null, null, null, null, null), Seed.Now));
        Assert.Single((await cache.GetAsync(e.Id, default))!.PromoCodes);

        var regular = e.TypeNamed("Regular");
        await EditAsync(e.Id, tracked => tracked.CreateQuota("Salle", 100, [regular.Id], Seed.Now));
        Assert.Single((await cache.GetAsync(e.Id, default))!.Quotas);

        await EditAsync(e.Id, tracked => tracked.AddTicketType(Selling.Type("Balcon", 20), Seed.Now));
        Assert.Equal(2, (await cache.GetAsync(e.Id, default))!.TicketTypes.Count);
    }

    [Fact]
    public async Task A_change_made_behind_EFs_back_is_seen_once_the_maximum_age_has_passed()
    {
        var e = await Selling.EventAsync(database);
        var regular = e.TypeNamed("Regular");
        var cache = Cache(TimeSpan.FromSeconds(1));
        Assert.Equal(Tnd(50), (await cache.GetAsync(e.Id, default))!.TypeNamed("Regular").Price);
        await using (var db = database.CreateContext())
        {
            var price = Tnd(70).MinorUnits;
            await db.Database.ExecuteSqlAsync($"UPDATE ticket_types SET price = {price} WHERE id = {regular.Id}");
        }

        _time.Advance(TimeSpan.FromMilliseconds(900));
        Assert.Equal(Tnd(50), (await cache.GetAsync(e.Id, default))!.TypeNamed("Regular").Price);
        _time.Advance(TimeSpan.FromMilliseconds(200));
        Assert.Equal(Tnd(70), (await cache.GetAsync(e.Id, default))!.TypeNamed("Regular").Price);
    }

    [Fact]
    public async Task An_unknown_event_is_null_and_a_zero_maximum_age_reads_every_time()
    {
        Assert.Null(await Cache().GetAsync(Guid.NewGuid(), default));
        var e = await Selling.EventAsync(database);
        var uncached = Cache(TimeSpan.Zero);
        Assert.NotSame(await uncached.GetAsync(e.Id, default), await uncached.GetAsync(e.Id, default));
    }

    private async Task EditAsync(Guid eventId, Action<Event> edit)
    {
        await using var db = database.CreateContext();
        var tracked = await db.Events.Include(x => x.TicketTypes).Include(x => x.Quotas).Include(x => x.PromoCodes).SingleAsync(x => x.Id == eventId);
        edit(tracked);
        await db.SaveChangesAsync();
    }

    private sealed class Contexts(ITestDatabase database) : IDbContextFactory<TickrDbContext>
    {
        public TickrDbContext CreateDbContext() => database.CreateContext();
    }

    private sealed class ManualTime : TimeProvider
    {
        private long _ticks = 1_000_000;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Read(ref _ticks);

        public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
    }
}

public sealed class PostgresSaleRulesCacheTests(PostgresDatabase database) : SaleRulesCacheTests(database), IClassFixture<PostgresDatabase>;

public sealed class SqliteSaleRulesCacheTests(SqliteDatabase database) : SaleRulesCacheTests(database), IClassFixture<SqliteDatabase>;
