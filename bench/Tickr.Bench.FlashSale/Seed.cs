using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Tickr.Data;
using Tickr.Data.Identity;
using Tickr.Domain.Catalog;
using Tickr.Domain.Common;
using Tickr.Domain.Identity;

namespace Tickr.Bench.FlashSale;

/// <summary>One published event with a single ticket type (its inventory pool = the ticket type's id).</summary>
internal sealed record SaleEvent(string Name, Guid EventId, Guid TicketTypeId, Guid OrganizationId, int Capacity, int Buckets);

/// <summary>What the benchmark seeded.</summary>
internal sealed record Seeded(IReadOnlyList<Buyer> Buyers, IReadOnlyDictionary<string, SaleEvent> Events)
{
    public SaleEvent this[string name] => Events[name];
}

/// <summary>A participant: user id and email (the token is minted later with the server's key).</summary>
internal sealed record Buyer(int Number, Guid Id, string Email);

/// <summary>
/// The benchmark's data, through the domain and Tickr.Data like the catalog benchmark's seed: one organization with
/// its owner, a venue, N buyers (Identity users inserted in one EF batch, not N registrations) and one event per
/// phase, each with one ticket type ("Normal", 25 TND) whose buckets Tickr.Data creates on SaveChanges. Buyer ids are
/// deterministic (<see cref="BuyerId"/>) so that the pgbench script can name a random buyer without a lookup.
/// The "hot" events get their pool collapsed to a single bucket afterwards (<see cref="CollapseToOneBucketAsync"/>).
/// </summary>
internal static class Seed
{
    public const long PriceMinorUnits = 25_000; // 25.000 TND

    /// <summary>Buyer n's user id: 00000000-0000-7000-8000-NNNNNNNNNNNN (hex), also built by the pgbench script.</summary>
    public static Guid BuyerId(int n) => Guid.Parse("00000000-0000-7000-8000-" + n.ToString("x12", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    public static string BuyerEmail(int n) => $"buyer{n.ToString(CultureInfo.InvariantCulture)}@flash.bench.tickr.tn";

    public static async Task<Seeded> RunAsync(TickrDbContext db, int buyers, IReadOnlyList<(string Name, int Capacity)> events, DateTimeOffset now, CancellationToken ct)
    {
        var category = await db.Categories.OrderBy(c => c.Slug).FirstAsync(ct);
        const string ownerEmail = "owner@flash.bench.tickr.tn";
        var owner = NewUser(Guid.CreateVersion7(now), ownerEmail, "Flash owner", now);
        db.Users.Add(owner);
        var organization = Organization.Create("Flash Sale Productions", "flash-sale-productions", "Benchmark organizer.", owner.Id, ownerEmail, now);
        db.Organizations.Add(organization);
        var venue = Venue.Create(organization.Id, new VenueDetails("Stade olympique de Radès", "Route de Radès", "Radès", "TN", new GeoPoint(36.7485, 10.2733), 60_000), now);
        db.Venues.Add(venue);
        var list = new List<Buyer>(buyers);
        for (var n = 1; n <= buyers; n++)
        {
            var buyer = new Buyer(n, BuyerId(n), BuyerEmail(n));
            list.Add(buyer);
            db.Users.Add(NewUser(buyer.Id, buyer.Email, "Buyer " + n.ToString(CultureInfo.InvariantCulture), now));
        }
        await db.SaveChangesAsync(ct);

        var created = new List<(string Name, Event Event, TicketType Type)>();
        var startsAt = now.AddDays(30);
        foreach (var (name, capacity) in events)
        {
            var title = "Flash sale: " + name;
            var e = Event.Create(organization.Id,
                new EventDetails(title, "The benchmark's event (" + name + ").", null, startsAt, startsAt.AddHours(3), EventTimeZone.Default, venue.Id, category.Id, new RefundPolicy(true, 48, true)),
                Slug.From(title), Currency.Tnd, now);
            var type = e.AddTicketType(new TicketTypeDetails("Normal", null, new Money(PriceMinorUnits, Currency.Tnd), capacity, MaxPerOrder: 10), now);
            e.Publish(now);
            db.Events.Add(e);
            created.Add((name, e, type));
        }
        // Tickr.Data creates each ticket type's inventory buckets here (InventoryStore.SyncPoolsAsync).
        await db.SaveChangesAsync(ct);

        var result = new Dictionary<string, SaleEvent>();
        foreach (var (name, e, type) in created)
        {
            var buckets = await db.InventoryBuckets.CountAsync(b => b.PoolId == type.Id, ct);
            result[name] = new SaleEvent(name, e.Id, type.Id, organization.Id, type.Capacity, buckets);
        }
        return new Seeded(list, result);
    }

    /// <summary>Moves a pool's whole capacity into bucket 0 and deletes the others: one hot row, as before sharding.</summary>
    public static async Task<SaleEvent> CollapseToOneBucketAsync(NpgsqlDataSource source, SaleEvent sale)
    {
        await using var command = source.CreateCommand("""
            UPDATE inventory_buckets SET capacity = (SELECT sum(capacity) FROM inventory_buckets WHERE pool_id = @pool) WHERE pool_id = @pool AND bucket = 0;
            DELETE FROM inventory_buckets WHERE pool_id = @pool AND bucket > 0;
            """);
        command.Parameters.AddWithValue("pool", sale.TicketTypeId);
        await command.ExecuteNonQueryAsync();
        return sale with { Buckets = 1 };
    }

    private static TickrUser NewUser(Guid id, string email, string name, DateTimeOffset now) => new()
    {
        Id = id,
        UserName = email,
        NormalizedUserName = email.ToUpperInvariant(),
        Email = email,
        NormalizedEmail = email.ToUpperInvariant(),
        EmailConfirmed = true,
        DisplayName = name,
        SecurityStamp = Guid.NewGuid().ToString("N"),
        ConcurrencyStamp = Guid.NewGuid().ToString(),
        CreatedAt = now,
    };
}
