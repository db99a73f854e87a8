using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Tickr.Data;
using Tickr.Data.Identity;
using Tickr.Data.Ordering;
using Tickr.Data.Providers;
using Tickr.Data.Ticketing;
using Tickr.Domain.Catalog;
using Tickr.Domain.Common;
using Tickr.Domain.Identity;
using Tickr.Domain.Ordering;
using Tickr.Domain.Ticketing;

namespace Tickr.Bench.CheckIn;

/// <summary>A scanner: a staff user (role Scanner) and the device it scans with.</summary>
internal sealed record Scanner(int Number, Guid UserId, string Email, string DeviceId);

/// <summary>A paid ticket and the token its QR code carries.</summary>
internal sealed record SoldTicket(Guid TicketId, Guid TicketTypeId, string Token);

/// <summary>What the benchmark seeded: the event, its lists by role, the scanners and the tickets.</summary>
internal sealed record Seeded(
    Guid OrganizationId,
    Guid EventId,
    Guid MeasuredList,
    Guid FloorWarmupList,
    Guid FloorList,
    IReadOnlyList<Scanner> Scanners,
    IReadOnlyList<SoldTicket> Tickets,
    Guid WarmupEventId,
    IReadOnlyList<Guid> WarmupLists,
    IReadOnlyList<SoldTicket> WarmupTickets);

/// <summary>
/// The benchmark's data, through the domain and Tickr.Data: one organization (owner + N scanner staff, invited with
/// role Scanner), a venue, one published event with one ticket type ("Normal", 25 TND), and the tickets sold the way a
/// buyer gets them — <see cref="OrderBook.ReserveAsync"/> then <see cref="OrderBook.ConfirmPaymentAsync"/> (orders of
/// 10, PAID, tickets issued), four orders at a time. Then the check-in lists (the measured one, warm-up lists, two for
/// pgbench), all admitting every type; a second event of its own for the warm-up (its tickets and lists), so that the
/// measured event's live counts only see its own admissions while check_ins is not empty; and each event's signing key, created here and stored as the server stores it
/// (private key protected by Data Protection with the key ring in the database, application "Tickr"), so that this
/// process signs the 10,000 tokens and the server verifies them with the same key.
/// </summary>
internal static class Seed
{
    public const long PriceMinorUnits = 25_000;
    private const int TicketsPerOrder = 10;

    public static async Task<Seeded> RunAsync(DbContextOptions<PostgresTickrDbContext> options, int tickets, int warmupTickets, int scanners, int warmupLists, CancellationToken ct)
    {
        var now = DateTimeOffset.UtcNow;
        Guid organizationId, eventId, warmupEventId;
        var staff = new List<Scanner>(scanners);
        var buyers = new List<(Guid Id, string Email)>();
        var lists = new List<Guid>();
        await using (var db = new PostgresTickrDbContext(options))
        {
            var category = await db.Categories.OrderBy(c => c.Slug).FirstAsync(ct);
            const string ownerEmail = "owner@checkin.bench.tickr.tn";
            var owner = NewUser(Guid.CreateVersion7(now), ownerEmail, "Check-in owner", now);
            db.Users.Add(owner);
            var organization = Organization.Create("Door Benchmark Productions", "door-benchmark-productions", "Benchmark organizer.", owner.Id, ownerEmail, now);
            db.Organizations.Add(organization);
            for (var n = 1; n <= scanners; n++)
            {
                var email = $"scanner{n.ToString(CultureInfo.InvariantCulture)}@checkin.bench.tickr.tn";
                var user = NewUser(Guid.CreateVersion7(now), email, "Scanner " + n.ToString(CultureInfo.InvariantCulture), now);
                db.Users.Add(user);
                organization.Invite(owner.Id, email, OrganizationRole.Scanner, user.Id, now);
                staff.Add(new Scanner(n, user.Id, email, $"scanner-{n.ToString("D2", CultureInfo.InvariantCulture)}"));
            }
            for (var n = 1; n <= Math.Max(1, tickets / 100); n++)
            {
                var email = $"buyer{n.ToString(CultureInfo.InvariantCulture)}@checkin.bench.tickr.tn";
                var user = NewUser(Guid.CreateVersion7(now), email, "Buyer " + n.ToString(CultureInfo.InvariantCulture), now);
                db.Users.Add(user);
                buyers.Add((user.Id, email));
            }
            var venue = Venue.Create(organization.Id, new VenueDetails("Stade olympique de Radès", "Route de Radès", "Radès", "TN", new GeoPoint(36.7485, 10.2733), 60_000), now);
            db.Venues.Add(venue);
            var startsAt = now.AddDays(30); // not within the reminders' window: no emails queued during the run
            Event NewEvent(string title, int capacity)
            {
                var e = Event.Create(organization.Id,
                    new EventDetails(title, "The check-in benchmark's event.", null, startsAt, startsAt.AddHours(3), EventTimeZone.Default, venue.Id, category.Id, new RefundPolicy(true, 48, true)),
                    Slug.From(title), Currency.Tnd, now);
                e.AddTicketType(new TicketTypeDetails("Normal", null, new Money(PriceMinorUnits, Currency.Tnd), capacity, MaxPerOrder: TicketsPerOrder), now);
                e.Publish(now);
                db.Events.Add(e);
                return e;
            }
            var measured = NewEvent("Door benchmark concert", tickets);
            var warm = NewEvent("Door benchmark warm-up", warmupTickets);
            await db.SaveChangesAsync(ct);
            organizationId = organization.Id;
            eventId = measured.Id;
            warmupEventId = warm.Id;

            var names = new List<(Guid Event, string Name)> { (eventId, "Porte principale"), (eventId, "pgbench warm-up"), (eventId, "pgbench floor") };
            names.AddRange(Enumerable.Range(1, warmupLists).Select(i => (warmupEventId, $"Warm-up {i.ToString(CultureInfo.InvariantCulture)}")));
            foreach (var (e, name) in names)
            {
                var list = CheckInList.Create(e, name, [], now);
                db.CheckInLists.Add(list);
                lists.Add(list.Id);
            }
            await db.SaveChangesAsync(ct);
        }

        await SellAsync(options, eventId, tickets, buyers, now, ct);
        await SellAsync(options, warmupEventId, warmupTickets, buyers, now, ct);
        var sold = await SignAsync(options, eventId, tickets, now, ct);
        var warmSold = await SignAsync(options, warmupEventId, warmupTickets, now, ct);
        await using (var db = new PostgresTickrDbContext(options))
        {
            // The confirmation emails the sales queued: the dispatcher would send them while the scans are measured.
            await db.Database.ExecuteSqlRawAsync("DELETE FROM outbox_messages", ct);
        }
        return new Seeded(organizationId, eventId, lists[0], lists[1], lists[2], staff, sold, warmupEventId, lists.GetRange(3, warmupLists), warmSold);
    }

