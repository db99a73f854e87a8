using Microsoft.EntityFrameworkCore;
using Tickr.Data.Ordering;
using Tickr.Domain.Catalog;
using Tickr.Domain.Common;
using Tickr.Domain.Ordering;

namespace Tickr.Data.Tests.Ordering;

/// <summary>
/// The inventory buckets follow the catalog: a new ticket type or quota gets buckets adding up to its capacity, a
/// capacity edit is spread over them, and no edit can take a pool below what it sold or holds.
/// </summary>
public abstract class InventoryStoreTests(ITestDatabase database)
{
    private static void AssertSpread(List<InventoryBucket> buckets, int capacity)
    {
        Assert.Equal(capacity, buckets.Sum(b => b.Capacity));
        Assert.All(buckets, b => Assert.True(b.Held + b.Sold <= b.Capacity));
        // The free places are shared evenly: no bucket has more than one free place more than another.
        var free = buckets.Select(b => b.Capacity - b.Held - b.Sold).ToList();
        Assert.InRange(free.Max() - free.Min(), 0, 1);
        Assert.Equal(Enumerable.Range(0, buckets.Count).Select(i => (short)i), buckets.Select(b => b.Bucket));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(99, 1)]
    [InlineData(100, 2)]
    [InlineData(500, 10)]
    [InlineData(1_000, 16)]
    [InlineData(250_001, 16)]
    public async Task A_new_ticket_type_gets_buckets_adding_up_to_its_capacity(int capacity, int buckets)
    {
        Assert.Equal(buckets, InventoryStore.BucketCountFor(capacity));
        var e = await Selling.EventAsync(database, e => e.AddTicketType(Selling.Type("Tribune", capacity), Seed.Now), publish: false);
        var type = e.TypeNamed("Tribune");

        var stored = await Selling.BucketsAsync(database, type.Id);

        Assert.Equal(buckets, stored.Count);
        AssertSpread(stored, capacity);
        Assert.All(stored, b => Assert.Equal((e.Id, 0, 0), (b.EventId, b.Held, b.Sold)));
        Assert.Equal(new PoolCounts(capacity, 0, 0), await Selling.CountsAsync(database, type.Id));
    }

    [Fact]
    public async Task Raising_a_capacity_adds_buckets_and_spreads_the_new_places_keeping_what_each_bucket_sold_or_holds()
    {
        var e = await Selling.EventAsync(database, e => e.AddTicketType(Selling.Type("Gradins", 200), Seed.Now));
        var type = e.TypeNamed("Gradins");
        var buyer = await Selling.BuyerAsync(database);
        var paid = await Selling.ReserveAsync(database, e, buyer, type, 7);
        Assert.Equal(ConfirmationOutcome.Paid, await Selling.ConfirmAsync(database, paid.Id));
        await Selling.ReserveAsync(database, e, buyer, type, 5);
        var before = await Selling.BucketsAsync(database, type.Id);

        await SetCapacityAsync(type.Id, 1_000);

        var after = await Selling.BucketsAsync(database, type.Id);
        Assert.Equal(16, after.Count);
        AssertSpread(after, 1_000);
        // Every existing bucket kept its sales and holds; the new ones start empty.
        Assert.Equal(before.Select(b => (b.Bucket, b.Held, b.Sold)), after.Take(before.Count).Select(b => (b.Bucket, b.Held, b.Sold)));
        Assert.All(after.Skip(before.Count), b => Assert.Equal((0, 0), (b.Held, b.Sold)));
        Assert.Equal(new PoolCounts(1_000, 7, 5), await Selling.CountsAsync(database, type.Id));
    }

