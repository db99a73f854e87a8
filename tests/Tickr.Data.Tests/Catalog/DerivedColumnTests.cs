using Microsoft.EntityFrameworkCore;
using Tickr.Data.Catalog;
using Tickr.Domain.Catalog;

namespace Tickr.Data.Tests.Catalog;

/// <summary>
/// Columns that search and filters read are derived from the entities on every asynchronous save: a venue's city key,
/// an event's venue text (and on SQLite its normalized search text). They must follow renames and moves.
/// </summary>
public abstract class DerivedColumnTests(ITestDatabase database)
{
    private static VenueDetails Renamed(Venue venue, string name, string city) =>
        new(name, venue.Address, city, venue.CountryCode, venue.Location, venue.Capacity);

    private async Task<string[]> SearchAsync(string text)
    {
        await using var db = database.CreateContext();
        return await EventSearch.Matching(db, db.Events.AsNoTracking(), text).Select(e => e.Slug).ToArrayAsync();
    }

    private async Task<string?> VenueTextAsync(Guid eventId)
    {
        await using var db = database.CreateContext();
        return await db.Events.Where(e => e.Id == eventId).Select(e => EF.Property<string?>(e, EventSearchText.VenueText)).SingleAsync();
    }

    /// <summary>An organization, a venue and an event held there, saved together.</summary>
    private async Task<(Venue Venue, Event Event)> SeedAsync(string venueName, string city, string title)
    {
        await using var db = database.CreateContext();
        var organization = await Seed.OrganizationAsync(db);
        var venue = Seed.Venue(organization, venueName, city);
        var e = Seed.Event(organization, title, venue: venue);
        db.Venues.Add(venue);
        db.Events.Add(e);
        await db.SaveChangesAsync();
        return (venue, e);
    }

    [Fact]
    public async Task An_event_saved_with_a_new_venue_gets_the_venue_s_name_and_city_as_search_text()
    {
        var (venue, e) = await SeedAsync("Théâtre de l'Étoile du Nord", "Béja", "Pièce du samedi");

        Assert.Equal("theatre de l'etoile du nord beja", await VenueTextAsync(e.Id));
        await using var db = database.CreateContext();
        Assert.Equal("beja", await db.Venues.Where(v => v.Id == venue.Id).Select(v => EF.Property<string>(v, EventSearchText.CityKey)).SingleAsync());
    }

    [Fact]
    public async Task Renaming_a_venue_updates_its_events_so_search_follows()
    {
        var unique = Seed.Unique();
        var (venue, e) = await SeedAsync("Salle El Hamra " + unique, "Tunis", "Pièce en trois actes");
        var (_, elsewhere) = await SeedAsync("Salle voisine " + unique, "Tunis", "Autre pièce");

        await using (var db = database.CreateContext())
        {
            var tracked = await db.Venues.SingleAsync(v => v.Id == venue.Id);
            tracked.Update(Renamed(tracked, "Salle Omek Tannou " + unique, "Sfax"));
            await db.SaveChangesAsync();
        }

        Assert.Equal($"salle omek tannou {unique} sfax", await VenueTextAsync(e.Id));
        Assert.Equal([e.Slug], await SearchAsync("tannou " + unique));
        Assert.Empty(await SearchAsync("hamra " + unique));
        Assert.Equal($"salle voisine {unique} tunis", await VenueTextAsync(elsewhere.Id));
    }

    [Fact]
    public async Task Moving_an_event_to_another_venue_updates_its_search_text()
    {
        var unique = Seed.Unique();
        var (_, e) = await SeedAsync("Acropolium " + unique, "Carthage", "Récital " + unique);
        var (other, _) = await SeedAsync("Cité de la Culture " + unique, "Tunis", "Autre récital");

        await using (var db = database.CreateContext())
        {
            var tracked = await db.Events.SingleAsync(x => x.Id == e.Id);
            tracked.Update(new EventDetails(tracked.Title, tracked.Description, tracked.ImageUrl, tracked.StartsAt, tracked.EndsAt,
                tracked.TimeZoneId, other.Id, tracked.CategoryId, tracked.RefundPolicy), Seed.Now);
            await db.SaveChangesAsync();
        }

        Assert.Equal($"cite de la culture {unique} tunis", await VenueTextAsync(e.Id));
        Assert.Empty(await SearchAsync("acropolium " + unique));
    }

    [Fact]
    public async Task Saving_synchronously_is_refused_by_design_and_writes_nothing()
    {
        await using var db = database.CreateContext();
        var organization = await Seed.OrganizationAsync(db);
        var venue = Seed.Venue(organization);
        db.Venues.Add(venue);

        // The derived columns are filled asynchronously (a venue lookup), so only SaveChangesAsync exists.
        Assert.Throws<NotSupportedException>(() => db.SaveChanges());
        Assert.Throws<NotSupportedException>(() => db.SaveChanges(acceptAllChangesOnSuccess: true));

        await using var check = database.CreateContext();
        Assert.False(await check.Venues.AnyAsync(v => v.Id == venue.Id));
    }

    [Fact]
    public async Task A_retitled_event_is_found_by_its_new_title()
    {
        var unique = Seed.Unique();
        var (_, e) = await SeedAsync("Salle " + unique, "Sousse", "Ancien titre " + unique);

        await using (var db = database.CreateContext())
        {
            var tracked = await db.Events.SingleAsync(x => x.Id == e.Id);
            tracked.Update(new EventDetails("Nouveau titre " + unique, tracked.Description, tracked.ImageUrl, tracked.StartsAt, tracked.EndsAt,
                tracked.TimeZoneId, tracked.VenueId, tracked.CategoryId, tracked.RefundPolicy), Seed.Now);
            await db.SaveChangesAsync();
        }

        Assert.Equal([e.Slug], await SearchAsync("nouveau " + unique));
        Assert.Empty(await SearchAsync("ancien " + unique));
    }
}

public sealed class PostgresDerivedColumnTests(PostgresDatabase database) : DerivedColumnTests(database), IClassFixture<PostgresDatabase>;

public sealed class SqliteDerivedColumnTests(SqliteDatabase database) : DerivedColumnTests(database), IClassFixture<SqliteDatabase>;
