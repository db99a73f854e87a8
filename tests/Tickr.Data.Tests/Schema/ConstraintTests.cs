using Microsoft.EntityFrameworkCore;
using Tickr.Data.Ordering;
using Tickr.Domain.Catalog;
using Tickr.Domain.Common;
using Tickr.Domain.Identity;
using Tickr.Domain.Ordering;

namespace Tickr.Data.Tests.Schema;

/// <summary>
/// The database repeats the domain's invariants as CHECK constraints and unique indexes, so that code bypassing the
/// domain (a bulk update, raw SQL, a bug in a use case) still cannot oversell, overuse a code or duplicate a slug.
/// </summary>
public abstract class ConstraintTests(ITestDatabase database)
{
    private DatabaseProvider Provider => database.Provider;

    /// <summary>An event with a 500-place ticket type, a 300-place quota over it, a 10 % code limited to 100 uses and a 5 TND code.</summary>
    private async Task<(Organization Organization, Event Event)> SeedAsync()
    {
        await using var db = database.CreateContext();
        var organization = await Seed.OrganizationAsync(db);
        var e = Seed.Event(organization);
        e.CreateQuota("Salle", 300, [e.TicketTypes[0].Id], Seed.Now);
        e.CreatePromoCode(new PromoCodeDetails("SUMMER27", DiscountKind.Percentage, 10, null, 100, null, null, null), Seed.Now);
        e.CreatePromoCode(new PromoCodeDetails("MINUS5", DiscountKind.FixedAmount, null, Money.FromMajor(5, Currency.Tnd), null, null, null, null), Seed.Now);
        db.Events.Add(e);
        await db.SaveChangesAsync();
        return (organization, e);
    }

    /// <summary>The buckets of a pool (a ticket type or a quota), in bucket order.</summary>
    private static IQueryable<InventoryBucket> Buckets(TickrDbContext db, Guid poolId) =>
        db.InventoryBuckets.Where(b => b.PoolId == poolId).OrderBy(b => b.Bucket);

    [Fact]
    public async Task Selling_more_tickets_than_a_bucket_holds_is_refused_by_the_database_even_in_a_bulk_update()
    {
        var (_, e) = await SeedAsync();
        var id = e.TicketTypes[0].Id;
        await using var db = database.CreateContext();
        // 500 places: ten buckets of 50.
        Assert.Equal(Enumerable.Repeat(50, 10), await Buckets(db, id).Select(b => b.Capacity).ToListAsync());

        var thrown = await Record.ExceptionAsync(() =>
            Buckets(db, id).ExecuteUpdateAsync(s => s.SetProperty(b => b.Sold, b => b.Capacity - 9).SetProperty(b => b.Held, 10)));
        Violation.Check(thrown, Provider, "ck_inventory_buckets_capacity");
        Assert.Equal(new PoolCounts(500, 0, 0), (await InventoryStore.ReadAsync(db, [id], default))[id]);

        // Exactly the capacity is allowed.
        Assert.Equal(10, await Buckets(db, id).ExecuteUpdateAsync(s => s.SetProperty(b => b.Sold, b => b.Capacity - 10).SetProperty(b => b.Held, 10)));
        var counts = (await InventoryStore.ReadAsync(db, [id], default))[id];
        Assert.Equal((500, 400, 100, 0), (counts.Capacity, counts.Sold, counts.Held, counts.Remaining));
    }