    [Fact]
    public async Task Lowering_a_capacity_spreads_the_cut_over_the_buckets_down_to_exactly_what_is_sold_and_held()
    {
        var e = await Selling.EventAsync(database, e => e.AddTicketType(Selling.Type("Pelouse", 800), Seed.Now));
        var type = e.TypeNamed("Pelouse");
        var buyer = await Selling.BuyerAsync(database);
        var paid = await Selling.ReserveAsync(database, e, buyer, type, 9);
        await Selling.ConfirmAsync(database, paid.Id);
        await Selling.ReserveAsync(database, e, buyer, type, 4);

        await SetCapacityAsync(type.Id, 300);
        var lowered = await Selling.BucketsAsync(database, type.Id);
        Assert.Equal(16, lowered.Count); // buckets are never removed: they may carry sales
        AssertSpread(lowered, 300);
        Assert.Equal(new PoolCounts(300, 9, 4), await Selling.CountsAsync(database, type.Id));

        await SetCapacityAsync(type.Id, 13);
        var sold = await Selling.BucketsAsync(database, type.Id);
        Assert.All(sold, b => Assert.Equal(b.Capacity, b.Held + b.Sold));
        Assert.Equal(new PoolCounts(13, 9, 4), await Selling.CountsAsync(database, type.Id));
    }

    [Fact]
    public async Task Lowering_a_capacity_below_what_is_sold_and_held_is_refused_and_changes_nothing()
    {
        var e = await Selling.EventAsync(database, e => e.AddTicketType(Selling.Type("Balcon", 120), Seed.Now));
        var type = e.TypeNamed("Balcon");
        var buyer = await Selling.BuyerAsync(database);
        var paid = await Selling.ReserveAsync(database, e, buyer, type, 6);
        await Selling.ConfirmAsync(database, paid.Id);
        await Selling.ReserveAsync(database, e, buyer, type, 3);
        var before = await Selling.BucketsAsync(database, type.Id);

        // The organizer's screen was loaded before these sales (the type's counts were not read): the buckets refuse.
        var thrown = await Assert.ThrowsAsync<DomainException>(() => SetCapacityAsync(type.Id, 8));
        Assert.Equal(DomainErrorCode.CapacityBelowSold, thrown.Code);

        Assert.Equal(before.Select(b => (b.Bucket, b.Capacity, b.Held, b.Sold)),
            (await Selling.BucketsAsync(database, type.Id)).Select(b => (b.Bucket, b.Capacity, b.Held, b.Sold)));
        await using (var db = database.CreateContext())
        {
            Assert.Equal(120, await db.TicketTypes.Where(t => t.Id == type.Id).Select(t => t.Capacity).SingleAsync());
        }

        // With the counts loaded, the domain refuses it before anything is written.
        await using (var db = database.CreateContext())
        {
            var tracked = await db.Events.Include(x => x.TicketTypes).Include(x => x.Quotas).SingleAsync(x => x.Id == e.Id);
            await InventoryStore.HydrateAsync(db, tracked, default);
            Assert.Equal((6, 3), (tracked.TypeNamed("Balcon").Sold, tracked.TypeNamed("Balcon").Held));
            var refused = Assert.Throws<DomainException>(() => tracked.TypeNamed("Balcon").SetCapacity(8));
            Assert.Equal(DomainErrorCode.CapacityBelowSold, refused.Code);
        }
        Assert.Equal(new PoolCounts(120, 6, 3), await Selling.CountsAsync(database, type.Id));
    }

    [Fact]
    public async Task A_quota_created_after_sales_started_counts_what_its_types_already_sold_or_hold()
    {
        var e = await Selling.EventAsync(database, e =>
        {
            e.AddTicketType(Selling.Type("Early", 100), Seed.Now);
            e.AddTicketType(Selling.Type("Late", 100), Seed.Now);
        });
        var early = e.TypeNamed("Early");
        var late = e.TypeNamed("Late");
        var buyer = await Selling.BuyerAsync(database);
        var paid = await Selling.ReserveAsync(database, e, buyer, early, 5);
        await Selling.ConfirmAsync(database, paid.Id);
        await Selling.ReserveAsync(database, e, buyer, late, 3);

        Guid quotaId;
        await using (var db = database.CreateContext())
        {
            var tracked = await db.Events.Include(x => x.TicketTypes).Include(x => x.Quotas).SingleAsync(x => x.Id == e.Id);
            await InventoryStore.HydrateAsync(db, tracked, default);
            quotaId = tracked.CreateQuota("Salle", 12, [early.Id, late.Id], Seed.Now).Id;
            await db.SaveChangesAsync();
        }

        var counts = await Selling.CountsAsync(database, quotaId);
        Assert.Equal(12, counts.Capacity);
        Assert.Equal(8, counts.Sold + counts.Held);
        Assert.Equal(4, counts.Remaining);
        // So the two types together sell 4 more, not 12.
        e = await Selling.LoadAsync(database, e.Id);
        await Selling.ReserveAsync(database, e, buyer, early, 3);
        var refused = await Selling.RefusedAsync(database, e, Selling.Request(e, buyer, Selling.Items(late, 2)));
        Assert.Equal((OrderingErrorCode.SoldOut, 1), (refused.Code, refused.Remaining));
        await Selling.ReserveAsync(database, e, buyer, late, 1);
        Assert.Equal(0, (await Selling.CountsAsync(database, quotaId)).Remaining);
    }

