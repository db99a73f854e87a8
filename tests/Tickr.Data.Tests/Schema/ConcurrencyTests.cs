using Microsoft.EntityFrameworkCore;
using Tickr.Domain.Catalog;

namespace Tickr.Data.Tests.Schema;

/// <summary>
/// Optimistic concurrency: two organizers editing the same event from two screens cannot overwrite each other
/// silently; the second save fails and can be retried on fresh data.
/// </summary>
public abstract class ConcurrencyTests(ITestDatabase database)
{
    private static EventDetails Retitled(Event e, string title) =>
        new(title, e.Description, e.ImageUrl, e.StartsAt, e.EndsAt, e.TimeZoneId, e.VenueId, e.CategoryId, e.RefundPolicy);

    private async Task<Event> SeedAsync()
    {
        await using var db = database.CreateContext();
        return await Seed.EventAsync(db);
    }

    [Fact]
    public async Task Two_organizers_saving_the_same_event_the_second_gets_a_concurrency_conflict()
    {
        var seeded = await SeedAsync();
        await using var alice = database.CreateContext();
        await using var bob = database.CreateContext();
        var fromAlice = await alice.Events.SingleAsync(e => e.Id == seeded.Id);
        var fromBob = await bob.Events.SingleAsync(e => e.Id == seeded.Id);

        fromAlice.Update(Retitled(fromAlice, "Titre d'Alice"), Seed.Now.AddMinutes(1));
        await alice.SaveChangesAsync();
        fromBob.Update(Retitled(fromBob, "Titre de Bob"), Seed.Now.AddMinutes(2));

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => bob.SaveChangesAsync());

        await using var check = database.CreateContext();
        var stored = await check.Events.AsNoTracking().SingleAsync(e => e.Id == seeded.Id);
        Assert.Equal("Titre d'Alice", stored.Title);
    }

    [Fact]
    public async Task After_a_conflict_the_loser_reloads_and_saves_on_fresh_data()
    {
        var seeded = await SeedAsync();
        await using var alice = database.CreateContext();
        await using var bob = database.CreateContext();
        var fromAlice = await alice.Events.SingleAsync(e => e.Id == seeded.Id);
        var fromBob = await bob.Events.SingleAsync(e => e.Id == seeded.Id);
        fromAlice.ChangeSlug("slug-d-alice-" + Seed.Unique(), Seed.Now);
        await alice.SaveChangesAsync();
        fromBob.Update(Retitled(fromBob, "Titre de Bob"), Seed.Now);
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => bob.SaveChangesAsync());

        await bob.Entry(fromBob).ReloadAsync();
        fromBob.Update(Retitled(fromBob, "Titre de Bob"), Seed.Now);
        await bob.SaveChangesAsync();

        await using var check = database.CreateContext();
        var stored = await check.Events.AsNoTracking().SingleAsync(e => e.Id == seeded.Id);
        Assert.Equal("Titre de Bob", stored.Title);
        Assert.Equal(fromAlice.Slug, stored.Slug);
        Assert.Equal(2, await VersionAsync(check, seeded.Id));
    }

    [Fact]
    public async Task Each_save_of_a_changed_event_bumps_its_version_once()
    {
        var seeded = await SeedAsync();
        await using var db = database.CreateContext();
        Assert.Equal(0, await VersionAsync(db, seeded.Id));
        var e = await db.Events.SingleAsync(x => x.Id == seeded.Id);

        e.ChangeSlug("v1-" + Seed.Unique(), Seed.Now);
        await db.SaveChangesAsync();
        await db.SaveChangesAsync(); // nothing changed: no bump
        e.ChangeSlug("v2-" + Seed.Unique(), Seed.Now);
        await db.SaveChangesAsync();

        Assert.Equal(2, await VersionAsync(db, seeded.Id));
    }

    [Fact]
    public async Task Two_organizers_changing_the_same_ticket_type_conflict_too()
    {
        var seeded = await SeedAsync();
        var typeId = seeded.TicketTypes[0].Id;
        await using var alice = database.CreateContext();
        await using var bob = database.CreateContext();
        var fromAlice = await alice.TicketTypes.SingleAsync(t => t.Id == typeId);
        var fromBob = await bob.TicketTypes.SingleAsync(t => t.Id == typeId);

        fromAlice.SetCapacity(600);
        await alice.SaveChangesAsync();
        fromBob.SetCapacity(450);

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => bob.SaveChangesAsync());
        await using var check = database.CreateContext();
        Assert.Equal(600, (await check.TicketTypes.AsNoTracking().SingleAsync(t => t.Id == typeId)).Capacity);
    }

    private static Task<int> VersionAsync(TickrDbContext db, Guid eventId) =>
        db.Events.AsNoTracking().Where(e => e.Id == eventId).Select(e => EF.Property<int>(e, "Version")).SingleAsync();
}

public sealed class PostgresConcurrencyTests(PostgresDatabase database) : ConcurrencyTests(database), IClassFixture<PostgresDatabase>;

public sealed class SqliteConcurrencyTests(SqliteDatabase database) : ConcurrencyTests(database), IClassFixture<SqliteDatabase>;