    [Fact]
    public async Task The_atomic_hold_update_never_oversells_because_its_condition_and_the_constraint_agree()
    {
        var (_, e) = await SeedAsync();
        var id = e.TicketTypes[0].Id;
        await using var db = database.CreateContext();

        // What the inventory store does on one bucket: a conditional increment. 48 held, then 2 more fit, then 1 does not.
        Assert.Equal(1, await Hold(48));
        Assert.Equal(1, await Hold(2));
        Assert.Equal(0, await Hold(1));
        // Without the condition, the database refuses it anyway.
        var thrown = await Record.ExceptionAsync(() =>
            db.InventoryBuckets.Where(b => b.PoolId == id && b.Bucket == 3).ExecuteUpdateAsync(s => s.SetProperty(b => b.Held, b => b.Held + 1)));
        Violation.Check(thrown, Provider, "ck_inventory_buckets_capacity");
        var bucket = await db.InventoryBuckets.AsNoTracking().SingleAsync(b => b.PoolId == id && b.Bucket == 3);
        Assert.Equal((50, 50, 0), (bucket.Capacity, bucket.Held, bucket.Sold));

        Task<int> Hold(int quantity) => db.InventoryBuckets
            .Where(b => b.PoolId == id && b.Bucket == 3 && b.Capacity - b.Held - b.Sold >= quantity)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.Held, b => b.Held + quantity));
    }

    [Fact]
    public async Task A_sale_recorded_through_the_change_tracker_beyond_a_bucket_s_capacity_is_refused_too()
    {
        var (_, e) = await SeedAsync();
        await using var db = database.CreateContext();
        var bucket = await Buckets(db, e.TicketTypes[0].Id).FirstAsync();
        // Only a buggy use case would write this: more sold than the bucket has.
        bucket.Sold = bucket.Capacity + 1;

        var thrown = await Record.ExceptionAsync(() => db.SaveChangesAsync());

        Assert.IsType<DbUpdateException>(thrown);
        Violation.Check(thrown, Provider, "ck_inventory_buckets_capacity");
    }

    [Fact]
    public async Task A_quota_cannot_be_oversold()
    {
        var (_, e) = await SeedAsync();
        var quota = e.Quotas[0].Id;
        var type = e.TicketTypes[0].Id;
        await using var db = database.CreateContext();
        // 300 places: six buckets of 50.
        Assert.Equal(300, await Buckets(db, quota).SumAsync(b => b.Capacity));

        var thrown = await Record.ExceptionAsync(() =>
            Buckets(db, quota).ExecuteUpdateAsync(s => s.SetProperty(q => q.Sold, q => q.Capacity).SetProperty(q => q.Held, 1)));
        Violation.Check(thrown, Provider, "ck_inventory_buckets_capacity");
        Assert.Equal(6, await Buckets(db, quota).ExecuteUpdateAsync(s => s.SetProperty(q => q.Sold, q => q.Capacity - 1).SetProperty(q => q.Held, 1)));

        // The ticket type still has 500 places, but a hold must take from the quota too: refused, and the transaction
        // rolls back what the type's pool had given.
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            var refused = await Assert.ThrowsAsync<OrderingException>(() => InventoryStore.TakeAsync(db, Guid.NewGuid(),
                [new PoolDemand(type, 1, type), new PoolDemand(quota, 1, type)], asSold: false, default));
            Assert.Equal(OrderingErrorCode.SoldOut, refused.Code);
            Assert.Equal(0, refused.Remaining);
            Assert.Equal(type, refused.TicketTypeId);
        }
        var counts = await InventoryStore.ReadAsync(db, [type, quota], default);
        Assert.Equal(new PoolCounts(500, 0, 0), counts[type]);
        Assert.Equal(new PoolCounts(300, 294, 6), counts[quota]);
    }

    [Fact]
    public async Task A_promo_code_cannot_be_used_more_than_its_maximum()
    {
        var (_, e) = await SeedAsync();
        var id = e.PromoCodes.Single(p => p.Code == "SUMMER27").Id;
        await using var db = database.CreateContext();

        var thrown = await Record.ExceptionAsync(() =>
            db.PromoCodes.Where(p => p.Id == id).ExecuteUpdateAsync(s => s.SetProperty(p => p.TimesUsed, 101)));
        Violation.Check(thrown, Provider, "ck_promo_codes_uses");
        Assert.Equal(1, await db.PromoCodes.Where(p => p.Id == id).ExecuteUpdateAsync(s => s.SetProperty(p => p.TimesUsed, 100)));
    }

    [Fact]
    public async Task An_event_cannot_end_when_or_before_it_starts()
    {
        var (_, e) = await SeedAsync();
        await using var db = database.CreateContext();

        var same = await Record.ExceptionAsync(() =>
            db.Events.Where(x => x.Id == e.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.EndsAt, x => x.StartsAt)));
        Violation.Check(same, Provider, "ck_events_period");
        var before = await Record.ExceptionAsync(() =>
            db.Events.Where(x => x.Id == e.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.EndsAt, Seed.Start.AddMinutes(-1))));
        Violation.Check(before, Provider, "ck_events_period");
    }

    /// <summary>Raw SQL, as a migration script or a hand-written fix would run it: {0} is the event's slug, {1} the organization's.</summary>
    public static TheoryData<string, string> RawUpdates => new()
    {
        { "UPDATE inventory_buckets SET sold = capacity + 1 WHERE event_id IN (SELECT id FROM events WHERE slug = {0})", "ck_inventory_buckets_capacity" },
        { "UPDATE inventory_buckets SET held = capacity, sold = 1 WHERE event_id IN (SELECT id FROM events WHERE slug = {0})", "ck_inventory_buckets_capacity" },
        { "UPDATE inventory_buckets SET held = -1 WHERE event_id IN (SELECT id FROM events WHERE slug = {0})", "ck_inventory_buckets_capacity" },
        { "UPDATE inventory_buckets SET sold = -1 WHERE event_id IN (SELECT id FROM events WHERE slug = {0})", "ck_inventory_buckets_capacity" },
        { "UPDATE inventory_buckets SET capacity = -1, held = 0, sold = 0 WHERE event_id IN (SELECT id FROM events WHERE slug = {0})", "ck_inventory_buckets_capacity" },
        { "UPDATE ticket_types SET capacity = -1 WHERE event_id IN (SELECT id FROM events WHERE slug = {0})", "ck_ticket_types_capacity" },
        { "UPDATE ticket_types SET price = -1 WHERE event_id IN (SELECT id FROM events WHERE slug = {0})", "ck_ticket_types_price" },
        { "UPDATE ticket_types SET min_per_order = 0 WHERE event_id IN (SELECT id FROM events WHERE slug = {0})", "ck_ticket_types_per_order" },
        { "UPDATE ticket_types SET max_per_order = min_per_order - 1 WHERE event_id IN (SELECT id FROM events WHERE slug = {0})", "ck_ticket_types_per_order" },
        { "UPDATE ticket_types SET access_code = 'SECRET' WHERE event_id IN (SELECT id FROM events WHERE slug = {0})", "ck_ticket_types_access_code" },
        { "UPDATE inventory_buckets SET held = capacity + 1 WHERE pool_id IN (SELECT id FROM quotas WHERE event_id IN (SELECT id FROM events WHERE slug = {0}))", "ck_inventory_buckets_capacity" },
        { "UPDATE quotas SET capacity = -1 WHERE event_id IN (SELECT id FROM events WHERE slug = {0})", "ck_quotas_capacity" },
        { "UPDATE promo_codes SET times_used = -1 WHERE event_id IN (SELECT id FROM events WHERE slug = {0})", "ck_promo_codes_uses" },
        { "UPDATE promo_codes SET percent_off = 101 WHERE code = 'SUMMER27' AND event_id IN (SELECT id FROM events WHERE slug = {0})", "ck_promo_codes_discount" },
        { "UPDATE promo_codes SET amount_off = 500 WHERE code = 'SUMMER27' AND event_id IN (SELECT id FROM events WHERE slug = {0})", "ck_promo_codes_discount" },
        { "UPDATE promo_codes SET amount_off = 0 WHERE code = 'MINUS5' AND event_id IN (SELECT id FROM events WHERE slug = {0})", "ck_promo_codes_discount" },
        { "UPDATE events SET refund_policy_deadline_hours_before_start = -1 WHERE slug = {0}", "ck_events_refund_deadline" },
        { "UPDATE organization_members SET user_id = NULL WHERE organization_id IN (SELECT id FROM organizations WHERE slug = {1})", "ck_organization_members_active_has_user" },
    };

    [Theory]
    [MemberData(nameof(RawUpdates))]
    public async Task Raw_SQL_that_breaks_an_invariant_is_refused(string sql, string constraint)
    {
        var (organization, e) = await SeedAsync();
        await using var db = database.CreateContext();

        var thrown = await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync(sql, e.Slug, organization.Slug));

        Violation.Check(thrown, Provider, constraint);
    }

    [Fact]
    public async Task Two_events_cannot_share_a_slug()
    {
        var (organization, e) = await SeedAsync();
        await using var db = database.CreateContext();
        db.Events.Add(Event.Create(organization.Id, Seed.Details("Autre événement"), e.Slug, Currency.Tnd, Seed.Now));

        var thrown = await Record.ExceptionAsync(() => db.SaveChangesAsync());

        Assert.IsType<DbUpdateException>(thrown);
        Violation.Unique(thrown, Provider, "ix_events_slug", "events.slug");
    }

    [Fact]
    public async Task Two_organizations_cannot_share_a_slug()
    {
        var (organization, _) = await SeedAsync();
        await using var db = database.CreateContext();

        var thrown = await Record.ExceptionAsync(() => Seed.OrganizationAsync(db, organization.Slug));

        Violation.Unique(thrown, Provider, "ix_organizations_slug", "organizations.slug");
    }

    [Fact]
    public async Task Two_promo_codes_of_one_event_cannot_share_a_code()
    {
        var (_, e) = await SeedAsync();
        var id = e.PromoCodes.Single(p => p.Code == "MINUS5").Id;
        await using var db = database.CreateContext();

        var thrown = await Record.ExceptionAsync(() =>
            db.PromoCodes.Where(p => p.Id == id).ExecuteUpdateAsync(s => s.SetProperty(p => p.Code, "SUMMER27")));

        Violation.Unique(thrown, Provider, "ix_promo_codes_event_id_code", "promo_codes.event_id, promo_codes.code");
    }

    [Fact]
    public async Task The_same_promo_code_on_two_events_is_fine()
    {
        var (_, first) = await SeedAsync();
        var (_, second) = await SeedAsync();
        await using var db = database.CreateContext();
        Assert.Equal(2, await db.PromoCodes.CountAsync(p => p.Code == "SUMMER27" && (p.EventId == first.Id || p.EventId == second.Id)));
    }
}

public sealed class PostgresConstraintTests(PostgresDatabase database) : ConstraintTests(database), IClassFixture<PostgresDatabase>;

public sealed class SqliteConstraintTests(SqliteDatabase database) : ConstraintTests(database), IClassFixture<SqliteDatabase>;