    [Fact]
    public async Task A_quota_s_capacity_edit_is_spread_over_its_buckets_too()
    {
        var e = await Selling.EventAsync(database, e => e.CreateQuota("Fosse", 150, [e.TicketTypes[0].Id], Seed.Now));
        var quota = e.Quotas.Single();
        Assert.Equal(3, (await Selling.BucketsAsync(database, quota.Id)).Count);

        await using (var db = database.CreateContext())
        {
            var tracked = await db.Events.Include(x => x.TicketTypes).Include(x => x.Quotas).SingleAsync(x => x.Id == e.Id);
            tracked.UpdateQuota(quota.Id, "Fosse", 420, Seed.Now);
            await db.SaveChangesAsync();
        }

        var buckets = await Selling.BucketsAsync(database, quota.Id);
        Assert.Equal(InventoryStore.BucketCountFor(420), buckets.Count);
        AssertSpread(buckets, 420);
    }

    [Fact]
    public async Task Reading_and_hydrating_report_each_pool_s_capacity_sold_and_held()
    {
        var e = await Selling.EventAsync(database, e => e.CreateQuota("Salle", 300, [e.TicketTypes[0].Id], Seed.Now));
        var type = e.TicketTypes[0];
        var buyer = await Selling.BuyerAsync(database);
        var paid = await Selling.ReserveAsync(database, e, buyer, type, 2);
        await Selling.ConfirmAsync(database, paid.Id);
        await Selling.ReserveAsync(database, e, buyer, type, 3);

        await using var db = database.CreateContext();
        var counts = await InventoryStore.ReadAsync(db, [type.Id, e.Quotas[0].Id, Guid.NewGuid()], default);
        Assert.Equal(2, counts.Count); // a pool without buckets is left out
        Assert.Equal((500, 2, 3, 495), (counts[type.Id].Capacity, counts[type.Id].Sold, counts[type.Id].Held, counts[type.Id].Remaining));
        Assert.Equal(new PoolCounts(300, 2, 3), counts[e.Quotas[0].Id]);

        var loaded = await db.Events.AsNoTracking().Include(x => x.TicketTypes).Include(x => x.Quotas).SingleAsync(x => x.Id == e.Id);
        Assert.Equal((0, 0), (loaded.TicketTypes[0].Sold, loaded.TicketTypes[0].Held)); // not stored on the row
        await InventoryStore.HydrateAsync(db, loaded, default);
        Assert.Equal((2, 3, 495), (loaded.TicketTypes[0].Sold, loaded.TicketTypes[0].Held, loaded.TicketTypes[0].Remaining));
        Assert.Equal((2, 3, 295), (loaded.Quotas[0].Sold, loaded.Quotas[0].Held, loaded.Quotas[0].Remaining));
    }

    /// <summary>An organizer's capacity edit, made without reading the counts first.</summary>
    private async Task SetCapacityAsync(Guid ticketTypeId, int capacity)
    {
        await using var db = database.CreateContext();
        var type = await db.TicketTypes.SingleAsync(t => t.Id == ticketTypeId);
        type.SetCapacity(capacity);
        await db.SaveChangesAsync();
    }
}

public sealed class PostgresInventoryStoreTests(PostgresDatabase database) : InventoryStoreTests(database), IClassFixture<PostgresDatabase>;

public sealed class SqliteInventoryStoreTests(SqliteDatabase database) : InventoryStoreTests(database), IClassFixture<SqliteDatabase>;