    private static async Task SellAsync(DbContextOptions<PostgresTickrDbContext> options, Guid eventId, int tickets, List<(Guid Id, string Email)> buyers, DateTimeOffset now, CancellationToken ct)
    {
        // Orders of 10, reserved and paid, four at a time (each worker its own context).
        var orders = tickets / TicketsPerOrder;
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            await using var db = new PostgresTickrDbContext(options);
            int o;
            while ((o = Interlocked.Increment(ref next)) < orders)
            {
                db.ChangeTracker.Clear();
                var ev = await OrderBook.LoadEventForSaleAsync(db, eventId, ct) ?? throw new InvalidOperationException("The event vanished.");
                var buyer = buyers[o % buyers.Count];
                var request = new ReservationRequest(eventId, buyer.Id, buyer.Email, [new ReservationItem(ev.TicketTypes[0].Id, TicketsPerOrder)], null, null, null);
                var reserved = await OrderBook.ReserveAsync(db, ev, request, now, TimeSpan.FromMinutes(30), AuditSource.System, ct);
                db.ChangeTracker.Clear();
                var (outcome, _) = await OrderBook.ConfirmPaymentAsync(db, reserved.Order.Id, now, AuditSource.System, null, ct);
                if (outcome != ConfirmationOutcome.Paid)
                {
                    throw new InvalidOperationException($"Order {o}: {outcome}.");
                }
            }
        }, ct)));

    }

    // The event's key, as EventKeys stores it (private key protected by Data Protection, key ring in the database), and
    // every ticket's token signed with it.
    private static async Task<List<SoldTicket>> SignAsync(DbContextOptions<PostgresTickrDbContext> options, Guid eventId, int tickets, DateTimeOffset now, CancellationToken ct)
    {
        var services = new ServiceCollection();
        services.AddScoped<TickrDbContext>(_ => new PostgresTickrDbContext(options));
        services.AddDataProtection().SetApplicationName("Tickr").PersistKeysToDbContext<TickrDbContext>();
        await using var provider = services.BuildServiceProvider();
        var protector = provider.GetRequiredService<IDataProtectionProvider>().CreateProtector("Tickr.EventSigningKeys.v1");
        using var key = EventSigningKey.Create();
        var sold = new List<SoldTicket>(tickets);
        await using var db = new PostgresTickrDbContext(options);
        db.EventSigningKeys.Add(new EventSigningKeyRecord
        {
            EventId = eventId,
            KeyId = key.KeyId,
            PublicKey = key.ExportPublicKey(),
            ProtectedPrivateKey = protector.Protect(key.ExportPrivateKey()),
            CreatedAt = now,
        });
        await db.SaveChangesAsync(ct);
        foreach (var t in await db.Tickets.AsNoTracking().Where(t => t.EventId == eventId).OrderBy(t => t.Id).ToListAsync(ct))
        {
            sold.Add(new SoldTicket(t.Id, t.TicketTypeId, key.Sign(new TicketClaims(t.EventId, t.Id, t.TicketTypeId, t.Version))));
        }
        if (sold.Count != tickets)
        {
            throw new InvalidOperationException($"Seeded {sold.Count} tickets for event {eventId}, expected {tickets}.");
        }
        return sold;
    }

    /// <summary>A table numbering the tickets (1..N) in scan order, for pgbench (which cannot hold 10,000 UUIDs).</summary>
    public static async Task WriteScanOrderAsync(NpgsqlDataSource source, IReadOnlyList<SoldTicket> order)
    {
        await using (var create = source.CreateCommand("CREATE TABLE bench_scan_order (n int PRIMARY KEY, ticket_id uuid NOT NULL)"))
        {
            await create.ExecuteNonQueryAsync();
        }
        await using var connection = await source.OpenConnectionAsync();
        await using var writer = await connection.BeginBinaryImportAsync("COPY bench_scan_order (n, ticket_id) FROM STDIN (FORMAT BINARY)");
        for (var i = 0; i < order.Count; i++)
        {
            await writer.StartRowAsync();
            await writer.WriteAsync(i + 1, NpgsqlTypes.NpgsqlDbType.Integer);
            await writer.WriteAsync(order[i].TicketId, NpgsqlTypes.NpgsqlDbType.Uuid);
        }
        await writer.CompleteAsync();
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
